/**
 * What checkout left behind for an order (its session: the trial, the business number), read
 * once per request for all the caller's stores, and the payment and order details the guide
 * selects (snapshotAmountDetails, cardInfo, priceSnapshot phases).
 */
import type { PaymentRow } from '../repo/purchases.js'
import { cardLast4 } from '../cards.js'
import { idList, prepared } from './statements.js'
import type { ReadContext } from './resolvers.js'

export interface Checkout { order_id: string, price_snapshot: string, trial_days: number | null, external_id: string | null, paid_at: string | null }

const CHECKOUTS = `SELECT order_id, price_snapshot, trial_days, external_id, paid_at FROM waffo_checkout_sessions
  WHERE order_id IS NOT NULL AND store_id IN (SELECT value FROM json_each(?))`

/** The paid (or attempted) session of each order of the caller's stores, by order id. */
export function checkouts (ctx: ReadContext, storeIds: readonly string[]): Map<string, Checkout> {
  if (!ctx.checkouts) {
    ctx.checkouts = new Map()
    for (const row of prepared<[string], Checkout>(ctx.db, CHECKOUTS).all(idList(storeIds))) ctx.checkouts.set(row.order_id, row)
  }
  return ctx.checkouts
}

const NO_TAX = '0.00'
/** The sandbox's two cards (a Visa credit each): the one that pays, the one that is declined. */
export const DECLINED = 'card_declined'

interface Snapshot { amount: string, taxCategory: string, trialAmount?: string }
const phase = (amount: string, taxCategory: string) => ({ subtotal: amount, taxAmount: NO_TAX, total: amount, taxCategory })

export function onetimeSnapshot (currency: string | null, snapshot: Snapshot | null) {
  return snapshot && currency ? { currency, ...phase(snapshot.amount, snapshot.taxCategory) } : null
}

export function subscriptionSnapshot (currency: string | null, snapshot: Snapshot | null, checkout: Checkout | undefined) {
  if (!snapshot || !currency) return null
  const trial = checkout?.trial_days ?? null
  const trialAmount = checkout ? (JSON.parse(checkout.price_snapshot) as Snapshot).trialAmount ?? NO_TAX : NO_TAX
  return {
    currency,
    regularPhase: phase(snapshot.amount, snapshot.taxCategory),
    specialPhase: trial === null ? null : phase(trialAmount, snapshot.taxCategory),
    specialPhaseDays: trial
  }
}

/** A subscription's charge during its trial is the special phase; a one-time order has no phase. */
function phaseOf (payment: PaymentRow, type: string, checkout: Checkout | undefined): string | null {
  if (type !== 'subscription') return null
  if (!checkout || checkout.trial_days === null) return 'regular'
  if (checkout.paid_at === null) return 'special'
  return Date.parse(payment.created_at) < Date.parse(checkout.paid_at) + checkout.trial_days * 86_400_000 ? 'special' : 'regular'
}

export function paymentDetails (payment: PaymentRow, order: { type: string, price_snapshot: string | null } | undefined, checkout: Checkout | undefined) {
  const snapshot = order?.price_snapshot ? JSON.parse(order.price_snapshot) as Snapshot : null
  const last4 = cardLast4(payment.status)
  return {
    orderMerchantExternalId: checkout?.external_id ?? null,
    failureReason: payment.status === 'failed' ? DECLINED : null,
    snapshotAmountDetails: {
      currency: payment.currency,
      ...phase(payment.amount, snapshot?.taxCategory ?? ''),
      taxCategory: snapshot?.taxCategory ?? null,
      phase: order ? phaseOf(payment, order.type, checkout) : null
    },
    cardInfo: last4 ? { brand: 'visa', last4, expMonth: null, expYear: null } : null
  }
}
