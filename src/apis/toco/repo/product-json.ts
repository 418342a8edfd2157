import type { Db } from '../../../db/open.js'
import { PRODUCT_JSON_SQL } from '../format.js'

/** Products as their wire JSON, rendered by SQLite (format.ts holds the shape): one statement a page. */
export function productJsonRepo (db: Db) {
  // No ORDER BY: an ordered group_concat copies every rendered product through a temporary b-tree.
  const page = db.prepare<{ ids: string, active: null }, [number, string]>(`
    SELECT p.rowid, ${PRODUCT_JSON_SQL} FROM json_each(@ids) j JOIN toco_products p ON p.rowid = j.value`).raw()
  const one = db.prepare<{ store: string, id: string, active: 0 | 1 | null }, string>(`
    SELECT ${PRODUCT_JSON_SQL} FROM toco_products p WHERE p.id = @id AND p.store_client_id = @store AND p.deleted_at IS NULL`).pluck()
  return {
    /** The products of these rowids, in this order, as one JSON array. */
    page (rowids: readonly number[]): string {
      const rendered = new Map(page.all({ ids: JSON.stringify(rowids), active: null }))
      return `[${rowids.flatMap((rowid) => rendered.get(rowid) ?? []).join(',')}]`
    },
    /** A live product of the store (with only its active or inactive variants, if asked), or undefined. */
    one: (store: string, id: string, activeVariants?: boolean): string | undefined =>
      one.get({ store, id, active: activeVariants === undefined ? null : activeVariants ? 1 : 0 })
  }
}
