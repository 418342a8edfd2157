import { changeStamp } from '../../../db/change-stamp.js'
import type { Db } from '../../../db/open.js'
import { perDatabase } from '../../../db/per-database.js'

/** Values kept at most per database (a store's products of one type and environment, a merchant's stores). */
const KEPT = 64

/**
 * What only a write can change, built once and kept until the next write (the change stamp), so
 * the same store read again costs no statement and no formatting. The values are shared by every
 * request that reads them until then: resolvers only read them, never change them.
 */
const keptOf = perDatabase((db: Db) => {
  const stamp = changeStamp(db)
  const values = new Map<string, unknown>()
  let seen = -1
  return <T>(key: string, build: () => T): T => {
    const now = stamp()
    if (now !== seen) {
      values.clear()
      seen = now
    }
    let value = values.get(key) as T | undefined
    if (value === undefined) {
      value = build()
      if (values.size >= KEPT) values.delete(values.keys().next().value!)
      values.set(key, value)
    }
    return value
  }
})

export const keptUntilWrite = <T>(db: Db, key: string, build: () => T): T => keptOf(db)(key, build)
