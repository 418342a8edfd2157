import type { RequestContext } from '../../core/context.js'
import { atomically } from '../../db/atomically.js'
import { renewDue } from './checkout.js'
import { emitOrderEvent } from './webhooks/events.js'

/** Epoch ms of an ISO instant, Infinity for none. */
const at = (iso: string | null) => iso === null ? Infinity : Date.parse(iso)

/**
 * The descriptor's tick, on the mock's clock: active subscriptions bought through checkout renew
 * at their period end (checkout.ts renewDue), and a canceling one becomes canceled (upstream: the
 * PSP's cancellation webhook). Returns when the next period ends. The core calls it only when
 * something is due or waffo_orders (the table its due times come from) was written.
 */
export function endSubscriptionPeriods (ctx: RequestContext): number {
  const { db, clock, repos: { waffo } } = ctx
  const now = clock.iso()
  let renewal = waffo.purchases.nextRenewal()
  if (renewal !== null && renewal <= now) {
    atomically(db, () => renewDue(ctx, now))
    renewal = waffo.purchases.nextRenewal()
  }
  let end = waffo.orders.nextPeriodEnd()
  if (end !== null && end <= now) {
    // The transition and its subscription.canceled events commit together.
    atomically(db, () => {
      for (const order of waffo.orders.endPeriods(now)) emitOrderEvent(ctx, 'subscription.canceled', order)
    })
    end = waffo.orders.nextPeriodEnd()
  }
  return Math.min(at(renewal), at(end))
}
