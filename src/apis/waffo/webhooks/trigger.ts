import { TriggerError, type TriggerInput, type TriggerResult } from '../../../core/api.js'
import type { RequestContext } from '../../../core/context.js'
import { atomically } from '../../../db/atomically.js'
import { shortId } from '../ids.js'
import type { OrderRow } from '../repo/orders.js'
import type { PaymentRow } from '../repo/purchases.js'
import { emitOrderEvent, isPaymentEvent, WEBHOOK_EVENTS, type WaffoEvent } from './events.js'

/** The status change each subscription event stands for: from one of these, to that. */
const TRANSITIONS: Partial<Record<WaffoEvent, { from: readonly string[], to: string }>> = {
  'subscription.activated': { from: ['pending'], to: 'active' },
  'subscription.canceling': { from: ['active', 'past_due'], to: 'canceling' },
  'subscription.uncanceled': { from: ['canceling'], to: 'active' },
  'subscription.canceled': { from: ['active', 'canceling', 'past_due'], to: 'canceled' },
  'subscription.past_due': { from: ['active'], to: 'past_due' },
  'subscription.recovered': { from: ['past_due'], to: 'active' }
}

/**
 * POST /__admin/webhooks/trigger for Waffo. With an orderId, a subscription status event makes
 * its transition (the order must be in a status it leaves from); any other event describes the
 * order as it is. With only a storeId, the event describes a synthetic order that is not stored.
 */
export function triggerWaffo (ctx: RequestContext, { event, storeId, orderId }: TriggerInput): TriggerResult {
  const type = event as WaffoEvent
  if (!(WEBHOOK_EVENTS as readonly string[]).includes(event)) throw new TriggerError(400, `Unknown Waffo event "${event}"`, '/event')
  const { db, clock, repos: { waffo } } = ctx
  return atomically(db, () => {
    if (orderId !== undefined) {
      const order = waffo.orders.live(orderId)
      if (!order) throw new TriggerError(404, `No live Waffo order "${orderId}"`, '/orderId')
      const transition = TRANSITIONS[type]
      if (!transition) {
        const note = `${event} about ${order.id} as it is (no state change)`
        if (!isPaymentEvent(type)) return { source: 'synthetic', note, event: emitOrderEvent(ctx, type, order) }
        const paid = waffo.purchases.paymentsOf(order.id).findLast((payment) => payment.status === 'succeeded')
        const payment = paid ?? syntheticPayment(ctx, order)
        const about = paid ? `its payment ${paid.id}` : `a synthetic payment ${payment.id} (not stored)`
        return { source: 'synthetic', note: `${note}; ${about}`, event: emitOrderEvent(ctx, type, order, payment) }
      }
      if (order.type !== 'subscription' || !transition.from.includes(order.status)) {
        throw new TriggerError(409, `${event} needs a subscription in status ${transition.from.join(' or ')}; ${order.id} is a ${order.type} order, ${order.status}`, '/orderId')
      }
      const at = clock.iso()
      const changed = waffo.orders.change({
        id: order.id, status: transition.to, canceledAt: transition.to === 'canceled' ? at : null, unpaidBalance: 0, at
      })
      return { source: 'state', note: `${order.id}: ${order.status} → ${changed.status}`, event: emitOrderEvent(ctx, type, changed) }
    }
    if (storeId === undefined) throw new TriggerError(400, 'Give an orderId or a storeId', '/orderId')
    const store = waffo.stores.byId(storeId)
    if (!store || store.deleted_at !== null) throw new TriggerError(404, `No live Waffo store "${storeId}"`, '/storeId')
    const at = clock.iso()
    const synthetic: OrderRow = {
      id: shortId('ORD'),
      store_id: storeId,
      product_id: null,
      type: event === 'order.completed' ? 'onetime' : 'subscription',
      status: TRANSITIONS[type]?.to ?? (event === 'order.completed' ? 'completed' : 'active'),
      created_at: at,
      updated_at: at,
      buyer_email: 'buyer@example.com',
      currency: 'USD',
      amount: '29.00',
      current_period_end: new Date(clock.now() + 30 * 86_400_000).toISOString(),
      canceled_at: event === 'subscription.canceled' ? at : null,
      unpaid_balance: 0,
      mode: 'test',
      current_period_start: null,
      price_snapshot: null,
      billing_detail: null,
      product_version: null,
      billing_period: null,
      card_outcome: 'success',
      scheduled_change: null,
      buyer_identity: null
    }
    const payment = isPaymentEvent(type) ? syntheticPayment(ctx, synthetic) : undefined
    return { source: 'synthetic', note: `${event} about a synthetic order ${synthetic.id} (not stored)`, event: emitOrderEvent(ctx, type, synthetic, payment) }
  })
}

/** A succeeded charge of the order's amount, now, not stored: a payment event carries its fields. */
function syntheticPayment (ctx: RequestContext, order: OrderRow): PaymentRow {
  return {
    id: shortId('PAY'),
    order_id: order.id,
    store_id: order.store_id,
    mode: order.mode,
    status: 'succeeded',
    amount: order.amount ?? '0.00',
    currency: order.currency ?? 'USD',
    created_at: ctx.clock.iso()
  }
}
