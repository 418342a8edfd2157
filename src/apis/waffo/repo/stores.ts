import type { Db } from '../../../db/open.js'

export interface StoreRow {
  id: string
  name: string
  status: string
  logo: string | null
  support_email: string | null
  website: string | null
  slug: string | null
  prod_enabled: 0 | 1
  notification_settings: string | null
  checkout_settings: string | null
  deleted_at: string | null
  created_at: string
  updated_at: string
}

/** The six delete-store blocking counts, in the order the docs list them. */
export interface BlockerCounts {
  active_products: number
  pending_orders: number
  active_subscriptions: number
  pending_tickets: number
  bound_emails: number
  bound_domains: number
}

export function storesRepo (db: Db) {
  // A deleted store has no reachable membership: it vanishes from every action.
  const role = db.prepare<[string, string], string>(`
    SELECT m.role FROM waffo_store_members m JOIN waffo_stores s ON s.id = m.store_id
    WHERE m.store_id = ? AND m.merchant_id = ? AND s.deleted_at IS NULL`).pluck()
  const blockers = db.prepare<{ id: string }, BlockerCounts>(`
    SELECT
      (SELECT count(*) FROM waffo_products WHERE store_id = @id
         AND (test_status = 'active' OR prod_status = 'active')) AS active_products,
      (SELECT count(*) FROM waffo_orders WHERE store_id = @id
         AND status NOT IN ('completed', 'canceled', 'closed', 'expired')) AS pending_orders,
      (SELECT count(*) FROM waffo_orders WHERE store_id = @id AND type = 'subscription'
         AND status IN ('active', 'canceling', 'past_due')) AS active_subscriptions,
      (SELECT count(*) FROM waffo_kyb_tickets WHERE store_id = @id
         AND status NOT IN ('succeeded', 'rejected')) AS pending_tickets,
      (SELECT count(*) FROM waffo_sender_bindings WHERE store_id = @id AND kind = 'email') AS bound_emails,
      (SELECT count(*) FROM waffo_sender_bindings WHERE store_id = @id AND kind = 'domain') AS bound_domains`)
  const softDelete = db.prepare<[string, string, string], StoreRow>(
    'UPDATE waffo_stores SET deleted_at = ?, updated_at = ? WHERE id = ? RETURNING *')

  return {
    memberRole: (storeId: string, merchantId: string) => role.get(storeId, merchantId),
    blockers: (storeId: string) => blockers.get({ id: storeId })!,
    softDelete: (storeId: string, at: string) => softDelete.get(at, at, storeId)!
  }
}
