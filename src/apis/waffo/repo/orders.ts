import type { Db } from '../../../db/open.js'

export interface OrderRow {
  id: string
  store_id: string
  product_id: string | null
  type: 'onetime' | 'subscription'
  status: string
  created_at: string
  updated_at: string
  buyer_email: string | null
  currency: string | null
  amount: string | null
  current_period_end: string | null
  canceled_at: string | null
  unpaid_balance: 0 | 1
  mode: 'test' | 'prod'
  current_period_start: string | null
  price_snapshot: string | null
  billing_detail: string | null
  product_version: number | null
  billing_period: string | null
  card_outcome: 'success' | 'decline'
  /** A paid next_period plan-change session: its plan takes over at the next renewal. */
  scheduled_change: string | null
  /** The buyer identity it is bound to (authenticated checkout); null: its buyerEmail's. */
  buyer_identity: string | null
}

/**
 * Whether a buyer session's identity owns the order: the identity it is bound to, exactly (a
 * merchant's own stable identifier), or, unbound, its buyerEmail (trimmed, case-insensitive).
 */
export function buyerOwns (order: Pick<OrderRow, 'buyer_identity' | 'buyer_email'>, identity: string): boolean {
  if (order.buyer_identity !== null) return order.buyer_identity === identity
  return order.buyer_email !== null && order.buyer_email.trim().toLowerCase() === identity.trim().toLowerCase()
}

export interface OrderChange { id: string, status: string, canceledAt: string | null, unpaidBalance: 0 | 1, at: string }

/** Orders: fixtures and checkout (purchases.ts) make them; the order actions and the ticks move their status. */
export function ordersRepo (db: Db) {
  const live = db.prepare<[string], OrderRow>(`
    SELECT o.* FROM waffo_orders o JOIN waffo_stores s ON s.id = o.store_id
    WHERE o.id = ? AND s.deleted_at IS NULL`)
  // One indexed lookup per store (a json_each IN list scanned the table).
  const ofStore = db.prepare<[string, string], OrderRow>(
    'SELECT * FROM waffo_orders WHERE store_id = ? AND type = ? ORDER BY created_at, rowid')
  const change = db.prepare<OrderChange, OrderRow>(`
    UPDATE waffo_orders SET status = @status, canceled_at = @canceledAt, unpaid_balance = @unpaidBalance, updated_at = @at
    WHERE id = @id RETURNING *`)
  // The partial index waffo_orders_canceling makes both of these an index probe.
  const nextDue = db.prepare<[], string | null>(
    "SELECT min(current_period_end) FROM waffo_orders WHERE status = 'canceling' AND current_period_end IS NOT NULL").pluck()
  const endPeriods = db.prepare<{ now: string }, OrderRow>(`
    UPDATE waffo_orders SET status = 'canceled', canceled_at = current_period_end, updated_at = current_period_end
    WHERE status = 'canceling' AND current_period_end IS NOT NULL AND current_period_end <= @now RETURNING *`)
  return {
    live: (id: string) => live.get(id),
    ofStores: (storeIds: readonly string[], type: 'onetime' | 'subscription') => storeIds.flatMap((storeId) => ofStore.all(storeId, type)),
    change: (order: OrderChange) => change.get(order)!,
    /** The earliest period end a canceling subscription waits for (ISO), or null. */
    nextPeriodEnd: () => nextDue.get() ?? null,
    /** Canceling subscriptions whose period ended by `now` become canceled, as the PSP's webhook would make them. */
    endPeriods: (now: string) => endPeriods.all({ now })
  }
}
