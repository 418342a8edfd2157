import type { WebhookEvent, WebhookEventData, WebhookEventType } from '@waffo/pancake-ts'
import Type from 'typebox'
import type { RequestContext } from '../../../core/context.js'
import { parseContent } from '../catalog/content.js'
import type { OrderRow } from '../repo/orders.js'
import type { PaymentRow } from '../repo/purchases.js'
import { cardLast4 } from '../cards.js'
import type { RefundRow } from '../repo/refunds.js'
import type { WebhookRow } from '../repo/webhooks.js'

/** The 14 event types, as the SDK's WebhookEventType enum lists them (the compiler holds the two equal). */
export const WEBHOOK_EVENTS = [
  'order.completed', 'subscription.activated', 'subscription.payment_succeeded', 'subscription.renewed',
  'subscription.recovered', 'subscription.plan_changed', 'subscription.plan_change_scheduled',
  'subscription.plan_change_failed', 'subscription.canceling', 'subscription.uncanceled', 'subscription.canceled',
  'subscription.past_due', 'refund.succeeded', 'refund.failed'
] as const satisfies ReadonlyArray<`${WebhookEventType}`>
export type WaffoEvent = typeof WEBHOOK_EVENTS[number]
/** Fails to compile if the SDK gains an event type this list lacks. */
export const EVERY_SDK_EVENT: Exclude<`${WebhookEventType}`, WaffoEvent> extends never ? true : false = true

/** WebhookChannel. */
export const CHANNELS = ['http', 'feishu', 'discord', 'telegram', 'slack'] as const

/** StoreWebhook, fields in the SDK's order. */
export const StoreWebhook = Type.Object({
  id: Type.String(),
  storeId: Type.String(),
  channel: Type.Enum(CHANNELS),
  url: Type.String(),
  events: Type.Array(Type.Enum(WEBHOOK_EVENTS)),
  testMode: Type.Boolean(),
  secret: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  updatedAt: Type.String()
})

export function formatWebhook (row: WebhookRow): Type.Static<typeof StoreWebhook> {
  return {
    id: row.id,
    storeId: row.store_id,
    channel: row.channel as typeof CHANNELS[number],
    url: row.url,
    events: JSON.parse(row.events) as WaffoEvent[],
    testMode: row.test_mode === 1,
    secret: row.secret,
    createdAt: row.created_at,
    updatedAt: row.updated_at
  }
}

/** The events about one charge: they carry the payment's fields, and name it as eventId. */
export const isPaymentEvent = (event: WaffoEvent): boolean => event === 'order.completed' || event === 'subscription.payment_succeeded'

/** `YYYY-MM-DD` of an ISO time. */
const day = (iso: string | null) => iso === null ? undefined : iso.slice(0, 10)

/** The product version an order was bought in (its environment's content), if the product still exists. */
function contentOf (ctx: RequestContext, order: OrderRow) {
  const product = order.product_id === null ? undefined : ctx.repos.waffo.products.live(order.product_id)
  return product ? parseContent(order.mode === 'prod' && product.prod_content !== null ? product.prod_content : product.test_content) : undefined
}

/**
 * WebhookEventData about this order, by event family (the SDK's webhook guide): a payment event
 * (`order.completed`, `subscription.payment_succeeded`) carries the charge (`chargedAmount`,
 * `listPrice`, the payment fields); a subscription status event (every other `subscription.*`)
 * carries `planPrice` and the subscription block (period, cancellation); `orderStatus` is on all
 * but `subscription.payment_succeeded`, which describes one charge only. Absent keys stay absent.
 */
function orderData (ctx: RequestContext, event: WaffoEvent, order: OrderRow, payment: PaymentRow | undefined): WebhookEventData {
  const content = contentOf(ctx, order)
  const total = order.amount ?? '0.00'
  const price = { total, subtotal: total, taxAmount: '0.00' }
  const paymentEvent = isPaymentEvent(event)
  const subscriptionEvent = !paymentEvent && event.startsWith('subscription.')
  const last4 = payment && cardLast4(payment.status)
  // The order's own period (checkout, plan changes and renewals write it), as GraphQL shows it.
  const billingPeriod = order.billing_period ?? content?.billingPeriod
  return {
    orderId: order.id,
    ...(event === 'subscription.payment_succeeded' ? {} : { orderStatus: order.status }),
    buyerEmail: order.buyer_email ?? '',
    currency: order.currency ?? 'USD',
    ...(paymentEvent && payment ? { chargedAmount: payment.amount } : {}),
    amount: paymentEvent && payment ? payment.amount : total,
    taxAmount: '0.00',
    ...(paymentEvent ? { listPrice: price } : {}),
    ...(subscriptionEvent ? { planPrice: price } : {}),
    productName: content?.name ?? '',
    ...(content?.description ? { productDescription: content.description } : {}),
    ...(paymentEvent && payment
      ? {
          paymentId: payment.id,
          paymentStatus: payment.status,
          paymentMethod: 'card',
          ...(last4 ? { paymentLast4: last4 } : {}),
          paymentDate: day(payment.created_at)
        }
      : {}),
    ...(subscriptionEvent && billingPeriod ? { billingPeriod } : {}),
    ...(subscriptionEvent && order.current_period_start ? { currentPeriodStart: day(order.current_period_start) } : {}),
    ...(subscriptionEvent && order.current_period_end ? { currentPeriodEnd: day(order.current_period_end) } : {}),
    ...(subscriptionEvent && order.canceled_at ? { canceledAt: order.canceled_at } : {})
  }
}

/**
 * Writes an event to the outbox, one delivery per subscribed http webhook of the mode (plus the
 * forward URL). Call it in the transaction of the change it reports.
 */
function emitEvent (ctx: RequestContext, event: WaffoEvent, storeId: string, mode: 'test' | 'prod', eventId: string, data: WebhookEventData): number | null {
  const store = ctx.repos.waffo.stores.byId(storeId)
  if (!store) return null
  const targets = ctx.repos.waffo.webhooks.subscribed(storeId, mode, event).map((hook) => ({ url: hook.url, subscription: hook.id }))
  const timestamp = ctx.clock.iso()
  return ctx.outbox.emit({
    api: 'waffo',
    event,
    store: storeId,
    targets,
    body: (id) => JSON.stringify({ id, timestamp, eventType: event, eventId, storeId, storeName: store.name, mode, data } satisfies WebhookEvent)
  })
}

/**
 * The event about an order's new state. Its eventId names the business event: a payment event's
 * payment (the SDK's example is a `PAY_` id, and upstream keeps one delivery per eventType +
 * eventId, so each renewal's charge is its own), any other event's order.
 */
export function emitOrderEvent (ctx: RequestContext, event: WaffoEvent, order: OrderRow, payment?: PaymentRow): number | null {
  const charge = payment !== undefined && isPaymentEvent(event)
  return emitEvent(ctx, event, order.store_id, order.mode, charge ? payment.id : order.id, orderData(ctx, event, order, payment))
}

/**
 * refund.succeeded / refund.failed about a settled refund (eventId: the REF_ id): the order's
 * fields and status, both business ids, the refund block, and the payment refunded as
 * originalPayment / originalChargedAmount. refundedAmount only when the refund went through.
 */
export function emitRefundEvent (ctx: RequestContext, refund: RefundRow, payment: PaymentRow, order: OrderRow): number | null {
  const content = contentOf(ctx, order)
  const data: WebhookEventData = {
    orderId: order.id,
    orderStatus: order.status,
    buyerEmail: order.buyer_email ?? '',
    ...(refund.order_external_id === null ? {} : { orderMerchantExternalId: refund.order_external_id }),
    ...(refund.ticket_external_id === null ? {} : { refundTicketMerchantExternalId: refund.ticket_external_id }),
    currency: refund.currency,
    ...(refund.status === 'succeeded' ? { refundedAmount: refund.amount } : {}),
    amount: refund.amount,
    taxAmount: '0.00',
    originalChargedAmount: payment.amount,
    originalPayment: { total: payment.amount, subtotal: payment.amount, taxAmount: '0.00' },
    productName: content?.name ?? '',
    ...(content?.description ? { productDescription: content.description } : {}),
    refundStatus: refund.status,
    refundReason: refund.reason,
    refundCreatedAt: refund.created_at
  }
  return emitEvent(ctx, refund.status === 'succeeded' ? 'refund.succeeded' : 'refund.failed', refund.store_id, refund.mode, refund.id, data)
}

/** The event a subscription's status change means, if any. */
export function statusEvent (from: string, to: string): WaffoEvent | undefined {
  if (to === 'canceling' && from !== 'canceling') return 'subscription.canceling'
  if (to === 'active' && from === 'canceling') return 'subscription.uncanceled'
  if (to === 'canceled' && from !== 'canceled' && from !== 'pending') return 'subscription.canceled'
  if (to === 'past_due' && from !== 'past_due') return 'subscription.past_due'
  if (to === 'active' && from === 'past_due') return 'subscription.recovered'
  if (to === 'active' && from === 'pending') return 'subscription.activated'
  return undefined
}
