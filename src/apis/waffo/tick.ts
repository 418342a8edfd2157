import type { RequestContext } from '../../core/context.js'

/**
 * A canceling subscription becomes canceled when its current period ends, on the mock's clock
 * (upstream: the PSP's cancellation webhook). Before every request: one probe of a partial index
 * (no write, no transaction) unless something is due.
 */
export function endSubscriptionPeriods ({ clock, repos: { waffo } }: RequestContext): void {
  const due = waffo.orders.nextPeriodEnd()
  if (due === null) return
  const now = clock.iso()
  if (due <= now) waffo.orders.endPeriods(now)
}
