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

export interface NewStore {
  id: string
  name: string
  slug: string
  notificationSettings: string
  checkoutSettings: string
  at: string
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
  // Orders count in the caller's environment only: a test key never sees prod orders (issue 17).
  const blockers = db.prepare<{ id: string, mode: 'test' | 'prod' }, BlockerCounts>(`
    SELECT
      (SELECT count(*) FROM waffo_products WHERE store_id = @id
         AND (test_status = 'active' OR prod_status = 'active')) AS active_products,
      (SELECT count(*) FROM waffo_orders WHERE store_id = @id AND mode = @mode
         AND status NOT IN ('completed', 'canceled', 'closed', 'expired')) AS pending_orders,
      (SELECT count(*) FROM waffo_orders WHERE store_id = @id AND mode = @mode AND type = 'subscription'
         AND status IN ('active', 'canceling', 'past_due')) AS active_subscriptions,
      (SELECT count(*) FROM waffo_kyb_tickets WHERE store_id = @id
         AND status NOT IN ('succeeded', 'rejected')) AS pending_tickets,
      (SELECT count(*) FROM waffo_sender_bindings WHERE store_id = @id AND kind = 'email') AS bound_emails,
      (SELECT count(*) FROM waffo_sender_bindings WHERE store_id = @id AND kind = 'domain') AS bound_domains`)
  const softDelete = db.prepare<[string, string, string], StoreRow>(
    'UPDATE waffo_stores SET deleted_at = ?, updated_at = ? WHERE id = ? RETURNING *')
  const byId = db.prepare<[string], StoreRow>('SELECT * FROM waffo_stores WHERE id = ?')
  // Deleted stores free their slot: the limit is on live stores the merchant owns.
  const ownedLive = db.prepare<[string], number>(`
    SELECT count(*) FROM waffo_store_members m JOIN waffo_stores s ON s.id = m.store_id
    WHERE m.merchant_id = ? AND m.role = 'owner' AND s.deleted_at IS NULL`).pluck()
  const slugTaken = db.prepare<[string]>('SELECT 1 FROM waffo_stores WHERE slug = ?').pluck()
  const insert = db.prepare<NewStore, StoreRow>(`
    INSERT INTO waffo_stores (id, name, status, logo, support_email, website, slug, prod_enabled,
      notification_settings, checkout_settings, deleted_at, created_at, updated_at)
    VALUES (@id, @name, 'active', NULL, NULL, NULL, @slug, 0, @notificationSettings, @checkoutSettings, NULL, @at, @at)
    RETURNING *`)
  const addOwner = db.prepare<{ storeId: string, merchantId: string, at: string }>(
    "INSERT INTO waffo_store_members (store_id, merchant_id, role, created_at) VALUES (@storeId, @merchantId, 'owner', @at)")
  const update = db.prepare<StoreRow, StoreRow>(`
    UPDATE waffo_stores SET name = @name, status = @status, logo = @logo, notification_settings = @notification_settings,
      checkout_settings = @checkout_settings, updated_at = @updated_at WHERE id = @id RETURNING *`)
  const visible = db.prepare<[string], StoreRow & { role: string }>(`
    SELECT s.*, m.role FROM waffo_stores s JOIN waffo_store_members m ON m.store_id = s.id
    WHERE m.merchant_id = ? AND s.deleted_at IS NULL ORDER BY s.created_at, s.rowid`)

  return {
    memberRole: (storeId: string, merchantId: string) => role.get(storeId, merchantId),
    blockers: (storeId: string, environment: 'test' | 'prod') => blockers.get({ id: storeId, mode: environment })!,
    softDelete: (storeId: string, at: string) => softDelete.get(at, at, storeId)!,
    byId: (storeId: string) => byId.get(storeId),
    ownedLiveCount: (merchantId: string) => ownedLive.get(merchantId)!,
    slugTaken: (slug: string) => slugTaken.get(slug) !== undefined,
    /** A new store with its creator as owner. */
    create: (store: NewStore, merchantId: string) => {
      const row = insert.get(store)!
      addOwner.run({ storeId: store.id, merchantId, at: store.at })
      return row
    },
    update: (row: StoreRow) => update.get(row)!,
    /** Live stores the merchant is a member of (any role), oldest first. */
    visibleTo: (merchantId: string) => visible.all(merchantId)
  }
}
