import { changeStamp } from '../../../db/change-stamp.js'
import type { Db } from '../../../db/open.js'
import { perDatabase } from '../../../db/per-database.js'

/** Items (products, stores) kept at most per database: a few MB, whatever the catalogue's size. */
const KEPT_ITEMS = 20_000

type Items = readonly unknown[] | ReadonlyMap<unknown, unknown>
const countOf = (items: Items) => 'length' in items ? items.length : items.size

/**
 * What only a write can change, built once and kept until the next write (the change stamp), so
 * the same store read again costs no statement and no formatting. The values are shared by every
 * request that reads them until then: resolvers only read them, never change them.
 */
const keptOf = perDatabase((db: Db) => {
  const stamp = changeStamp(db)
  const values = new Map<string, Items>()
  let seen = -1
  let items = 0
  return <T extends Items>(key: string, build: () => T): T => {
    const now = stamp()
    if (now !== seen) {
      values.clear()
      items = 0
      seen = now
    }
    let value = values.get(key) as T | undefined
    if (value === undefined) {
      value = build()
      const count = countOf(value)
      if (count > KEPT_ITEMS) return value
      // The oldest go first.
      for (const [oldest, kept] of values) {
        if (items + count <= KEPT_ITEMS) break
        values.delete(oldest)
        items -= countOf(kept)
      }
      values.set(key, value)
      items += count
    }
    return value
  }
})

export const keptUntilWrite = <T extends Items>(db: Db, key: string, build: () => T): T => keptOf(db)(key, build)
