import { randomUUID } from 'node:crypto'
import type { RequestContext } from '../../core/context.js'
import { parseContent, type BillingPeriod, type ProductContent } from './catalog/content.js'
import { shortId } from './ids.js'
import type { OrderRow } from './repo/orders.js'
import type { ProductRow } from './repo/products.js'
import type { CheckoutSessionRow, PaymentRow } from './repo/purchases.js'
import { emitOrderEvent } from './webhooks/events.js'

/** What a charge does: the sandbox's success card, or its declined card. */
export type Outcome = 'success' | 'decline'
export const OUTCOMES = ['success', 'decline'] as const

/** The SDK's `PaymentMethod`s. */
const PAYMENT_METHODS = ['card', 'applepay', 'googlepay', 'wechat'] as const

type Method = typeof PAYMENT_METHODS[number]
const CARDS: readonly Method[] = ['card', 'applepay', 'googlepay']
/**
 * What can be charged, by product type and currency (the SDK's `PaymentMethod` docs): a currency
 * outside it cannot be charged at all, and a method offered must be one the pair supports.
 */
export const CHARGEABLE: Readonly<Record<'onetime' | 'subscription', Readonly<Record<string, readonly Method[]>>>> = {
  onetime: { USD: PAYMENT_METHODS, EUR: CARDS, GBP: CARDS, HKD: CARDS, JPY: CARDS, CNY: ['wechat'] },
  subscription: { USD: CARDS, EUR: CARDS, GBP: CARDS, HKD: CARDS, JPY: CARDS }
}

/** Default session lifetime ("default: 45 minutes"), on the mock's clock. */
export const SESSION_SECONDS = 45 * 60

export interface PriceSnapshot { amount: string, taxCategory: string, trialAmount?: string }

/** The product's version in an environment, or why there is none. */
export function versionIn (product: ProductRow, environment: 'test' | 'prod'):
  { content: ProductContent, version: number, active: boolean } | undefined {
  if (environment === 'test') return { content: parseContent(product.test_content), version: product.test_version, active: product.test_status === 'active' }
  if (product.prod_content === null || product.prod_version === null) return undefined
  return { content: parseContent(product.prod_content), version: product.prod_version, active: product.prod_status === 'active' }
}

const MONTHS: Record<BillingPeriod, number> = { weekly: 0, monthly: 1, quarterly: 3, yearly: 12 }

/** The end of a period that starts at `start`: a week, or whole months (clamped to the month's last day). */
export function periodEnd (start: string, period: BillingPeriod): string {
  const from = new Date(start)
  if (period === 'weekly') return new Date(from.getTime() + 7 * 86_400_000).toISOString()
  const months = from.getUTCMonth() + MONTHS[period]
  const year = from.getUTCFullYear() + Math.floor(months / 12)
  const month = months % 12
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate()
  const end = new Date(from)
  end.setUTCFullYear(year, month, Math.min(from.getUTCDate(), lastDay))
  return end.toISOString()
}

export class PurchaseRefusal extends Error {
  constructor (readonly status: number, readonly code: string, message: string) { super(message) }
}

type PlanChangeFields = 'origin_order_id' | 'change_timing' | 'change_due'

/** A new session's row (the caller has checked the product, the price and the fields); a new purchase unless the plan-change fields say otherwise. */
export function newSessionRow (fields: Omit<CheckoutSessionRow, 'id' | 'order_id' | 'paid_at' | PlanChangeFields> & Partial<Pick<CheckoutSessionRow, PlanChangeFields>>): CheckoutSessionRow {
  return { id: randomUUID(), order_id: null, paid_at: null, origin_order_id: null, change_timing: null, change_due: null, ...fields }
}

/** A charge on the order's behalf, succeeded or failed as the card says. */
export function charge (ctx: RequestContext, order: OrderRow, outcome: Outcome, amount: string, at: string): PaymentRow {
  return ctx.repos.waffo.purchases.pay({
    id: shortId('PAY'),
    order_id: order.id,
    store_id: order.store_id,
    mode: order.mode,
    status: outcome === 'success' ? 'succeeded' : 'failed',
    amount,
    currency: order.currency ?? 'USD',
    created_at: at
  })
}

/** A session that can still be paid (or confirmed), else the refusal. */
export function payableSession (ctx: RequestContext, sessionId: string): CheckoutSessionRow {
  const session = ctx.repos.waffo.purchases.session(sessionId)
  if (!session) throw new PurchaseRefusal(404, 'UNKNOWN_SESSION', `No checkout session "${sessionId}"`)
  return refuseUnpayable(ctx, session)
}

/**
 * The session, if the buyer may still pay it: not paid, not expired, and the order a declined
 * attempt made still pending (a canceled order is final: paying must not bring it back to life).
 */
export function refuseUnpayable (ctx: RequestContext, session: CheckoutSessionRow): CheckoutSessionRow {
  if (session.paid_at !== null) throw new PurchaseRefusal(409, 'SESSION_PAID', 'This checkout session has already been paid')
  if (session.expires_at <= ctx.clock.iso()) throw new PurchaseRefusal(410, 'SESSION_EXPIRED', 'This checkout session has expired')
  const order = session.order_id === null ? undefined : ctx.repos.waffo.orders.live(session.order_id)
  if (order && order.status !== 'pending') throw new PurchaseRefusal(409, 'ORDER_NOT_PAYABLE', `The order of this checkout session is ${order.status} and can no longer be paid`)
  return session
}

/**
 * The subscription takes the plan a plan-change session sells: its product, version, price and
 * billing period (the period it is in runs on). Call inside a transaction.
 */
export function applyPlan (ctx: RequestContext, orderId: string, session: CheckoutSessionRow, at: string): OrderRow {
  const product = ctx.repos.waffo.products.live(session.product_id)
  const billingPeriod = (product && versionIn(product, session.mode)?.content.billingPeriod) ?? 'monthly'
  const snapshot = JSON.parse(session.price_snapshot) as PriceSnapshot
  return ctx.repos.waffo.purchases.setPlan({
    id: orderId,
    productId: session.product_id,
    productVersion: session.product_version,
    amount: snapshot.amount,
    priceSnapshot: JSON.stringify({ amount: snapshot.amount, taxCategory: snapshot.taxCategory }),
    billingPeriod,
    at
  })
}

/**
 * A checkout bound to one buyer (opened with its session token, or a declined attempt made with
 * it) refuses another buyer's token or identity: 409 BUYER_MISMATCH, nothing written.
 */
export function refuseOtherBuyer (boundTo: string | null, identity: string | undefined): void {
  if (identity !== undefined && boundTo !== null && identity !== boundTo) {
    throw new PurchaseRefusal(409, 'BUYER_MISMATCH', 'This checkout belongs to another buyer')
  }
}

/** Who pays: the email typed on the page, and the buyer identity of the authenticated checkout's token (or the admin helper's). */
export interface Payer { email?: string | undefined, identity?: string | undefined }

/**
 * The buyer pays a session (the hosted page, or the admin helper). The first attempt makes the
 * order (pending); a declined card leaves it pending with a failed payment and the session open
 * for another try; a success completes a one-time order, or starts a subscription's first period
 * (its trial, when the session has one). Call inside a transaction.
 */
export function paySession (ctx: RequestContext, sessionId: string, outcome: Outcome, payer: Payer = {}): { session: CheckoutSessionRow, order: OrderRow, payment: PaymentRow } {
  const { clock, repos: { waffo } } = ctx
  const session = payableSession(ctx, sessionId)
  const at = clock.iso()
  const product = waffo.products.live(session.product_id)
  if (!product) throw new PurchaseRefusal(404, 'UNKNOWN_PRODUCT', 'The product of this checkout session no longer exists')
  const snapshot = JSON.parse(session.price_snapshot) as PriceSnapshot
  const version = versionIn(product, session.mode)
  const billingPeriod = product.type === 'subscription' ? (version?.content.billingPeriod ?? 'monthly') : null
  const existing = session.order_id === null ? undefined : waffo.orders.live(session.order_id)
  refuseOtherBuyer(session.buyer_identity ?? existing?.buyer_identity ?? null, payer.identity)
  const order = existing ?? waffo.purchases.createOrder({
    id: shortId('ORD'),
    storeId: session.store_id,
    productId: session.product_id,
    type: product.type,
    status: 'pending',
    buyerEmail: session.buyer_email ?? payer.email ?? null,
    buyerIdentity: session.buyer_identity ?? payer.identity ?? null,
    currency: session.currency,
    amount: snapshot.amount,
    mode: session.mode,
    priceSnapshot: JSON.stringify({ amount: snapshot.amount, taxCategory: snapshot.taxCategory }),
    billingDetail: session.billing_detail,
    productVersion: session.product_version,
    billingPeriod,
    periodStart: null,
    periodEnd: null,
    cardOutcome: outcome,
    at
  })
  const trial = session.trial_days !== null
  const payment = charge(ctx, order, outcome, trial ? (snapshot.trialAmount ?? '0.00') : snapshot.amount, at)
  if (outcome === 'decline') {
    waffo.purchases.attach(session.id, order.id, null)
    waffo.purchases.setCard(order.id, 'decline')
    return { session: waffo.purchases.session(session.id)!, order: waffo.orders.live(order.id)!, payment }
  }
  waffo.purchases.setCard(order.id, 'success')
  let paid: OrderRow
  if (product.type === 'onetime') {
    paid = waffo.orders.change({ id: order.id, status: 'completed', canceledAt: null, unpaidBalance: 0, at })
    emitOrderEvent(ctx, 'order.completed', paid, payment)
  } else {
    const end = trial ? new Date(Date.parse(at) + session.trial_days! * 86_400_000).toISOString() : periodEnd(at, billingPeriod as BillingPeriod)
    paid = waffo.purchases.setPeriod({ id: order.id, status: 'active', start: at, end, at })
    emitOrderEvent(ctx, 'subscription.activated', paid)
    emitOrderEvent(ctx, 'subscription.payment_succeeded', paid, payment)
  }
  waffo.purchases.attach(session.id, order.id, at)
  return { session: waffo.purchases.session(session.id)!, order: paid, payment }
}

/** At most this many missed periods of one subscription are charged when the clock catches up. */
export const MAX_CATCH_UP = 1000

/** The start of the period (of this length, from `end` on) that holds `now`. */
function lastPeriodStart (end: string, period: BillingPeriod, now: string): string {
  if (period === 'weekly') {
    const week = 7 * 86_400_000
    const from = Date.parse(end)
    return new Date(from + Math.floor((Date.parse(now) - from) / week) * week).toISOString()
  }
  let start = end
  for (let next = periodEnd(start, period); next <= now; next = periodEnd(start, period)) start = next
  return start
}

/**
 * Renewals on the mock's clock: each active subscription whose period ended is charged at its
 * period end, in time order, until none is due (a year's jump renews every month). The card
 * decides: success moves the period on (`subscription.renewed`), decline makes it past_due.
 * A plan change scheduled for the period end is charged at the new price: success applies it
 * first (`subscription.plan_changed`), decline drops it (`subscription.plan_change_failed`).
 * A gap of more than MAX_CATCH_UP periods is charged MAX_CATCH_UP times, then once for the
 * period that holds `now`. Call inside a transaction.
 */
export function renewDue (ctx: RequestContext, now: string): void {
  const { waffo } = ctx.repos
  const renewed = new Map<string, number>()
  for (;;) {
    const due = waffo.purchases.dueRenewals(now)
    if (due.length === 0) return
    for (const order of due) {
      const count = (renewed.get(order.id) ?? 0) + 1
      renewed.set(order.id, count)
      // Past MAX_CATCH_UP periods, the rest of the gap is skipped uncharged: the renewal below is
      // the period that holds `now` (a clock moved to 9997 would otherwise charge weekly for minutes).
      const at = count > MAX_CATCH_UP ? lastPeriodStart(order.current_period_end!, order.billing_period as BillingPeriod, now) : order.current_period_end!
      const scheduled = order.scheduled_change === null ? undefined : waffo.purchases.session(order.scheduled_change)
      const amount = scheduled ? (JSON.parse(scheduled.price_snapshot) as PriceSnapshot).amount : order.amount ?? '0.00'
      const payment = charge(ctx, order, order.card_outcome, amount, at)
      if (order.card_outcome === 'success') {
        const plan = scheduled ? applyPlan(ctx, order.id, scheduled, at) : order
        const next = waffo.purchases.setPeriod({ id: order.id, status: 'active', start: at, end: periodEnd(at, plan.billing_period as BillingPeriod), at })
        // The new plan's first period is the one just started.
        if (scheduled) emitOrderEvent(ctx, 'subscription.plan_changed', next)
        emitOrderEvent(ctx, 'subscription.renewed', next)
        emitOrderEvent(ctx, 'subscription.payment_succeeded', next, payment)
      } else {
        if (scheduled) emitOrderEvent(ctx, 'subscription.plan_change_failed', waffo.purchases.schedule(order.id, null, at))
        const late = waffo.orders.change({ id: order.id, status: 'past_due', canceledAt: null, unpaidBalance: 0, at })
        emitOrderEvent(ctx, 'subscription.past_due', late)
      }
    }
  }
}

/**
 * A subscription's card changes (the admin helper). A past-due subscription given a working
 * card is charged at once and recovers: active, a new period from now.
 */
export function changeCard (ctx: RequestContext, order: OrderRow, outcome: Outcome): OrderRow {
  const { clock, repos: { waffo } } = ctx
  const changed = waffo.purchases.setCard(order.id, outcome)!
  if (outcome !== 'success' || order.status !== 'past_due' || order.billing_period === null) return changed
  const at = clock.iso()
  const payment = charge(ctx, changed, 'success', order.amount ?? '0.00', at)
  const recovered = waffo.purchases.setPeriod({ id: order.id, status: 'active', start: at, end: periodEnd(at, order.billing_period as BillingPeriod), at })
  emitOrderEvent(ctx, 'subscription.recovered', recovered)
  emitOrderEvent(ctx, 'subscription.payment_succeeded', recovered, payment)
  return recovered
}
