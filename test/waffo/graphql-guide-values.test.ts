/**
 * What the guide's queries answer, value by value, over the guide scenario: payment details,
 * versions, the merchant, rates, deliveries and analytics; environments and merchants apart;
 * ID/String variables interchangeable; analytics bounded by the cost limit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { App } from '../../src/app.js'
import { queryCost } from '../../src/apis/waffo/graphql/cost.js'
import { createApp, DEMO, waffo } from '../helpers.js'
import { guideScenario, type GuideIds } from './guide-scenario.js'
import { sessionToken } from './support.js'

let app: App
let ids: GuideIds

beforeAll(async () => {
  app = await createApp()
  ids = await guideScenario(app)
})
afterAll(async () => { await app.close() })

async function gql (query: string, variables: Record<string, unknown> = {}, merchant: { id: string, privateKeyPem: string } = DEMO.owner) {
  const response = await waffo(app, { path: '/v1/graphql', body: { query, variables }, merchant })
  return { status: response.statusCode, body: response.json() as { data: any, errors?: any[] } }
}

const YEAR_2025 = '{ timeRange: { startDate: "2025-01-01T00:00:00Z", endDate: "2026-01-01T00:00:00Z" } }'

describe('payments and orders: the guide\'s detail fields', () => {
  it('each charge with its amounts, phase, sandbox card, failure and business number (also once compiled by graphql-jit)', async () => {
    const query = () => gql(`{ payments { orderId status orderMerchantExternalId failureReason
      snapshotAmountDetails { currency subtotal taxAmount total taxCategory phase } cardInfo { brand last4 expMonth expYear } }
      failed: paymentsCount(filter: { status: { eq: "failed" } }) all: paymentsCount }`)
    await query()
    await query()
    const { body } = await query()
    expect(body.errors).toBeUndefined()
    const amounts = (total: string, taxCategory: string, phase: string | null) => ({ currency: 'USD', subtotal: total, taxAmount: '0.00', total, taxCategory, phase })
    const visa = (last4: string) => ({ brand: 'visa', last4, expMonth: null, expYear: null })
    expect(body.data.payments).toEqual([
      { orderId: ids.onetimeOrder, status: 'succeeded', orderMerchantExternalId: 'ORDER-2026-00891', failureReason: null, snapshotAmountDetails: amounts('29.00', 'digital_goods', null), cardInfo: visa('0110') },
      { orderId: ids.declinedOrder, status: 'failed', orderMerchantExternalId: null, failureReason: 'card_declined', snapshotAmountDetails: amounts('29.00', 'digital_goods', null), cardInfo: visa('0220') },
      { orderId: ids.subscriptionOrder, status: 'succeeded', orderMerchantExternalId: null, failureReason: null, snapshotAmountDetails: amounts('0.00', 'saas', 'special'), cardInfo: visa('0110') },
      { orderId: ids.subscriptionOrder, status: 'succeeded', orderMerchantExternalId: null, failureReason: null, snapshotAmountDetails: amounts('9.99', 'saas', 'regular'), cardInfo: visa('0110') },
      { orderId: ids.subscriptionOrder, status: 'succeeded', orderMerchantExternalId: null, failureReason: null, snapshotAmountDetails: amounts('9.99', 'saas', 'regular'), cardInfo: visa('0110') }
    ])
    expect([body.data.failed, body.data.all]).toEqual([1, 5])
  })

  it('orders: typed price snapshots, billing detail, the version bought, the business number', async () => {
    const { body } = await gql(`query ($o: ID!, $s: ID!) {
      onetimeOrder(id: $o) { orderMerchantExternalId priceSnapshot { currency subtotal taxAmount total taxCategory }
        billingDetail { country isBusiness postcode state businessName taxId } productVersion { versionNumber name isTestVersion isProdVersion } payments { id } }
      subscriptionOrder(id: $s) { priceSnapshot { currency specialPhaseDays regularPhase { total } specialPhase { total } } productVersion { versionNumber name } payments { id } } }`,
    { o: ids.onetimeOrder, s: ids.subscriptionOrder })
    expect(body.errors).toBeUndefined()
    expect(body.data.onetimeOrder).toMatchObject({
      orderMerchantExternalId: 'ORDER-2026-00891',
      priceSnapshot: { currency: 'USD', subtotal: '29.00', taxAmount: '0.00', total: '29.00', taxCategory: 'digital_goods' },
      billingDetail: { country: 'US', isBusiness: false, postcode: '94105', state: 'CA', businessName: null, taxId: null },
      productVersion: { versionNumber: 2, name: 'E-book (2nd edition)', isTestVersion: true, isProdVersion: false }
    })
    expect(body.data.onetimeOrder.payments).toHaveLength(1)
    expect(body.data.subscriptionOrder).toMatchObject({
      priceSnapshot: { currency: 'USD', specialPhaseDays: 14, regularPhase: { total: '9.99' }, specialPhase: { total: '0.00' } },
      productVersion: { versionNumber: 1, name: 'Pro plan' }
    })
    expect(body.data.subscriptionOrder.payments).toHaveLength(3)
  })

  it('versions: the kept test and prod versions, newest first; another merchant\'s product has none', async () => {
    const query = 'query ($p: String!) { onetimeProductVersions(productId: $p) { id versionNumber name isTestVersion isProdVersion } }'
    expect((await gql(query, { p: ids.onetimeProduct })).body.data.onetimeProductVersions).toEqual([
      { id: `${ids.onetimeProduct}_v2`, versionNumber: 2, name: 'E-book (2nd edition)', isTestVersion: true, isProdVersion: false },
      { id: `${ids.onetimeProduct}_v1`, versionNumber: 1, name: 'E-book', isTestVersion: false, isProdVersion: true }
    ])
    expect((await gql(query, { p: ids.onetimeProduct }, DEMO.outsider)).body.data.onetimeProductVersions).toEqual([])
    expect((await gql('query ($p: String!) { subscriptionProductVersions(productId: $p) { id } }', { p: ids.onetimeProduct })).body.data.subscriptionProductVersions).toEqual([])
  })
})

describe('merchant, keys, rates, deliveries', () => {
  it('merchant(id) is the caller only; API keys of the caller\'s environment, never the key material', async () => {
    const query = 'query ($id: ID!) { merchant(id: $id) { id name apiKeys { nickname environment recentlyUsed } } storeMerchantsCount apiKeysCount }'
    expect((await gql(query, { id: DEMO.owner.id })).body.data).toEqual({
      merchant: { id: DEMO.owner.id, name: 'Demo Owner', apiKeys: [{ nickname: 'demo-owner-test', environment: 'test', recentlyUsed: false }] },
      storeMerchantsCount: 5,
      apiKeysCount: 1
    })
    expect((await gql(query, { id: DEMO.owner.id }, DEMO.ownerProd)).body.data.merchant.apiKeys).toEqual([{ nickname: 'demo-owner-prod', environment: 'prod', recentlyUsed: false }])
    expect((await gql(query, { id: DEMO.owner.id }, DEMO.outsider)).body.data).toEqual({ merchant: null, storeMerchantsCount: 1, apiKeysCount: 1 })
  })

  it('rate: the fixed table, quoted until the end of the mock clock\'s hour', async () => {
    const hour = new Date(Math.floor(app.mock.clock.now() / 3_600_000) * 3_600_000)
    const { body } = await gql('{ a: rate(fromCurrency: USD, toCurrency: EUR) { standardRate rateRefId expiryTime } b: rate(fromCurrency: JPY, toCurrency: USD) { fromCurrency toCurrency standardRate } }')
    expect(body.data).toEqual({
      a: { standardRate: '0.920000', rateRefId: `RATE_USDEUR_${hour.toISOString().slice(0, 13).replace(/[-T]/g, '')}`, expiryTime: new Date(hour.getTime() + 3_600_000).toISOString() },
      b: { fromCurrency: 'JPY', toCurrency: 'USD', standardRate: '0.006667' }
    })
    expect((await gql('{ rate(fromCurrency: XYZ, toCurrency: EUR) { standardRate } }')).status).toBe(400)
  })

  it('webhook deliveries of the caller\'s environment with the event id; email deliveries are always empty', async () => {
    const query = `query ($s: String!) { webhookDeliveries(storeId: $s) { storeId eventType eventId webhookUrl attemptCount payload }
      webhookDeliveriesCount(storeId: $s) emailDeliveries(storeId: $s) { id } emailDeliveriesCount(storeId: $s) }`
    const { body } = await gql(query, { s: ids.store })
    expect(body.errors).toBeUndefined()
    expect(body.data.webhookDeliveries.map((d: any) => [d.storeId, d.eventType, d.eventId, d.webhookUrl, d.payload.mode]).sort()).toEqual([
      // A payment event names its payment (the SDK's example), a status event its order.
      [ids.store, 'order.completed', app.mock.db.prepare("SELECT id FROM waffo_payments WHERE order_id = ? AND status = 'succeeded'").pluck().get(ids.onetimeOrder), 'http://127.0.0.1:9/hook', 'test'],
      [ids.store, 'subscription.activated', ids.subscriptionOrder, 'http://127.0.0.1:9/hook', 'test']
    ].sort())
    expect([body.data.webhookDeliveriesCount, body.data.emailDeliveries, body.data.emailDeliveriesCount]).toEqual([2, [], 0])
    expect((await gql(query, { s: ids.store }, DEMO.ownerProd)).body.data).toEqual({ webhookDeliveries: [], webhookDeliveriesCount: 0, emailDeliveries: [], emailDeliveriesCount: 0 })
  })
})

describe('analytics over the mock\'s rows', () => {
  const orderStats = (by: string, filter = YEAR_2025) => `{ orderStatistics(${by}, filter: ${filter}) {
    totalCount countsByStatus { status count } revenueByCurrency { currency totalAmount paymentCount }
    buyerMetrics { totalBuyers newBuyers returningBuyers } revenueByState(country: "us") { state totalAmount } } }`

  it('orderStatistics: orders in range, revenue from succeeded payments, by store id or slug', async () => {
    const expected = {
      totalCount: 3,
      countsByStatus: [{ status: 'active', count: 1 }, { status: 'completed', count: 1 }, { status: 'pending', count: 1 }],
      revenueByCurrency: [{ currency: 'USD', totalAmount: '48.98', paymentCount: 4 }],
      buyerMetrics: { totalBuyers: 2, newBuyers: 2, returningBuyers: 0 },
      revenueByState: [{ state: 'CA', totalAmount: '29.00' }]
    }
    // Repeated: from the second run on, mercurius answers with the query compiled by graphql-jit.
    for (let run = 0; run < 3; run++) expect((await gql(orderStats(`storeId: "${ids.store}"`))).body).toEqual({ data: { orderStatistics: expected } })
    expect((await gql(orderStats('storeSlug: "my-digital-store-a1b2c3"'))).body.data.orderStatistics).toEqual(expected)
    const completed = await gql(orderStats(`storeId: "${ids.store}"`, '{ timeRange: { startDate: "2025-01-01T00:00:00Z", endDate: "2026-01-01T00:00:00Z" }, status: "completed" }'))
    expect(completed.body.data.orderStatistics.totalCount).toBe(1)
    const euros = await gql(orderStats(`storeId: "${ids.store}"`, '{ timeRange: { startDate: "2025-01-01T00:00:00Z", endDate: "2026-01-01T00:00:00Z" }, currency: "eur" }'))
    expect(euros.body.data.orderStatistics).toMatchObject({ totalCount: 0, revenueByCurrency: [] })
    const before = await gql(orderStats(`storeId: "${ids.store}"`, '{ timeRange: { startDate: "2024-01-01T00:00:00Z", endDate: "2025-01-01T00:00:00Z" } }'))
    expect(before.body.data.orderStatistics.totalCount).toBe(0)
  })

  it('another environment sees zeros; another merchant, a buyer-less unknown store and a bad range see nothing', async () => {
    expect((await gql(orderStats(`storeId: "${ids.store}"`), {}, DEMO.ownerProd)).body.data.orderStatistics).toMatchObject({ totalCount: 0, revenueByCurrency: [] })
    expect((await gql(orderStats(`storeId: "${ids.store}"`), {}, DEMO.outsider)).body).toEqual({ data: { orderStatistics: null } })
    expect((await gql(orderStats(`storeId: "${DEMO.waffoStores.othersOnly}"`))).body).toEqual({ data: { orderStatistics: null } })
    const bad = await gql(orderStats(`storeId: "${ids.store}"`, '{ timeRange: { startDate: "soon", endDate: "2026-01-01T00:00:00Z" } }'))
    // A nullable field that failed: partial data, 200, like every resolver error next to data.
    expect(bad).toMatchObject({ status: 200, body: { data: { orderStatistics: null }, errors: [{ message: 'Invalid timeRange: startDate and endDate must be ISO 8601 timestamps, startDate not after endDate', layer: 'graphql' }] } })
    // JavaScript's first day parses, but stepping periods from it left the dates JavaScript has (probing: "Invalid time value").
    const edge = await gql(`{ trendAnalysis(storeId: "${ids.store}", filter: { timeRange: { startDate: "-271821-04-20T00:00:00Z", endDate: "2026-01-01T00:00:00Z" } }) { orderGrowth(granularity: YEAR) { period } } }`)
    expect(edge).toMatchObject({ status: 200, body: { data: { trendAnalysis: null }, errors: [{ message: 'Invalid timeRange: startDate and endDate must fall in the years 0000 to 9999', layer: 'graphql' }] } })
  })

  it('payments, subscriptions and customers: success rate, trial conversion, repeat buyers', async () => {
    const { body } = await gql(`{
      paymentStatistics(storeId: "${ids.store}", filter: ${YEAR_2025}) { successRate { totalAttempts succeeded failed pending successRate } failedReasons { reason count percentage } }
      subscriptionAnalysis(storeId: "${ids.store}", filter: ${YEAR_2025}) { activeCount trialConversion { totalTrials convertedCount activeTrials conversionRate } }
      customerAnalysis(storeId: "${ids.store}", filter: ${YEAR_2025}) { repeatPurchaseRate(granularity: MONTH) { period totalBuyers repeatBuyers repeatRate } topCustomers(limit: 1) { buyerEmail totalSpent orderCount } }
      trendAnalysis(storeId: "${ids.store}", filter: ${YEAR_2025}) { cumulativeRevenue(granularity: QUARTER, currency: "usd") { period periodValue cumulativeValue } }
    }`)
    expect(body.errors).toBeUndefined()
    expect(body.data.paymentStatistics).toEqual({
      successRate: { totalAttempts: 5, succeeded: 4, failed: 1, pending: 0, successRate: 0.8 },
      failedReasons: [{ reason: 'card_declined', count: 1, percentage: 100 }]
    })
    expect(body.data.subscriptionAnalysis).toEqual({ activeCount: 1, trialConversion: { totalTrials: 1, convertedCount: 1, activeTrials: 0, conversionRate: 1 } })
    expect(body.data.customerAnalysis).toEqual({
      repeatPurchaseRate: [{ period: '2025-06', totalBuyers: 1, repeatBuyers: 0, repeatRate: 0 }, { period: '2025-07', totalBuyers: 1, repeatBuyers: 1, repeatRate: 1 }],
      topCustomers: [{ buyerEmail: 'ann@example.com', totalSpent: '48.98', orderCount: 2 }]
    })
    expect(body.data.trendAnalysis.cumulativeRevenue).toEqual([
      { period: '2025-Q1', periodValue: 0, cumulativeValue: 0 },
      // The trial's 0.00 and the first renewal (June 29) fall in Q2 with the e-book; the second renewal in Q3.
      { period: '2025-Q2', periodValue: 38.99, cumulativeValue: 38.99 },
      { period: '2025-Q3', periodValue: 9.99, cumulativeValue: 48.98 },
      { period: '2025-Q4', periodValue: 0, cumulativeValue: 48.98 }
    ])
  })

  it('products, distribution, tax and subscriptions: rankings, percentiles, zero tax, churn', async () => {
    const { body } = await gql(`{
      productStatistics(storeId: "${ids.store}", filter: ${YEAR_2025}) { onetimeTotalCount subscriptionCountsByStatus { status count }
        topByRevenue(limit: 1, currency: "usd") { productId productName orderCount totalRevenue currency }
        revenueContribution { productId revenue contributionPercentage cumulativePercentage } }
      distributionAnalysis(storeId: "${ids.store}", filter: ${YEAR_2025}) { orderAmountPercentiles(currency: "usd") { p50 min max avg count }
        orderAmountBuckets(bucketCount: 2) { rangeMin rangeMax count percentage } }
      taxAnalysis(storeId: "${ids.store}", filter: ${YEAR_2025}) { byCategory { taxCategory totalTax totalAmount paymentCount } byCountry { country paymentCount } }
      subscriptionAnalysis(storeId: "${ids.store}", filter: ${YEAR_2025}) { billingPeriodDistribution { billingPeriod count totalAmount percentage }
        churnRate(granularity: QUARTER) { period startActive churned churnRate } }
      trendAnalysis(storeId: "${ids.store}", filter: ${YEAR_2025}) { orderMovingAverage(windowDays: 2) { date dailyValue movingAverage } }
    }`)
    expect(body.errors).toBeUndefined()
    expect(body.data.productStatistics).toEqual({
      onetimeTotalCount: 1,
      subscriptionCountsByStatus: [{ status: 'active', count: 1 }],
      topByRevenue: [{ productId: ids.onetimeProduct, productName: 'E-book (2nd edition)', orderCount: 2, totalRevenue: '29.00', currency: 'USD' }],
      revenueContribution: [
        { productId: ids.onetimeProduct, revenue: '29.00', contributionPercentage: 59.2078, cumulativePercentage: 59.2078 },
        { productId: ids.subscriptionProduct, revenue: '19.98', contributionPercentage: 40.7922, cumulativePercentage: 100 }
      ]
    })
    // Succeeded charges: 29.00, 0.00 (the trial), 9.99, 9.99.
    expect(body.data.distributionAnalysis).toEqual({
      orderAmountPercentiles: { p50: 9.99, min: 0, max: 29, avg: 12.245, count: 4 },
      orderAmountBuckets: [{ rangeMin: 0, rangeMax: 14.5, count: 3, percentage: 75 }, { rangeMin: 14.5, rangeMax: 29, count: 1, percentage: 25 }]
    })
    expect(body.data.taxAnalysis).toEqual({
      byCategory: [{ taxCategory: 'digital_goods', totalTax: '0.00', totalAmount: '29.00', paymentCount: 1 }, { taxCategory: 'saas', totalTax: '0.00', totalAmount: '19.98', paymentCount: 3 }],
      byCountry: [{ country: 'unknown', paymentCount: 3 }, { country: 'US', paymentCount: 1 }]
    })
    expect(body.data.subscriptionAnalysis).toEqual({
      billingPeriodDistribution: [{ billingPeriod: 'monthly', count: 1, totalAmount: '9.99', percentage: 100 }],
      churnRate: [
        { period: '2025-Q1', startActive: 0, churned: 0, churnRate: 0 },
        { period: '2025-Q2', startActive: 0, churned: 0, churnRate: 0 },
        { period: '2025-Q3', startActive: 1, churned: 0, churnRate: 0 },
        { period: '2025-Q4', startActive: 1, churned: 0, churnRate: 0 }
      ]
    })
    expect(body.data.trendAnalysis.orderMovingAverage).toEqual([{ date: '2025-06-15', dailyValue: 3, movingAverage: 1.5 }])
  })

  it('a subscription canceled at its period end: cancellation stats, trend and churn', async () => {
    const fresh = await createApp()
    try {
      fresh.mock.clock.freeze(Date.parse('2025-03-01T00:00:00.000Z'))
      const call = async (path: string, body: Record<string, unknown>) => (await waffo(fresh, { path: `/v1/actions/${path}`, body })).json().data
      const product = (await call('subscription-product/create-product', { storeId: ids.store, name: 'Monthly', billingPeriod: 'monthly', prices: { USD: { amount: '5.00', taxCategory: 'saas' } } })).product.id
      const { sessionId } = await call('checkout/create-session', { productId: product, currency: 'USD', buyerEmail: 'cy@example.com' })
      const { orderId } = (await fresh.inject({ method: 'POST', url: `/__admin/waffo/checkout-sessions/${sessionId as string}/pay`, payload: { outcome: 'success' } })).json()
      expect((await call('subscription-order/cancel-order', { orderId })).status).toBe('canceling')
      fresh.mock.clock.advance(40 * 86_400_000)
      const response = await waffo(fresh, {
        path: '/v1/graphql',
        body: {
          query: `{ subscriptionAnalysis(storeId: "${ids.store}", filter: ${YEAR_2025}) { activeCount
        cancellationStats { totalSubscriptions canceledCount cancellationRate avgLifetimeDays medianLifetimeDays }
        cancellationTrend(granularity: MONTH) { period canceledCount } churnRate(granularity: QUARTER) { period startActive churned churnRate } } }`
        }
      })
      expect(response.json().data.subscriptionAnalysis).toEqual({
        activeCount: 0,
        cancellationStats: { totalSubscriptions: 1, canceledCount: 1, cancellationRate: 1, avgLifetimeDays: 31, medianLifetimeDays: 31 },
        cancellationTrend: [{ period: '2025-04', canceledCount: 1 }],
        churnRate: [
          { period: '2025-Q1', startActive: 0, churned: 0, churnRate: 0 },
          { period: '2025-Q2', startActive: 1, churned: 1, churnRate: 1 },
          { period: '2025-Q3', startActive: 0, churned: 0, churnRate: 0 },
          { period: '2025-Q4', startActive: 0, churned: 0, churnRate: 0 }
        ]
      })
    } finally {
      await fresh.close()
    }
  })

  it('refundTicketAnalysis and paymentStatistics.refunds: the scenario\'s three tickets, their reviews and the one refund', async () => {
    const analysis = `refundTicketAnalysis(storeId: "${ids.store}", filter: ${YEAR_2025}) {
      reasonDistribution(currency: "usd") { reason count totalAmount percentage } statusDistribution { status count percentage }
      reviewEfficiency { avgHours medianHours p90Hours totalReviewed }
      ticketTrend(granularity: MONTH) { period totalCreated resolvedCount approvedCount rejectedCount }
      approvalRate { approved rejected rate } processingSuccessRate { succeeded failed rate } }`
    const refunds = `paymentStatistics(storeId: "${ids.store}", filter: ${YEAR_2025}) {
      refunds { totalCount succeededCount pendingCount failedCount amountByCurrency { currency totalAmount paymentCount } refundRate } }`
    const { body } = await gql(`{ ${analysis} ${refunds} }`)
    expect(body).toEqual({
      data: {
        refundTicketAnalysis: {
          reasonDistribution: [
            { reason: 'Product not as described', count: 2, totalAmount: '13.00', percentage: 66.6667 },
            { reason: 'Duplicate purchase', count: 1, totalAmount: '5.00', percentage: 33.3333 }
          ],
          statusDistribution: [
            { status: 'pending', count: 1, percentage: 33.3333 },
            { status: 'rejected', count: 1, percentage: 33.3333 },
            { status: 'succeeded', count: 1, percentage: 33.3333 }
          ],
          // Approved 2 hours after creation, rejected after 6: p90 interpolates between them.
          reviewEfficiency: { avgHours: 4, medianHours: 4, p90Hours: 5.6, totalReviewed: 2 },
          ticketTrend: [{ period: '2025-06', totalCreated: 3, resolvedCount: 2, approvedCount: 1, rejectedCount: 1 }],
          approvalRate: { approved: 1, rejected: 1, rate: 0.5 },
          processingSuccessRate: { succeeded: 1, failed: 0, rate: 1 }
        },
        // One refund of four succeeded payments, one ticket still open.
        paymentStatistics: { refunds: { totalCount: 2, succeededCount: 1, pendingCount: 1, failedCount: 0, amountByCurrency: [{ currency: 'USD', totalAmount: '5.00', paymentCount: 1 }], refundRate: 0.25 } }
      }
    })
    const euros = await gql(`{ refundTicketAnalysis(storeId: "${ids.store}", filter: { timeRange: { startDate: "2025-01-01T00:00:00Z", endDate: "2026-01-01T00:00:00Z" }, currency: "EUR" }) { statusDistribution { status } reasonDistribution { reason } } }`)
    expect(euros.body.data.refundTicketAnalysis).toEqual({ statusDistribution: [], reasonDistribution: [] })
    const july = await gql(`{ refundTicketAnalysis(storeId: "${ids.store}", filter: { timeRange: { startDate: "2025-07-01T00:00:00Z", endDate: "2026-01-01T00:00:00Z" } }) { approvalRate { approved rejected rate } reviewEfficiency { totalReviewed avgHours } } }`)
    expect(july.body.data.refundTicketAnalysis).toEqual({ approvalRate: { approved: 0, rejected: 0, rate: 0 }, reviewEfficiency: { totalReviewed: 0, avgHours: 0 } })
    // Another environment sees none of them, another merchant not the store.
    expect((await gql(`{ ${analysis} }`, {}, DEMO.ownerProd)).body.data.refundTicketAnalysis).toMatchObject({ statusDistribution: [], reasonDistribution: [], approvalRate: { approved: 0 } })
    expect((await gql(`{ ${analysis} }`, {}, DEMO.outsider)).body).toEqual({ data: { refundTicketAnalysis: null } })
  })

  it('a payment\'s refunds and refund status, as the guide\'s order details select them', async () => {
    const { body } = await gql(`query ($o: ID!) { onetimeOrder(id: $o) { payments { refundStatus refunds { id status requestedAmountDetails { currency amount } } } }
      refundTickets { id status refunds { id } } }`, { o: ids.onetimeOrder })
    expect(body).toEqual({
      data: {
        onetimeOrder: { payments: [{ refundStatus: 'succeeded', refunds: [{ id: ids.refund, status: 'succeeded', requestedAmountDetails: { currency: 'USD', amount: '5.00' } }] }] },
        refundTickets: [
          { id: ids.tickets.refunded, status: 'succeeded', refunds: [{ id: ids.refund }] },
          { id: ids.tickets.rejected, status: 'rejected', refunds: [] },
          { id: ids.tickets.pending, status: 'pending', refunds: [] }
        ]
      }
    })
    const other = await gql('query ($d: ID!) { onetimeOrder(id: $d) { payments { refundStatus refunds { id } } } }', { d: ids.declinedOrder })
    expect(other.body.data.onetimeOrder.payments).toEqual([{ refundStatus: null, refunds: [] }])
    // Another merchant and the prod environment see none of the tickets or refunds.
    const none = { refundTickets: [], refunds: [], refundTicketsCount: 0, refundsCount: 0 }
    for (const merchant of [DEMO.outsider, DEMO.ownerProd]) expect((await gql('{ refundTickets { id } refunds { id } refundTicketsCount refundsCount }', {}, merchant)).body).toEqual({ data: none })
  })

  it('series count toward the cost limit as they are computed; a series has at most 1000 periods', async () => {
    const range = '{ timeRange: { startDate: "2024-01-01T00:00:00Z", endDate: "2026-09-01T00:00:00Z" } }'
    const aliases = Array.from({ length: 60 }, (_, i) => `g${i}: orderGrowth(granularity: DAY) { period currentValue previousValue growthRate }`).join(' ')
    const wide = await gql(`{ trendAnalysis(storeId: "${ids.store}", filter: ${range}) { ${aliases} } }`)
    expect(wide.body.errors!.some((error) => /^Query cost exceeds the maximum cost of 200000: ask for fewer series/.test(error.message))).toBe(true)
    const long = await gql(`{ trendAnalysis(storeId: "${ids.store}", filter: { timeRange: { startDate: "2020-01-01T00:00:00Z", endDate: "2026-01-01T00:00:00Z" } }) { orderGrowth(granularity: DAY) { period } } }`)
    expect(long.body.errors![0].message).toBe('Too many periods: at most 1000 per series; choose a coarser granularity or a shorter timeRange')
  })

  it('the estimate counts the new paged lists by their limit', () => {
    expect(queryCost('{ payments(limit: 100) { id onetimeOrder { id payments { id } } } }', undefined, undefined)).toEqual({ ok: true, cost: 1400 })
    expect(queryCost('{ webhookDeliveries(limit: 100) { id payload } }', undefined, undefined)).toEqual({ ok: true, cost: 300 })
    // A payment's and a ticket's refunds are unpaged lists (5 items each).
    expect(queryCost('{ refundTickets(limit: 100) { id refunds { id } payment { refunds { id } } } }', undefined, undefined)).toEqual({ ok: true, cost: 2300 })
    expect(queryCost('{ refunds(limit: 100) { id refundTicket { refunds { payment { refunds { refundTicket { refunds { id } } } } } } } }', undefined, undefined))
      .toMatchObject({ ok: true })
  })
})

describe('ID and String variables', () => {
  it('are interchangeable, as the guide\'s dashboard query needs; other mismatches still refuse', async () => {
    const { status, body } = await gql('query ($s: String!) { store(id: $s) { id } }', { s: ids.store })
    expect([status, body]).toEqual([200, { data: { store: { id: ids.store } } }])
    expect((await gql('query ($p: ID!) { onetimeProducts(storeId: $p) { id } }', { p: ids.store })).body.data.onetimeProducts).toHaveLength(1)
    // One variable in both kinds of position (the dashboard's $storeId): each usage reads its own type.
    for (const type of ['String!', 'ID!']) {
      const both = await gql(`query ($s: ${type}) { store(id: $s) { id } onetimeProductsCount(storeId: $s) }`, { s: ids.store })
      expect(both.body).toEqual({ data: { store: { id: ids.store }, onetimeProductsCount: 1 } })
    }
    const wrong = await gql('query ($s: Int!) { store(id: $s) { id } }', { s: 1 })
    expect(wrong).toMatchObject({ status: 400, body: { data: null, errors: [{ message: 'Variable "$s" of type "Int!" used in position expecting type "ID!".', layer: 'graphql' }] } })
  })
})

describe('a buyer session (customer.graphql)', () => {
  it('sees its own payments only, and no merchant, keys, memberships, deliveries or analytics', async () => {
    const token = await sessionToken(app, ids.store, 'bob@example.com')
    const response = await app.inject({
      method: 'POST',
      url: '/v1/graphql',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-environment': 'test' },
      payload: JSON.stringify({
        query: `{ payments { orderId status } merchant(id: "${DEMO.owner.id}") { id } apiKeys { id } storeMerchants { role }
          webhookDeliveries { id } orderStatistics(storeId: "${ids.store}", filter: ${YEAR_2025}) { totalCount }
          refundTickets { id } refunds { id } refundTicketAnalysis(storeId: "${ids.store}", filter: ${YEAR_2025}) { approvalRate { rate } } }`
      })
    })
    expect(response.json()).toEqual({
      data: { payments: [{ orderId: ids.declinedOrder, status: 'failed' }], merchant: null, apiKeys: [], storeMerchants: [], webhookDeliveries: [], orderStatistics: null, refundTickets: [], refunds: [], refundTicketAnalysis: null }
    })
  })
})
