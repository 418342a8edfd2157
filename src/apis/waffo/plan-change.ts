import type { Static } from 'typebox'
import type { RequestContext } from '../../core/context.js'
import type { WaffoCaller } from './auth.js'
import { applyPlan, charge, newSessionRow, type Outcome, type Payer, payableSession, paySession, PurchaseRefusal, SESSION_SECONDS, versionIn } from './checkout.js'
import { waffoErrors } from './errors.js'
import { buyerOwns, type OrderRow } from './repo/orders.js'
import type { CheckoutSessionRow, PaymentRow } from './repo/purchases.js'
import type { CreateCheckoutSessionBody } from './routes/bodies.js'
import { emitOrderEvent } from './webhooks/events.js'

type Body = Static<typeof CreateCheckoutSessionBody>

/** Only a subscription in good standing changes plan (the mock has no separate trialing status). */
const CHANGEABLE = new Set(['active'])

/** A display amount ("9.99", "1000") as an integer of 10^-scale units. */
const units = (amount: string, scale: number) => {
  const [whole = '0', fraction = ''] = /^\d+(\.\d+)?$/.test(amount) ? amount.split('.') : ['0']
  return BigInt(whole + fraction.padEnd(scale, '0'))
}
const scaleOf = (...amounts: string[]) => Math.max(2, ...amounts.map((amount) => amount.split('.')[1]?.length ?? 0))

/** a − b, never below zero, in display format with the finer of the two scales (at least cents). */
export function difference (a: string, b: string): string {
  const scale = scaleOf(a, b)
  const diff = units(a, scale) - units(b, scale)
  const digits = (diff > 0n ? diff : 0n).toString().padStart(scale + 1, '0')
  return `${digits.slice(0, -scale)}.${digits.slice(-scale)}`
}

const isZero = (amount: string) => units(amount, scaleOf(amount)) === 0n

/** The subscription a plan change starts from, if this caller may change it (environments apart). */
function originOrder (ctx: RequestContext, who: WaffoCaller, orderId: string): OrderRow {
  const found = ctx.repos.waffo.orders.live(orderId)
  const order = found && found.mode === who.environment && found.type === 'subscription' ? found : undefined
  if (who.kind === 'buyer') {
    if (!order) throw waffoErrors.orderNotFound()
    if (order.store_id !== who.storeId || !buyerOwns(order, who.buyerIdentity)) throw waffoErrors.notCredentialsSubscription()
  } else if (!order || ctx.repos.waffo.stores.memberRole(order.store_id, who.merchantId) === undefined) {
    throw waffoErrors.orderNotFound()
  }
  if (!CHANGEABLE.has(order.status)) throw waffoErrors.planNotChangeable(order.status)
  return order
}

/** The self-service half: a group of this environment holding both plans, with selfServicePlanChange on. */
function checkSelfService (ctx: RequestContext, order: OrderRow, targetId: string): void {
  const groups = ctx.repos.waffo.groups.ofStores([order.store_id], order.mode).filter((group) => {
    const ids = JSON.parse(group.product_ids) as string[]
    return order.product_id !== null && ids.includes(order.product_id) && ids.includes(targetId)
  })
  if (groups.length === 0) throw waffoErrors.notSameGroup()
  if (!groups.some((group) => (JSON.parse(group.rules) as { selfServicePlanChange?: boolean }).selfServicePlanChange === true)) throw waffoErrors.selfServiceOff()
}

/**
 * checkout/create-session in plan change mode (`originOrderId`): a session that, once confirmed,
 * moves the subscription to `productId`, now or at its period end. A buyer session meets the
 * docs' three 403s and has the merchant-only fields dropped, as upstream does. Call inside a transaction.
 */
export function openPlanChange (ctx: RequestContext, who: WaffoCaller, body: Body & { originOrderId: string }): CheckoutSessionRow {
  const { clock, repos: { waffo } } = ctx
  const merchant = who.kind === 'merchant'
  if (merchant && body.changeAmount !== undefined && body.changeCreditAmount !== undefined) throw waffoErrors.changeAmounts()
  if (merchant && body.includePaymentMethods !== undefined && body.excludePaymentMethods !== undefined) throw waffoErrors.paymentMethodFilters()
  const order = originOrder(ctx, who, body.originOrderId)
  const product = waffo.products.live(body.productId)
  const reachable = product !== undefined && (who.kind === 'buyer'
    ? product.store_id === who.storeId
    : waffo.stores.memberRole(product.store_id, who.merchantId) !== undefined)
  if (!product || !reachable) throw waffoErrors.productNotFound()
  if (product.store_id !== order.store_id || product.type !== 'subscription') throw waffoErrors.notStorePlan()
  if (product.id === order.product_id) throw waffoErrors.samePlan()
  const version = versionIn(product, who.environment)
  if (!version) throw waffoErrors.noVersionInEnvironment()
  if (!version.active) throw waffoErrors.productInactive()
  if (order.currency !== null && body.currency !== order.currency) throw waffoErrors.planCurrency(order.currency)
  const price = version.content.prices[body.currency]
  if (!price) throw waffoErrors.currencyNotOffered(body.currency)
  if (!merchant) checkSelfService(ctx, order, product.id)

  const snapshot = merchant && body.priceSnapshot
    ? { amount: body.priceSnapshot.amount, taxCategory: body.priceSnapshot.taxCategory }
    : { amount: price.amount, taxCategory: price.taxCategory }
  const current = order.amount ?? '0.00'
  // Omitted: an upgrade takes effect now, a downgrade or same-price switch at the period end (the SDK's ChangeTiming).
  const timing = body.changeTiming ?? (isZero(difference(snapshot.amount, current)) ? 'next_period' : 'immediate')
  const credit = (merchant ? body.changeCreditAmount : undefined) ?? current
  const due = (merchant ? body.changeAmount : undefined) ?? (timing === 'immediate' ? difference(snapshot.amount, credit) : '0.00')
  const now = clock.now()
  const row = newSessionRow({
    store_id: order.store_id,
    product_id: product.id,
    mode: who.environment,
    product_version: version.version,
    currency: body.currency,
    price_snapshot: JSON.stringify(snapshot),
    trial_days: null,
    // Email and billing details come from the origin subscription.
    buyer_email: order.buyer_email,
    buyer_identity: order.buyer_identity,
    billing_detail: order.billing_detail,
    success_url: body.successUrl ?? version.content.successUrl,
    metadata: JSON.stringify((merchant ? body.metadata : undefined) ?? {}),
    external_id: (merchant ? body.orderMerchantExternalId : undefined) ?? null,
    created_at: new Date(now).toISOString(),
    expires_at: new Date(now + ((merchant ? body.expiresInSeconds : undefined) ?? SESSION_SECONDS) * 1000).toISOString(),
    origin_order_id: order.id,
    change_timing: timing,
    change_due: due
  })
  waffo.purchases.insertSession(row)
  return row
}

/**
 * The buyer confirms a plan change (the hosted page, or the admin helper): the amount due is
 * charged (nothing is charged when none is due). A declined card changes nothing
 * (`subscription.plan_change_failed`) and leaves the session open for another card; a success
 * applies the plan now (`subscription.plan_changed`) or schedules it for the period end
 * (`subscription.plan_change_scheduled`), and the card becomes the subscription's. Call inside a transaction.
 */
function confirmPlanChange (ctx: RequestContext, session: CheckoutSessionRow, outcome: Outcome, identity?: string): { session: CheckoutSessionRow, order: OrderRow, payment: PaymentRow | null } {
  const { clock, repos: { waffo } } = ctx
  const order = waffo.orders.live(session.origin_order_id!)
  if (!order || !CHANGEABLE.has(order.status)) {
    throw new PurchaseRefusal(409, 'SUBSCRIPTION_NOT_CHANGEABLE', `The subscription can no longer change plan (status: ${order?.status ?? 'deleted'})`)
  }
  // A customer link's token must be the subscription's buyer's.
  if (identity !== undefined && !buyerOwns(order, identity)) throw new PurchaseRefusal(409, 'BUYER_MISMATCH', 'This checkout belongs to another buyer')
  const at = clock.iso()
  const due = session.change_due ?? '0.00'
  const payment = isZero(due) ? null : charge(ctx, order, outcome, due, at)
  if (outcome === 'decline') {
    emitOrderEvent(ctx, 'subscription.plan_change_failed', order)
    return { session, order, payment }
  }
  waffo.purchases.setCard(order.id, 'success')
  let changed: OrderRow
  if (session.change_timing === 'immediate') {
    changed = applyPlan(ctx, order.id, session, at)
    emitOrderEvent(ctx, 'subscription.plan_changed', changed)
  } else {
    changed = waffo.purchases.schedule(order.id, session.id, at)
    emitOrderEvent(ctx, 'subscription.plan_change_scheduled', changed)
  }
  waffo.purchases.attach(session.id, order.id, at)
  return { session: waffo.purchases.session(session.id)!, order: changed, payment }
}

/** Pays a session of either kind: a new purchase (checkout.ts paySession) or a plan change. Call inside a transaction. */
export function settleSession (ctx: RequestContext, sessionId: string, outcome: Outcome, payer: Payer = {}): { session: CheckoutSessionRow, order: OrderRow, payment: PaymentRow | null } {
  const session = payableSession(ctx, sessionId)
  return session.origin_order_id === null ? paySession(ctx, sessionId, outcome, payer) : confirmPlanChange(ctx, session, outcome, payer.identity)
}
