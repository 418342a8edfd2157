/**
 * `refundTicketAnalysis` and `paymentStatistics.refunds`: arithmetic over the store's refund
 * tickets created and refunds made in the range (analytics-data.ts), documented in
 * docs/fidelity.md. A ticket's review time runs from its creation to its latest review.
 */
import type { Facts, PaymentFact, TicketFact } from './analytics-data.js'
import { cents, groupBy, money, ms, percent, percentile, ratio, round, sorted } from './analytics-math.js'
import { periodOf, type Granularity } from './periods.js'

const HOUR = 3_600_000
/** A reviewer said yes (what happened after is the payment channel's). */
const APPROVED = new Set(['approved', 'processing', 'succeeded', 'failed'])
/** Nothing more will happen to the ticket. */
const RESOLVED = new Set(['rejected', 'succeeded', 'failed', 'cancelled'])
/** Still holding its amount against the payment. */
const OPEN = new Set(['pending', 'under_review', 'approved', 'processing'])

const count = (rows: readonly TicketFact[], statuses: Set<string>) => rows.filter((row) => statuses.has(row.status)).length
const rejected = (rows: readonly TicketFact[]) => rows.filter((row) => row.status === 'rejected').length
const sum = (rows: ReadonlyArray<{ amount: string }>) => rows.reduce((total, row) => total + cents(row.amount), 0)

export const REFUND_TICKET_ANALYSIS = {
  reasonDistribution: (f: Facts, { currency }: { currency?: string | null }) => {
    const rows = f.tickets.filter((row) => currency === undefined || currency === null || row.currency.toLowerCase() === currency.toLowerCase())
    return [...groupBy(rows, (row) => row.reason.trim()).entries()]
      .map(([reason, list]) => ({ reason, count: list.length, totalAmount: money(sum(list)), percentage: percent(list.length, rows.length) }))
      .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason))
  },
  statusDistribution: (f: Facts) => sorted(groupBy(f.tickets, (row) => row.status))
    .map(([status, list]) => ({ status, count: list.length, percentage: percent(list.length, f.tickets.length) })),
  reviewEfficiency: (f: Facts) => {
    const hours = f.tickets.filter((row) => row.reviewed_at !== null).map((row) => (ms(row.reviewed_at!) - ms(row.created_at)) / HOUR).sort((a, b) => a - b)
    return {
      avgHours: hours.length === 0 ? 0 : round(hours.reduce((total, h) => total + h, 0) / hours.length),
      medianHours: percentile(hours, 0.5),
      p90Hours: percentile(hours, 0.9),
      totalReviewed: hours.length
    }
  },
  ticketTrend: (f: Facts, { granularity }: { granularity: Granularity }) =>
    sorted(groupBy(f.tickets, (row) => periodOf(granularity, ms(row.created_at), f.range).key)).map(([period, list]) => ({
      period, totalCreated: list.length, resolvedCount: count(list, RESOLVED), approvedCount: count(list, APPROVED), rejectedCount: rejected(list)
    })),
  approvalRate: (f: Facts) => {
    const approved = count(f.tickets, APPROVED)
    const no = rejected(f.tickets)
    return { approved, rejected: no, rate: ratio(approved, approved + no) }
  },
  processingSuccessRate: (f: Facts) => {
    const succeeded = f.tickets.filter((row) => row.status === 'succeeded').length
    const failed = f.tickets.filter((row) => row.status === 'failed').length
    return { succeeded, failed, rate: ratio(succeeded, succeeded + failed) }
  }
}

/** Refunds made in the range, open tickets waiting to become one, and their share of the succeeded payments. */
export function refundSummary (f: Facts, paid: readonly PaymentFact[]) {
  const succeeded = f.refunds.filter((row) => row.status === 'succeeded')
  const failedCount = f.refunds.length - succeeded.length
  const pendingCount = count(f.tickets, OPEN)
  return {
    totalCount: f.refunds.length + pendingCount,
    succeededCount: succeeded.length,
    pendingCount,
    failedCount,
    amountByCurrency: sorted(groupBy(succeeded, (row) => row.currency)).map(([currency, list]) => ({ currency, totalAmount: money(sum(list)), paymentCount: list.length })),
    refundRate: ratio(succeeded.length, paid.length)
  }
}
