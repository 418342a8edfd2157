import type { Db } from '../../../db/open.js'

export interface OrderRow {
  id: string
  store_client_id: string
  invoice_number: string
  status: string
  total: number
  /** JSON: items, buyer, payment, delivery as the fixtures gave them. */
  details: string
  created_at: string
  updated_at: string
}

export function ordersRepo (db: Db) {
  const byRef = db.prepare<{ store: string, ref: string }, OrderRow>(`SELECT * FROM toco_orders
    WHERE store_client_id = @store AND (id = @ref OR invoice_number = @ref) ORDER BY id = @ref DESC LIMIT 1`)
  return {
    /** An order of this store by its id or its invoice number (the id wins if both match). */
    find: (store: string, ref: string) => byRef.get({ store, ref })
  }
}
