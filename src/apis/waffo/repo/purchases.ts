import type { Db } from '../../../db/open.js'
import type { OrderRow } from './orders.js'

export interface CheckoutSessionRow {
  id: string
  store_id: string
  product_id: string
  mode: 'test' | 'prod'
  product_version: number
  currency: string
  /** JSON `{amount, taxCategory}`: what the buyer pays, frozen when the session opened. */
  price_snapshot: string
  trial_days: number | null
  buyer_email: string | null
  /** The buyer session that opened it (authenticated checkout), else null. */
  buyer_identity: string | null
  billing_detail: string | null
  success_url: string | null
  metadata: string
  external_id: string | null
  order_id: string | null
  paid_at: string | null
  created_at: string
  expires_at: string
  /** A plan change: the subscription it changes (null: a new purchase), when, and what confirming it charges. */
  origin_order_id: string | null
  change_timing: 'immediate' | 'next_period' | null
  change_due: string | null
}

export interface PaymentRow {
  id: string
  order_id: string
  store_id: string
  mode: 'test' | 'prod'
  status: 'pending' | 'succeeded' | 'failed' | 'canceled'
  amount: string
  currency: string
  created_at: string
}

export interface NewOrder {
  id: string
  storeId: string
  productId: string
  type: 'onetime' | 'subscription'
  status: string
  buyerEmail: string | null
  buyerIdentity: string | null
  currency: string
  amount: string
  mode: 'test' | 'prod'
  priceSnapshot: string
  billingDetail: string | null
  productVersion: number
  billingPeriod: string | null
  periodStart: string | null
  periodEnd: string | null
  cardOutcome: 'success' | 'decline'
  at: string
}

export interface Period { id: string, status: string, start: string, end: string, at: string }

/** A subscription's plan: what its renewals sell and charge. */
export interface Plan { id: string, productId: string, productVersion: number, amount: string, priceSnapshot: string, billingPeriod: string, at: string }

/** Checkout sessions, the orders paying them makes, and payments. */
export function purchasesRepo (db: Db) {
  const insertSession = db.prepare<CheckoutSessionRow>(`
    INSERT INTO waffo_checkout_sessions (id, store_id, product_id, mode, product_version, currency, price_snapshot, trial_days,
      buyer_email, billing_detail, success_url, metadata, external_id, order_id, paid_at, created_at, expires_at,
      origin_order_id, change_timing, change_due, buyer_identity)
    VALUES (@id, @store_id, @product_id, @mode, @product_version, @currency, @price_snapshot, @trial_days,
      @buyer_email, @billing_detail, @success_url, @metadata, @external_id, @order_id, @paid_at, @created_at, @expires_at,
      @origin_order_id, @change_timing, @change_due, @buyer_identity)`)
  const session = db.prepare<[string], CheckoutSessionRow>(`
    SELECT c.* FROM waffo_checkout_sessions c JOIN waffo_stores s ON s.id = c.store_id WHERE c.id = ? AND s.deleted_at IS NULL`)
  const attach = db.prepare<{ id: string, orderId: string, paidAt: string | null }>(
    'UPDATE waffo_checkout_sessions SET order_id = @orderId, paid_at = @paidAt WHERE id = @id')
  const insertOrder = db.prepare<NewOrder, OrderRow>(`
    INSERT INTO waffo_orders (id, store_id, product_id, type, status, created_at, updated_at, buyer_email, currency, amount,
      current_period_end, canceled_at, unpaid_balance, mode, current_period_start, price_snapshot, billing_detail, product_version,
      billing_period, card_outcome, buyer_identity)
    VALUES (@id, @storeId, @productId, @type, @status, @at, @at, @buyerEmail, @currency, @amount,
      @periodEnd, NULL, 0, @mode, @periodStart, @priceSnapshot, @billingDetail, @productVersion, @billingPeriod, @cardOutcome, @buyerIdentity)
    RETURNING *`)
  const setPeriod = db.prepare<Period, OrderRow>(`
    UPDATE waffo_orders SET status = @status, current_period_start = @start, current_period_end = @end, updated_at = @at
    WHERE id = @id RETURNING *`)
  const setCard = db.prepare<{ id: string, outcome: string }, OrderRow>('UPDATE waffo_orders SET card_outcome = @outcome WHERE id = @id RETURNING *')
  const setPlan = db.prepare<Plan, OrderRow>(`
    UPDATE waffo_orders SET product_id = @productId, product_version = @productVersion, amount = @amount, price_snapshot = @priceSnapshot,
      billing_period = @billingPeriod, scheduled_change = NULL, updated_at = @at
    WHERE id = @id RETURNING *`)
  const schedule = db.prepare<{ id: string, sessionId: string | null, at: string }, OrderRow>(
    'UPDATE waffo_orders SET scheduled_change = @sessionId, updated_at = @at WHERE id = @id RETURNING *')
  const insertPayment = db.prepare<PaymentRow, PaymentRow>(`
    INSERT INTO waffo_payments (id, order_id, store_id, mode, status, amount, currency, created_at)
    VALUES (@id, @order_id, @store_id, @mode, @status, @amount, @currency, @created_at) RETURNING *`)
  const paymentsOf = db.prepare<[string], PaymentRow>('SELECT * FROM waffo_payments WHERE order_id = ? ORDER BY created_at, rowid')
  const paymentsOfStore = db.prepare<[string, string], PaymentRow>('SELECT * FROM waffo_payments WHERE store_id = ? AND mode = ? ORDER BY created_at, rowid')
  const sessionsOfStore = db.prepare<[string], CheckoutSessionRow>('SELECT * FROM waffo_checkout_sessions WHERE store_id = ? ORDER BY created_at, rowid')
  const nextRenewal = db.prepare<[], string | null>(
    "SELECT min(current_period_end) FROM waffo_orders WHERE status = 'active' AND type = 'subscription' AND billing_period IS NOT NULL").pluck()
  const dueRenewals = db.prepare<{ now: string }, OrderRow>(`
    SELECT * FROM waffo_orders WHERE status = 'active' AND type = 'subscription' AND billing_period IS NOT NULL
      AND current_period_end <= @now ORDER BY current_period_end, rowid`)
  return {
    insertSession: (row: CheckoutSessionRow) => { insertSession.run(row) },
    session: (id: string) => session.get(id),
    attach: (id: string, orderId: string, paidAt: string | null) => { attach.run({ id, orderId, paidAt }) },
    createOrder: (order: NewOrder) => insertOrder.get(order)!,
    setPeriod: (period: Period) => setPeriod.get(period)!,
    setCard: (id: string, outcome: 'success' | 'decline') => setCard.get({ id, outcome }),
    /** The subscription moves to another plan (a scheduled change, if any, is spent). */
    setPlan: (plan: Plan) => setPlan.get(plan)!,
    /** The paid next_period session the next renewal applies, or null to drop it. */
    schedule: (id: string, sessionId: string | null, at: string) => schedule.get({ id, sessionId, at })!,
    pay: (payment: PaymentRow) => insertPayment.get(payment)!,
    paymentsOf: (orderId: string) => paymentsOf.all(orderId),
    paymentsOfStores: (storeIds: readonly string[], mode: 'test' | 'prod') => storeIds.flatMap((storeId) => paymentsOfStore.all(storeId, mode)),
    sessionsOfStores: (storeIds: readonly string[]) => storeIds.flatMap((storeId) => sessionsOfStore.all(storeId)),
    /** The earliest period end an active subscription bought through checkout waits for. */
    nextRenewal: () => nextRenewal.get() ?? null,
    dueRenewals: (now: string) => dueRenewals.all({ now })
  }
}
