import type { RequestContext } from '../../core/context.js'
import { atomically } from '../../db/atomically.js'
import { renewDue } from './checkout.js'
import { emitOrderEvent } from './webhooks/events.js'

/**
 * A canceling subscription becomes canceled when its current period ends, on the mock's clock
 * (upstream: the PSP's cancellation webhook). Before every request: one probe of a partial index
 * (no write, no transaction) unless something is due.
 */
export function endSubscriptionPeriods (ctx: RequestContext): void {
  renewSubscriptions(ctx)
  const { db, clock, repos: { waffo } } = ctx
  const due = waffo.orders.nextPeriodEnd()
  if (due === null) return
  const now = clock.iso()
  if (due > now) return
  // The transition and its subscription.canceled events commit together.
  atomically(db, () => {
    for (const order of waffo.orders.endPeriods(now)) emitOrderEvent(ctx, 'subscription.canceled', order)
  })
}

/**
 * Active subscriptions bought through checkout renew at their period end, on the mock's clock
 * (checkout.ts renewDue): one probe of the earliest period end unless something is due.
 */
function renewSubscriptions (ctx: RequestContext): void {
  const { db, clock, repos: { waffo } } = ctx
  const due = waffo.purchases.nextRenewal()
  if (due === null) return
  const now = clock.iso()
  if (due > now) return
  atomically(db, () => renewDue(ctx, now))
}
