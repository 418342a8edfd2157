/**
 * The guide's analytics queries over the mock's own rows (analytics-data.ts): deterministic
 * arithmetic, documented in docs/fidelity.md. Revenue is the sum of succeeded payments; the
 * mock charges no tax, so those figures are zero; refunds are analytics-refunds.ts'. Rates (`…Rate`) are
 * fractions 0–1, `percentage` fields 0–100, both rounded to 4 decimals.
 */
import { GraphQLError } from 'graphql'
import { MAX_COST } from './cost.js'
import { DECLINED } from './details.js'
import { factsOf, inCurrency, type AnalyticsArgs, type Facts, type OrderFact, type PaymentFact } from './analytics-data.js'
import { REFUND_TICKET_ANALYSIS, refundSummary } from './analytics-refunds.js'
import { below, buckets, cents, DAY, groupBy, growth, keyIn, limitOf, money, movingAverage, ms, percent, percentile, ratio, round, sorted, ZERO } from './analytics-math.js'
import { periodOf, series, type Granularity } from './periods.js'
import type { ReadContext } from './resolvers.js'

type Visible = (ctx: ReadContext) => Map<string, { id: string, slug: string | null }>
type G = { granularity: Granularity }
type C = { currency?: string | null }

const buyer = (email: string | null) => email?.trim().toLowerCase() ?? null

const total = (rows: readonly PaymentFact[]) => rows.reduce((sum, row) => sum + cents(row.amount), 0)
const distinctOrders = (rows: readonly PaymentFact[]) => new Set(rows.map((row) => row.order_id)).size

/** Succeeded payments in range, of one currency when asked. */
const revenue = (facts: Facts, currency?: string | null) => facts.payments.filter((row) => row.status === 'succeeded').filter(inCurrency(currency))
const allRevenue = (facts: Facts, currency?: string | null) => facts.allPayments.filter((row) => row.status === 'succeeded').filter(inCurrency(currency))

interface Billing { country?: string, state?: string, isBusiness?: boolean }
const billing = (row: { billing_detail: string | null }) => (row.billing_detail ? JSON.parse(row.billing_detail) : {}) as Billing
const country = (row: { billing_detail: string | null }) => billing(row).country?.toUpperCase() ?? 'unknown'
const business = (row: { billing_detail: string | null }) => billing(row).isBusiness === true
const label = (isBusiness: boolean) => isBusiness ? 'B2B' : 'B2C'
const taxCategory = (row: PaymentFact) => (row.price_snapshot ? (JSON.parse(row.price_snapshot) as { taxCategory?: string }).taxCategory : undefined) ?? 'unknown'

const byCurrency = (rows: readonly PaymentFact[]) =>
  sorted(groupBy(rows, (row) => row.currency)).map(([currency, list]) => ({ currency, totalAmount: money(total(list)), paymentCount: list.length }))

const byPeriod = <T extends { created_at: string }>(facts: Facts, g: Granularity, rows: readonly T[]) =>
  sorted(groupBy(rows, (row) => periodOf(g, ms(row.created_at), facts.range).key))

const amountOf = (rows: PaymentFact[]) => total(rows) / 100
const subscriptions = (rows: readonly OrderFact[]) => rows.filter((row) => row.type === 'subscription')
const trialEnd = (row: OrderFact) => row.paid_at === null || row.trial_days === null ? null : ms(row.paid_at) + row.trial_days * DAY

/** Each order's latest succeeded charge (ms). */
function lastCharge (facts: Facts): Map<string, number> {
  const last = new Map<string, number>()
  for (const row of allRevenue(facts)) last.set(row.order_id, Math.max(last.get(row.order_id) ?? 0, ms(row.created_at)))
  return last
}

/** A trial converts when a charge follows its end. */
function trials (facts: Facts, rows: readonly OrderFact[]) {
  const trialsOf = subscriptions(rows).filter((row) => row.trial_days !== null && row.paid_at !== null)
  const last = lastCharge(facts)
  const converted = (row: OrderFact) => (last.get(row.id) ?? -Infinity) >= trialEnd(row)!
  const convertedCount = trialsOf.filter(converted).length
  return {
    totalTrials: trialsOf.length,
    convertedCount,
    activeTrials: trialsOf.filter((row) => !converted(row) && row.status === 'active' && facts.now < trialEnd(row)!).length,
    conversionRate: ratio(convertedCount, trialsOf.length)
  }
}

const productName = (facts: Facts, id: string) => {
  const row = facts.productsById.get(id)
  if (!row) return id
  const content = facts.environment === 'prod' && row.prod_content !== null ? row.prod_content : row.test_content
  return (JSON.parse(content) as { name?: string }).name ?? row.name
}

function rankings (facts: Facts, currency: string | null | undefined) {
  const paid = groupBy(revenue(facts, currency), (row) => row.order_id)
  return [...groupBy(facts.orders.filter((row) => row.product_id !== null), (row) => row.product_id!).entries()].map(([productId, orders]) => {
    const payments = orders.flatMap((row) => paid.get(row.id) ?? [])
    const currencies = [...new Set(payments.map((row) => row.currency))]
    return {
      productId,
      productType: orders[0]!.type,
      productName: productName(facts, productId),
      orderCount: orders.length,
      revenueCents: total(payments),
      totalRevenue: money(total(payments)),
      currency: currencies.length === 1 ? currencies[0]! : null
    }
  })
}

const statusCounts = (facts: Facts, type: string) => {
  const rows = facts.products.filter((row) => row.type === type)
  const status = (row: typeof rows[number]) => facts.environment === 'prod' ? row.prod_status : row.test_status
  return sorted(groupBy(rows, status)).map(([s, list]) => ({ status: s, count: list.length }))
}

/** Per buyer: succeeded payments in range. */
const buyers = (rows: readonly PaymentFact[]) => groupBy(rows.filter((row) => buyer(row.buyer_email) !== null), (row) => buyer(row.buyer_email)!)

const firstPurchase = (facts: Facts) => {
  const first = new Map<string, number>()
  for (const row of allRevenue(facts)) {
    const who = buyer(row.buyer_email)
    if (who !== null && !first.has(who)) first.set(who, ms(row.created_at))
  }
  return first
}

const TYPES = {
  OrderStatistics: {
    totalCount: (f: Facts) => f.orders.length,
    countsByStatus: (f: Facts) => sorted(groupBy(f.orders, (row) => row.status)).map(([status, list]) => ({ status, count: list.length })),
    countsByPeriod: (f: Facts, { granularity }: G) => byPeriod(f, granularity, f.orders).map(([period, list]) => ({ period, count: list.length })),
    revenueByCurrency: (f: Facts) => byCurrency(revenue(f)),
    revenueByPeriod: (f: Facts, { granularity, currency }: G & C) => byPeriod(f, granularity, revenue(f, currency))
      .flatMap(([period, list]) => byCurrency(list).map((item) => ({ period, ...item }))),
    buyerMetrics: (f: Facts) => {
      const inRange = new Set(f.orders.map((row) => buyer(row.buyer_email)).filter((who) => who !== null))
      const earlier = new Set(f.allOrders.filter((row) => ms(row.created_at) < f.range[0]).map((row) => buyer(row.buyer_email)))
      const returning = [...inRange].filter((who) => earlier.has(who)).length
      return { totalBuyers: inRange.size, newBuyers: inRange.size - returning, returningBuyers: returning }
    },
    revenueByCountry: (f: Facts, { currency }: C) => sorted(groupBy(revenue(f, currency), country))
      .map(([c, list]) => ({ country: c, totalAmount: money(total(list)), paymentCount: list.length })),
    ordersByCountry: (f: Facts) => sorted(groupBy(f.orders, country)).map(([c, list]) => ({ country: c, count: list.length })),
    b2bVsB2cBreakdown: (f: Facts, { currency }: C) => sorted(groupBy(revenue(f, currency), (row) => label(business(row))))
      .map(([l, list]) => ({ isBusiness: l === 'B2B', label: l, totalAmount: money(total(list)), orderCount: distinctOrders(list) })),
    revenueByState: (f: Facts, { country: wanted, currency }: C & { country: string }) =>
      sorted(groupBy(revenue(f, currency).filter((row) => country(row) === wanted.toUpperCase()), (row) => billing(row).state ?? 'unknown'))
        .map(([state, list]) => ({ state, totalAmount: money(total(list)), paymentCount: list.length }))
  },
  PaymentStatistics: {
    successRate: (f: Facts) => {
      const count = (status: string) => f.payments.filter((row) => row.status === status).length
      return { totalAttempts: f.payments.length, succeeded: count('succeeded'), failed: count('failed'), pending: count('pending'), successRate: ratio(count('succeeded'), f.payments.length) }
    },
    failedReasons: (f: Facts) => {
      const failed = f.payments.filter((row) => row.status === 'failed').length
      return failed === 0 ? [] : [{ reason: DECLINED, count: failed, percentage: 100 }]
    },
    refunds: (f: Facts) => refundSummary(f, revenue(f)),
    methodDistribution: (f: Facts) => {
      const paid = revenue(f)
      return paid.length === 0 ? [] : [{ methodType: 'card', count: paid.length, totalAmount: money(total(paid)), percentage: 100 }]
    },
    cardBrandDistribution: (f: Facts) => {
      const paid = revenue(f)
      return paid.length === 0 ? [] : [{ brand: 'visa', count: paid.length, totalAmount: money(total(paid)), percentage: 100 }]
    },
    taxSummary: (f: Facts) => byCurrency(revenue(f)).map(({ currency, totalAmount, paymentCount }) => ({ currency, totalTax: ZERO, totalPreTax: totalAmount, totalAmount, paymentCount })),
    preTaxRevenueByCurrency: (f: Facts) => byCurrency(revenue(f)),
    settlementRevenueByCurrency: (f: Facts) => byCurrency(revenue(f))
  },
  ProductStatistics: {
    onetimeCountsByStatus: (f: Facts) => statusCounts(f, 'onetime'),
    subscriptionCountsByStatus: (f: Facts) => statusCounts(f, 'subscription'),
    onetimeTotalCount: (f: Facts) => f.products.filter((row) => row.type === 'onetime').length,
    subscriptionTotalCount: (f: Facts) => f.products.filter((row) => row.type === 'subscription').length,
    topByOrderCount: (f: Facts, { limit }: { limit?: number | null }) => rankings(f, null)
      .sort((a, b) => b.orderCount - a.orderCount || a.productId.localeCompare(b.productId)).slice(0, limitOf(limit)),
    topByRevenue: (f: Facts, { limit, currency }: C & { limit?: number | null }) => rankings(f, currency)
      .sort((a, b) => b.revenueCents - a.revenueCents || a.productId.localeCompare(b.productId)).slice(0, limitOf(limit)),
    revenueContribution: (f: Facts, { currency }: C) => {
      const ranked = rankings(f, currency).filter((row) => row.revenueCents > 0)
        .sort((a, b) => b.revenueCents - a.revenueCents || a.productId.localeCompare(b.productId))
      const sum = ranked.reduce((s, row) => s + row.revenueCents, 0)
      let running = 0
      return ranked.map((row) => {
        running += row.revenueCents
        return { productId: row.productId, productType: row.productType, productName: row.productName, revenue: row.totalRevenue, contributionPercentage: percent(row.revenueCents, sum), cumulativePercentage: percent(running, sum) }
      })
    }
  },
  TrendAnalysis: {
    orderGrowth: (f: Facts, { granularity }: G) => growth(f.range, granularity, f.allOrders, (rows) => rows.length),
    revenueGrowth: (f: Facts, { granularity, currency }: G & C) => growth(f.range, granularity, allRevenue(f, currency), amountOf),
    cumulativeRevenue: (f: Facts, { granularity, currency }: G & C) => {
      let cumulativeValue = 0
      return growth(f.range, granularity, allRevenue(f, currency), amountOf).map(({ period, currentValue }) => {
        cumulativeValue = round(cumulativeValue + currentValue)
        return { period, periodValue: currentValue, cumulativeValue }
      })
    },
    orderMovingAverage: (f: Facts, { windowDays }: { windowDays: number }) => movingAverage(windowDays, f.orders, f.allOrders, (rows) => rows.length),
    revenueMovingAverage: (f: Facts, { windowDays, currency }: C & { windowDays: number }) =>
      movingAverage(windowDays, revenue(f, currency), allRevenue(f, currency), amountOf)
  },
  DistributionAnalysis: {
    orderAmountPercentiles: (f: Facts, { currency }: C) => {
      const values = revenue(f, currency).map((row) => cents(row.amount) / 100).sort((a, b) => a - b)
      const avg = values.length === 0 ? 0 : values.reduce((s, v) => s + v, 0) / values.length
      const variance = values.length === 0 ? 0 : values.reduce((s, v) => s + (v - avg) ** 2, 0) / values.length
      const [p10, p25, p50, p75, p90, p95, p99] = [0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99].map((p) => percentile(values, p))
      return { p10, p25, p50, p75, p90, p95, p99, min: values[0] ?? 0, max: values[values.length - 1] ?? 0, avg: round(avg), stddev: round(Math.sqrt(variance)), count: values.length }
    },
    aovTrend: (f: Facts, { granularity, currency }: G & C) => byPeriod(f, granularity, revenue(f, currency)).map(([period, list]) => ({
      period, averageOrderValue: round(amountOf(list) / distinctOrders(list)), orderCount: distinctOrders(list), totalRevenue: amountOf(list)
    })),
    orderAmountBuckets: (f: Facts, { currency, bucketCount }: C & { bucketCount?: number | null }) =>
      buckets(revenue(f, currency).map((row) => cents(row.amount) / 100), bucketCount ?? 10)
  },
  CustomerAnalysis: {
    cohortRetention: (f: Facts, { granularity }: G) => {
      const periods = series(granularity, f.range)
      const index = new Map(periods.map((period, i) => [period.key, i]))
      const first = firstPurchase(f)
      // Each buyer's active periods (by index), from one pass over the payments.
      const activeIn = new Map<string, Set<number>>()
      for (const row of revenue(f)) {
        const who = buyer(row.buyer_email)
        const at = index.get(keyIn(granularity, ms(row.created_at), f.range))
        if (who === null || at === undefined) continue
        if (!activeIn.has(who)) activeIn.set(who, new Set())
        activeIn.get(who)!.add(at)
      }
      return sorted(groupBy([...first.entries()].filter(([, at]) => at >= f.range[0] && at < f.range[1]), ([, at]) => periodOf(granularity, at, f.range).key))
        .map(([cohortPeriod, members]) => {
          const from = index.get(cohortPeriod)!
          const counts = new Array<number>(periods.length - from).fill(0)
          for (const [who] of members) for (const at of activeIn.get(who) ?? []) if (at >= from) counts[at - from]!++
          const retention = counts.map((activeCustomers, periodOffset) => ({ periodOffset, activeCustomers, retentionRate: ratio(activeCustomers, members.length) }))
          return { cohortPeriod, cohortSize: members.length, retention }
        })
    },
    ltvDistribution: (f: Facts, { currency }: C) => {
      const values = [...buyers(revenue(f, currency)).values()].map((rows) => amountOf(rows)).sort((a, b) => a - b)
      return { averageLtv: values.length === 0 ? 0 : round(values.reduce((s, v) => s + v, 0) / values.length), medianLtv: percentile(values, 0.5), buckets: buckets(values, 10) }
    },
    purchaseFrequency: (f: Facts) => {
      const counts = [...buyers(revenue(f)).values()].map((rows) => rows.length)
      return [...groupBy(counts, String).entries()].sort(([a], [b]) => Number(a) - Number(b))
        .map(([n, list]) => ({ purchaseCount: Number(n), customerCount: list.length, percentage: percent(list.length, counts.length) }))
    },
    repeatPurchaseRate: (f: Facts, { granularity }: G) => {
      const first = firstPurchase(f)
      return byPeriod(f, granularity, revenue(f)).map(([period, list]) => {
        const start = periodOf(granularity, ms(list[0]!.created_at), f.range).start
        const who = [...buyers(list).keys()]
        const repeatBuyers = who.filter((b) => first.get(b)! < start).length
        return { period, totalBuyers: who.length, repeatBuyers, repeatRate: ratio(repeatBuyers, who.length) }
      })
    },
    topCustomers: (f: Facts, { limit, currency }: C & { limit?: number | null }) => [...buyers(revenue(f, currency)).entries()]
      .map(([email, rows]) => ({ buyerEmail: rows[0]!.buyer_email!.trim(), cents: total(rows), totalSpent: money(total(rows)), orderCount: distinctOrders(rows), firstPurchaseDate: rows[0]!.created_at, lastPurchaseDate: rows[rows.length - 1]!.created_at, email }))
      .sort((a, b) => b.cents - a.cents || a.email.localeCompare(b.email)).slice(0, limitOf(limit))
  },
  TaxAnalysis: {
    byCategory: (f: Facts, { currency }: C) => sorted(groupBy(revenue(f, currency), taxCategory))
      .map(([category, list]) => ({ taxCategory: category, totalTax: ZERO, totalAmount: money(total(list)), paymentCount: list.length })),
    byRateGroup: (f: Facts, { currency }: C) => {
      const paid = revenue(f, currency)
      return paid.length === 0 ? [] : [{ taxRate: 0, totalTax: ZERO, totalAmount: money(total(paid)), paymentCount: paid.length }]
    },
    byCountry: (f: Facts, { currency }: C) => sorted(groupBy(revenue(f, currency), country))
      .map(([c, list]) => ({ country: c, totalTax: ZERO, totalAmount: money(total(list)), paymentCount: list.length })),
    b2bVsB2c: (f: Facts, { currency }: C) => sorted(groupBy(revenue(f, currency), (row) => label(business(row))))
      .map(([l, list]) => ({ isBusiness: l === 'B2B', label: l, totalTax: ZERO, totalAmount: money(total(list)), orderCount: distinctOrders(list) })),
    effectiveTaxRateTrend: (f: Facts, { granularity, currency }: G & C) => byPeriod(f, granularity, revenue(f, currency))
      .map(([period, list]) => ({ period, avgTaxRate: 0, paymentCount: list.length })),
    taxAmountByPeriod: (f: Facts, { granularity, currency }: G & C) => byPeriod(f, granularity, revenue(f, currency))
      .map(([period, list]) => ({ period, totalTax: ZERO, paymentCount: list.length }))
  },
  RefundTicketAnalysis: REFUND_TICKET_ANALYSIS,
  SubscriptionAnalysis: {
    billingPeriodDistribution: (f: Facts, { currency }: C) => {
      const subs = subscriptions(f.orders).filter(inCurrency(currency))
      return sorted(groupBy(subs, (row) => row.billing_period ?? 'unknown'))
        .map(([billingPeriod, list]) => ({ billingPeriod, count: list.length, totalAmount: money(list.reduce((s, row) => s + cents(row.amount), 0)), percentage: percent(list.length, subs.length) }))
    },
    activeCount: (f: Facts) => subscriptions(f.orders).filter((row) => row.status === 'active' || row.status === 'canceling').length,
    cancellationStats: (f: Facts) => {
      const subs = subscriptions(f.orders)
      const canceled = subs.filter((row) => row.status === 'canceled')
      const lifetimes = canceled.filter((row) => row.canceled_at !== null).map((row) => (ms(row.canceled_at!) - ms(row.created_at)) / DAY).sort((a, b) => a - b)
      return {
        totalSubscriptions: subs.length,
        canceledCount: canceled.length,
        cancellationRate: ratio(canceled.length, subs.length),
        avgLifetimeDays: lifetimes.length === 0 ? 0 : round(lifetimes.reduce((s, v) => s + v, 0) / lifetimes.length),
        medianLifetimeDays: percentile(lifetimes, 0.5)
      }
    },
    cancellationTrend: (f: Facts, { granularity }: G) => {
      const canceled = subscriptions(f.allOrders).filter((row) => row.canceled_at !== null && ms(row.canceled_at) >= f.range[0] && ms(row.canceled_at) < f.range[1])
      return sorted(groupBy(canceled, (row) => periodOf(granularity, ms(row.canceled_at!), f.range).key)).map(([period, list]) => ({ period, canceledCount: list.length }))
    },
    trialConversion: (f: Facts) => trials(f, f.orders),
    trialConversionByProduct: (f: Facts) => [...groupBy(subscriptions(f.orders).filter((row) => row.trial_days !== null && row.product_id !== null), (row) => row.product_id!).entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([productId, rows]) => {
        const { totalTrials, convertedCount, conversionRate } = trials(f, rows)
        return { productId, productName: productName(f, productId), totalTrials, convertedCount, conversionRate }
      }),
    churnRate: (f: Facts, { granularity }: G) => {
      // A subscription is canceled after it was created: active at t = created before t − canceled before t.
      const subs = subscriptions(f.allOrders)
      const created = subs.map((row) => ms(row.created_at)).sort((a, b) => a - b)
      const canceled = subs.flatMap((row) => row.canceled_at === null ? [] : [ms(row.canceled_at)]).sort((a, b) => a - b)
      return series(granularity, f.range).map((period) => {
        const startActive = below(created, period.start) - below(canceled, period.start)
        const churned = below(canceled, period.end) - below(canceled, period.start)
        return { period: period.key, startActive, churned, churnRate: ratio(churned, startActive) }
      })
    }
  }
}

const ROOTS = ['orderStatistics', 'paymentStatistics', 'productStatistics', 'trendAnalysis', 'distributionAnalysis', 'customerAnalysis', 'taxAnalysis', 'subscriptionAnalysis', 'refundTicketAnalysis']

/** How many values an answer holds (every scalar, object and list item), as the cost estimate counts them. */
function size (value: unknown): number {
  if (Array.isArray(value)) return value.reduce((sum: number, item) => sum + 1 + size(item), 0)
  if (value !== null && typeof value === 'object') return Object.values(value).reduce((sum: number, item) => sum + size(item), 0)
  return 1
}

/**
 * A series' length depends on the time range and granularity, which the estimate made before
 * running cannot see (it counts an unpaged list as a few items): each computed answer is
 * charged here, and a request whose analytics exceed MAX_COST values stops.
 */
function charge (ctx: ReadContext, value: unknown) {
  ctx.analyticsValues = (ctx.analyticsValues ?? 0) + size(value)
  if (ctx.analyticsValues > MAX_COST) throw new GraphQLError(`Query cost exceeds the maximum cost of ${MAX_COST}: ask for fewer series, a coarser granularity or a shorter timeRange`)
  return value
}

/** The Query fields (each store and filter read once per request) and the types' field resolvers (arithmetic only). */
export function analyticsResolvers (visible: Visible) {
  const root = (_root: unknown, args: AnalyticsArgs, ctx: ReadContext) => {
    const key = JSON.stringify([args.storeId, args.storeSlug, args.filter])
    ctx.analytics ??= new Map()
    if (!ctx.analytics.has(key)) ctx.analytics.set(key, factsOf(ctx, visible(ctx), args))
    return ctx.analytics.get(key)
  }
  const types = Object.fromEntries(Object.entries(TYPES).map(([type, fields]) => [type, Object.fromEntries(Object.entries(fields)
    .map(([name, compute]) => [name, (parent: Facts, args: never, ctx: ReadContext) => charge(ctx, (compute as (f: Facts, a: never) => unknown)(parent, args))]))]))
  return { query: Object.fromEntries(ROOTS.map((name) => [name, root])), types }
}
