import { changeStamp } from '../../../db/change-stamp.js'
import type { Db } from '../../../db/open.js'
import { PRODUCT_JSON_SQL } from '../format.js'

/** Rendered products kept at most, in characters (~10 MB of one-byte strings: a 10,000-product store twice over). */
const KEPT_CHARS = 10_000_000

/**
 * Products as their wire JSON, rendered by SQLite (format.ts holds the shape). A list page's
 * products are kept as rendered until the next write (the change stamp, as the product list's
 * order is): paging through a store renders each product once, not once per read.
 */
export function productJsonRepo (db: Db) {
  const render = db.prepare<{ ids: string, active: null }, [number, string]>(`
    SELECT p.rowid, ${PRODUCT_JSON_SQL} FROM json_each(@ids) j JOIN toco_products p ON p.rowid = j.value`).raw()
  const one = db.prepare<{ store: string, id: string, active: 0 | 1 | null }, string>(`
    SELECT ${PRODUCT_JSON_SQL} FROM toco_products p WHERE p.id = @id AND p.store_client_id = @store AND p.deleted_at IS NULL`).pluck()
  const changes = changeStamp(db)
  const rendered = new Map<number, string>()
  let keptChars = 0
  let stamp = -1
  return {
    /** The products of these rowids, in this order, as one JSON array. */
    page (rowids: readonly number[]): string {
      const now = changes()
      if (now !== stamp || keptChars > KEPT_CHARS) {
        rendered.clear()
        keptChars = 0
        stamp = now
      }
      const missing = rowids.filter((rowid) => !rendered.has(rowid))
      // No ORDER BY: the page's order is rowids'; an ordered statement copied every product through a temporary b-tree.
      if (missing.length > 0) {
        for (const [rowid, json] of render.all({ ids: JSON.stringify(missing), active: null })) {
          rendered.set(rowid, json)
          keptChars += json.length
        }
      }
      return `[${rowids.flatMap((rowid) => rendered.get(rowid) ?? []).join(',')}]`
    },
    /** A live product of the store (with only its active or inactive variants, if asked), or undefined. */
    one: (store: string, id: string, activeVariants?: boolean): string | undefined =>
      one.get({ store, id, active: activeVariants === undefined ? null : activeVariants ? 1 : 0 })
  }
}
