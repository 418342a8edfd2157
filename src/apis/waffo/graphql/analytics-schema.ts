/**
 * The guide's analytics queries: each takes a store (`storeId` or `storeSlug`) and an
 * AnalyticsFilterInput, and answers aggregates computed from the mock's own rows (analytics.ts).
 * Amounts are decimal strings like the rest of the API; rates and percentages are floats.
 */
const of = 'storeId: String, storeSlug: String, filter: AnalyticsFilterInput!'

export const ANALYTICS_QUERIES = `
  orderStatistics(${of}): OrderStatistics
  paymentStatistics(${of}): PaymentStatistics
  productStatistics(${of}): ProductStatistics
  trendAnalysis(${of}): TrendAnalysis
  distributionAnalysis(${of}): DistributionAnalysis
  customerAnalysis(${of}): CustomerAnalysis
  taxAnalysis(${of}): TaxAnalysis
  subscriptionAnalysis(${of}): SubscriptionAnalysis
  refundTicketAnalysis(${of}): RefundTicketAnalysis`

const G = 'granularity: TimePeriodGranularity!'

export const ANALYTICS_TYPES = `
enum TimePeriodGranularity { DAY WEEK MONTH QUARTER YEAR ALL_TIME }
input TimeRangeInput { startDate: String!, endDate: String! }
input AnalyticsFilterInput { timeRange: TimeRangeInput!, currency: String, status: String }

type StatusCount { status: String!, count: Int! }
type PeriodCount { period: String!, count: Int! }
type CurrencyAmount { currency: String!, totalAmount: String!, paymentCount: Int! }
type PeriodRevenue { period: String!, currency: String!, totalAmount: String!, paymentCount: Int! }
type BuyerMetrics { totalBuyers: Int!, newBuyers: Int!, returningBuyers: Int! }
type CountryRevenue { country: String!, totalAmount: String!, paymentCount: Int! }
type CountryCount { country: String!, count: Int! }
type BusinessBreakdown { isBusiness: Boolean!, label: String!, totalAmount: String!, orderCount: Int! }
type StateRevenue { state: String!, totalAmount: String!, paymentCount: Int! }

type OrderStatistics {
  totalCount: Int!
  countsByStatus: [StatusCount!]!
  countsByPeriod(${G}): [PeriodCount!]!
  revenueByCurrency: [CurrencyAmount!]!
  revenueByPeriod(${G}, currency: String): [PeriodRevenue!]!
  buyerMetrics: BuyerMetrics!
  revenueByCountry(currency: String): [CountryRevenue!]!
  ordersByCountry: [CountryCount!]!
  b2bVsB2cBreakdown(currency: String): [BusinessBreakdown!]!
  revenueByState(country: String!, currency: String): [StateRevenue!]!
}

type SuccessRate { totalAttempts: Int!, succeeded: Int!, failed: Int!, pending: Int!, successRate: Float! }
type FailedReason { reason: String!, count: Int!, percentage: Float! }
type RefundSummary { totalCount: Int!, succeededCount: Int!, pendingCount: Int!, failedCount: Int!, amountByCurrency: [CurrencyAmount!]!, refundRate: Float! }
type MethodShare { methodType: String!, count: Int!, totalAmount: String!, percentage: Float! }
type BrandShare { brand: String!, count: Int!, totalAmount: String!, percentage: Float! }
type TaxSummary { currency: String!, totalTax: String!, totalPreTax: String!, totalAmount: String!, paymentCount: Int! }

type PaymentStatistics {
  successRate: SuccessRate!
  failedReasons: [FailedReason!]!
  "Refunds made in the range, and tickets still open (pendingCount)."
  refunds: RefundSummary!
  methodDistribution: [MethodShare!]!
  cardBrandDistribution: [BrandShare!]!
  taxSummary: [TaxSummary!]!
  preTaxRevenueByCurrency: [CurrencyAmount!]!
  settlementRevenueByCurrency: [CurrencyAmount!]!
}

type ProductRanking { productId: String!, productType: String!, productName: String!, orderCount: Int!, totalRevenue: String!, currency: String }
type RevenueShare { productId: String!, productType: String!, productName: String!, revenue: String!, contributionPercentage: Float!, cumulativePercentage: Float! }

type ProductStatistics {
  onetimeCountsByStatus: [StatusCount!]!
  subscriptionCountsByStatus: [StatusCount!]!
  onetimeTotalCount: Int!
  subscriptionTotalCount: Int!
  topByOrderCount(limit: Int): [ProductRanking!]!
  topByRevenue(limit: Int, currency: String): [ProductRanking!]!
  revenueContribution(currency: String): [RevenueShare!]!
}

type Growth { period: String!, currentValue: Float!, previousValue: Float!, growthRate: Float }
type Cumulative { period: String!, periodValue: Float!, cumulativeValue: Float! }
type MovingAverage { date: String!, dailyValue: Float!, movingAverage: Float! }

type TrendAnalysis {
  orderGrowth(${G}): [Growth!]!
  revenueGrowth(${G}, currency: String): [Growth!]!
  cumulativeRevenue(${G}, currency: String): [Cumulative!]!
  orderMovingAverage(windowDays: Int!): [MovingAverage!]!
  revenueMovingAverage(windowDays: Int!, currency: String): [MovingAverage!]!
}

type Percentiles { p10: Float!, p25: Float!, p50: Float!, p75: Float!, p90: Float!, p95: Float!, p99: Float!, min: Float!, max: Float!, avg: Float!, stddev: Float!, count: Int! }
type AovPoint { period: String!, averageOrderValue: Float!, orderCount: Int!, totalRevenue: Float! }
type AmountBucket { rangeMin: Float!, rangeMax: Float!, count: Int!, percentage: Float! }

type DistributionAnalysis {
  orderAmountPercentiles(currency: String): Percentiles!
  aovTrend(${G}, currency: String): [AovPoint!]!
  orderAmountBuckets(currency: String, bucketCount: Int): [AmountBucket!]!
}

type RetentionPoint { periodOffset: Int!, activeCustomers: Int!, retentionRate: Float! }
type Cohort { cohortPeriod: String!, cohortSize: Int!, retention: [RetentionPoint!]! }
type LtvDistribution { averageLtv: Float!, medianLtv: Float!, buckets: [AmountBucket!]! }
type FrequencyPoint { purchaseCount: Int!, customerCount: Int!, percentage: Float! }
type RepeatPoint { period: String!, totalBuyers: Int!, repeatBuyers: Int!, repeatRate: Float! }
type TopCustomer { buyerEmail: String!, totalSpent: String!, orderCount: Int!, firstPurchaseDate: String!, lastPurchaseDate: String! }

type CustomerAnalysis {
  cohortRetention(${G}): [Cohort!]!
  ltvDistribution(currency: String): LtvDistribution!
  purchaseFrequency: [FrequencyPoint!]!
  repeatPurchaseRate(${G}): [RepeatPoint!]!
  topCustomers(limit: Int, currency: String): [TopCustomer!]!
}

type TaxByCategory { taxCategory: String!, totalTax: String!, totalAmount: String!, paymentCount: Int! }
type TaxByRate { taxRate: Float!, totalTax: String!, totalAmount: String!, paymentCount: Int! }
type TaxByCountry { country: String!, totalTax: String!, totalAmount: String!, paymentCount: Int! }
type TaxByBusiness { isBusiness: Boolean!, label: String!, totalTax: String!, totalAmount: String!, orderCount: Int! }
type TaxRatePoint { period: String!, avgTaxRate: Float!, paymentCount: Int! }
type TaxPoint { period: String!, totalTax: String!, paymentCount: Int! }

"The mock charges no tax: every totalTax is 0.00 and every rate 0."
type TaxAnalysis {
  byCategory(currency: String): [TaxByCategory!]!
  byRateGroup(currency: String): [TaxByRate!]!
  byCountry(currency: String): [TaxByCountry!]!
  b2bVsB2c(currency: String): [TaxByBusiness!]!
  effectiveTaxRateTrend(${G}, currency: String): [TaxRatePoint!]!
  taxAmountByPeriod(${G}, currency: String): [TaxPoint!]!
}

type BillingPeriodShare { billingPeriod: String!, count: Int!, totalAmount: String!, percentage: Float! }
type CancellationStats { totalSubscriptions: Int!, canceledCount: Int!, cancellationRate: Float!, avgLifetimeDays: Float!, medianLifetimeDays: Float! }
type CanceledPoint { period: String!, canceledCount: Int! }
type TrialConversion { totalTrials: Int!, convertedCount: Int!, activeTrials: Int!, conversionRate: Float! }
type ProductTrialConversion { productId: String!, productName: String!, totalTrials: Int!, convertedCount: Int!, conversionRate: Float! }
type ChurnPoint { period: String!, startActive: Int!, churned: Int!, churnRate: Float! }

type SubscriptionAnalysis {
  billingPeriodDistribution(currency: String): [BillingPeriodShare!]!
  activeCount: Int!
  cancellationStats: CancellationStats!
  cancellationTrend(${G}): [CanceledPoint!]!
  trialConversion: TrialConversion!
  trialConversionByProduct: [ProductTrialConversion!]!
  churnRate(${G}): [ChurnPoint!]!
}

type RefundReasonShare { reason: String!, count: Int!, totalAmount: String!, percentage: Float! }
type RefundStatusShare { status: String!, count: Int!, percentage: Float! }
type ReviewEfficiency { avgHours: Float!, medianHours: Float!, p90Hours: Float!, totalReviewed: Int! }
type TicketTrendPoint { period: String!, totalCreated: Int!, resolvedCount: Int!, approvedCount: Int!, rejectedCount: Int! }
type ApprovalRate { approved: Int!, rejected: Int!, rate: Float! }
type ProcessingSuccessRate { succeeded: Int!, failed: Int!, rate: Float! }

"Refund tickets created in the range."
type RefundTicketAnalysis {
  reasonDistribution(currency: String): [RefundReasonShare!]!
  statusDistribution: [RefundStatusShare!]!
  "From a ticket's creation to its latest review (approve, reject, return), in hours."
  reviewEfficiency: ReviewEfficiency!
  ticketTrend(${G}): [TicketTrendPoint!]!
  approvalRate: ApprovalRate!
  processingSuccessRate: ProcessingSuccessRate!
}
`
