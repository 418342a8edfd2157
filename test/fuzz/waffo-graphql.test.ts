/**
 * POST /v1/graphql, signed, with any body: random documents built from the schema's names (valid,
 * misspelt, too deep, mutations), junk variables and non-GraphQL bodies. Never a 5xx; success is
 * `{data}` (maybe with errors) and every error carries layer "graphql" or the gateway's; reads
 * never write; another merchant's stores never appear.
 */
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO, waffo } from '../helpers.js'
import { bodies } from './bodies.js'
import { dbState, expectUnchanged, startHarness, type Harness } from './harness.js'
import { expectNoLeak, expectNoPrototypePollution, expectWaffoError } from './oracles.js'
import { printable } from './printing.js'
import { params, TIMEOUT } from './settings.js'

let harness: Harness
beforeAll(async () => { harness = await startHarness() })
afterAll(async () => { await harness.app.close() })

const FIELDS = ['id', 'name', 'status', 'slug', 'storeId', 'prices', 'priceInfo', 'amount', 'currency', 'store', 'onetimeProducts', 'subscriptionOrders',
  'onetimeOrders', 'onetimeProduct', 'subscriptionProduct', 'buyerEmail', 'hasProdVersion', 'nope', '__typename', '__schema',
  // The guide's later additions: merchant, payment details, versions, analytics series.
  'apiKeys', 'storeMerchants', 'payments', 'snapshotAmountDetails', 'cardInfo', 'productVersion', 'priceSnapshot', 'regularPhase', 'standardRate',
  'countsByStatus', 'countsByPeriod(granularity: DAY)', 'cohortRetention(granularity: WEEK)', 'retention', 'orderMovingAverage(windowDays: 0)',
  // Refunds: a payment's refunds, a refund's ticket and payment, the ticket analysis' series.
  'refunds', 'refundStatus', 'refundTicket', 'payment', 'requestedAmountDetails', 'ticketTrend(granularity: DAY)', 'reasonDistribution(currency: "usd")']
const ROOTS = ['stores', 'storesCount', 'store(id: "STO_OtherMerchantsStore001")', 'onetimeProducts', 'onetimeProductsCount(storeId: "x")',
  'subscriptionOrders(limit: 500)', 'onetimeOrders(offset: -1)', 'stores(limit: 2, offset: 1, filter: { status: { in: ["active"] } })', 'nope',
  'merchant(id: "MER_2aUyqjCzEIiEcYMKj7TZtw")', 'payments(filter: { status: { eq: "succeeded" } })', 'webhookDeliveries(limit: 3)', 'emailDeliveries',
  'rate(fromCurrency: USD, toCurrency: JPY)', 'onetimeProductVersions(productId: "PROD_EveryOnetimeActive0000")',
  `orderStatistics(storeId: "${DEMO.waffoStores.othersOnly}", filter: { timeRange: { startDate: "2025-01-01T00:00:00Z", endDate: "2026-01-01T00:00:00Z" } })`,
  `customerAnalysis(storeId: "${DEMO.waffoStores.blockedEverywhere}", filter: { timeRange: { startDate: "2000-01-01", endDate: "2030-01-01" } })`,
  'trendAnalysis(storeSlug: "x", filter: { timeRange: { startDate: "bad", endDate: "" } })',
  'refundTickets(limit: 101)', 'refunds(filter: { status: { eq: "succeeded" } })', 'refundTicketsCount(storeId: "x")',
  `refundTicketAnalysis(storeId: "${DEMO.waffoStores.clean}", filter: { timeRange: { startDate: "2000-01-01", endDate: "2030-01-01" } })`]

/** A selection set up to `depth` levels, from real and misspelt field names. */
const selection: (depth: number) => fc.Arbitrary<string> = (depth) => depth === 0
  ? fc.constantFrom(...FIELDS)
  : fc.array(fc.oneof(fc.constantFrom(...FIELDS), fc.tuple(fc.constantFrom(...FIELDS), selection(depth - 1)).map(([field, inner]) => `${field} { ${inner} }`)),
    { minLength: 1, maxLength: 3 }).map((fields) => fields.join(' '))

const document = fc.tuple(fc.constantFrom('', 'query ', 'query Q ', 'mutation ', 'subscription ', '{'), fc.constantFrom(...ROOTS), selection(4))
  .map(([keyword, root, inner]) => keyword === '{' ? `{ ${root} ${inner} }` : `${keyword}{ ${root} { ${inner} } }`)

const variables = fc.oneof(fc.constant(undefined), fc.jsonValue({ maxDepth: 2 }), fc.record({ id: fc.oneof(fc.string(), fc.integer()) }))
const graphqlShaped = fc.tuple(fc.oneof(document, fc.string({ unit: 'binary', maxLength: 40 }), fc.jsonValue({ maxDepth: 1 })), variables, fc.option(fc.string({ maxLength: 5 }), { nil: undefined }))
  .map(([query, vars, operationName]) => printable({ raw: JSON.stringify({ query, variables: vars, operationName }) }))

const merchant = fc.constantFrom('owner', 'ownerProd', 'outsider')
const MERCHANTS = { owner: DEMO.owner, ownerProd: DEMO.ownerProd, outsider: DEMO.outsider }

describe('POST /v1/graphql, signed, any body', () => {
  it('never 5xx; the envelope; layer graphql or gateway; nothing written; no other merchant\'s store', async () => {
    await fc.assert(fc.asyncProperty(merchant, bodies(graphqlShaped, { deep: false }), async (who, body) => {
      const before = dbState(harness.app)
      const response = await waffo(harness.app, { path: '/v1/graphql', merchant: MERCHANTS[who], body: body.raw ?? '{}', headers: { 'content-type': 'application/json' } })
      expectNoLeak(response)
      expectNoPrototypePollution()
      expectUnchanged(harness, before, response)
      if (response.statusCode >= 400) {
        const notice = expectWaffoError(response)!
        expect(['graphql', 'gateway']).toContain(notice.layer)
        if (response.statusCode === 403) expect(notice.message).toBe('Mutations are not supported: the GraphQL API is read-only')
        return
      }
      expect(response.statusCode).toBe(200)
      const answer = response.json()
      expect(Object.keys(answer).filter((key) => key !== 'errors')).toEqual(['data'])
      for (const error of answer.errors ?? []) expect(error.layer).toBe('graphql')
      if (who !== 'outsider') expect(response.body).not.toContain(DEMO.waffoStores.othersOnly)
      expect(response.body).not.toContain(DEMO.waffoStores.deleted)
    }), params)
  }, TIMEOUT)
})
