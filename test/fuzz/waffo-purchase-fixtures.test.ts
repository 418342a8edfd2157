/**
 * Drawn purchase sections (orders with their checkout columns and scheduled plan changes, checkout
 * sessions (plan change ones too), payments, refund tickets and refunds, store webhooks, product groups) loaded over POST /__admin/fixtures: never a 5xx; a refusal is
 * FIXTURE_INVALID/FIXTURE_CONFLICT naming a /waffo path and writes nothing; whatever loads
 * exports, and the export loads back (replace) to the same rows and the same export.
 */
import fc from 'fast-check'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { DEMO } from '../helpers.js'
import { dbState, judgedRun, startHarness, type Harness } from './harness.js'
import { expectAdminJson } from './oracles.js'
import { params, TIMEOUT } from './settings.js'

let harness: Harness
beforeAll(async () => { harness = await startHarness() })
afterAll(async () => { await harness.app.close() })

const NEW_ORDERS = ['ORD_FuzzOrder000000000000A', 'ORD_FuzzOrder000000000000B']
const junk = fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.constant(''), fc.string({ maxLength: 12 }))
/** Mostly the valid draw, now and then the wrong one: most rows load, every refusal path is reached. */
const mix = <T, U>(valid: fc.Arbitrary<T>, wrong: fc.Arbitrary<U>) => fc.oneof({ arbitrary: valid, weight: 49 }, { arbitrary: wrong, weight: 1 })
const maybe = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(mix(arbitrary, junk), { nil: undefined })
const store = mix(fc.constantFrom(DEMO.waffoStores.clean, DEMO.waffoStores.blockedEverywhere), fc.constant('STO_NoSuchStore00000000001'))
const product = mix(fc.constantFrom('PROD_EveryOnetimeActive0000', 'PROD_EverySubProdActive0000'), fc.constant('PROD_NoSuchProduct000000001'))
const order = mix(fc.constantFrom(...NEW_ORDERS, 'ORD_EverySubActive00000000'), fc.constant('ORD_NoSuchOrder00000000001'))
const time = mix(fc.constantFrom('2026-01-01T00:00:00.000Z', '2026-02-01T10:00:00+02:00', '2030-12-31T23:59:59Z'), fc.constantFrom('2026-02-30T00:00:00Z', 'tomorrow'))
const snapshotOf = fc.record({ amount: fc.constantFrom('9.99', '0.00'), taxCategory: fc.constantFrom('saas', 'ebook') })
const billing = fc.record({ country: fc.constantFrom('US', 'DE'), isBusiness: fc.boolean(), postcode: fc.option(fc.constant('94105'), { nil: undefined }) }, { requiredKeys: ['country', 'isBusiness'] })
/** Sometimes a misspelt key, which must be refused at its path. */
const typo = mix(fc.constant({}), fc.constantFrom({ stauts: 'active' }, { testmode: true }))

const orderRow = fc.record({
  id: fc.constantFrom(...NEW_ORDERS),
  storeId: store,
  type: fc.constantFrom('onetime', 'subscription'),
  status: mix(fc.constantFrom('pending', 'completed', 'active', 'past_due'), fc.constant('shipped')),
  testMode: maybe(fc.boolean()),
  currentPeriodStart: maybe(time),
  currentPeriodEnd: maybe(time),
  priceSnapshot: maybe(snapshotOf),
  billingDetail: maybe(billing),
  productVersion: maybe(mix(fc.integer({ min: 1, max: 3 }), fc.constant(0))),
  billingPeriod: maybe(mix(fc.constantFrom('monthly', 'weekly'), fc.constant('daily'))),
  paymentMethod: maybe(mix(fc.constantFrom('success', 'decline'), fc.constant('cash')))
}, { requiredKeys: ['id', 'storeId', 'type', 'status'] })
const sessionRow = fc.record({
  id: mix(fc.uuid(), fc.constant('not-a-uuid')),
  storeId: store,
  productId: product,
  testMode: maybe(fc.boolean()),
  currency: fc.constantFrom('USD', 'EUR'),
  priceSnapshot: mix(snapshotOf, fc.constant({ amount: '1.00' })),
  trialDays: maybe(mix(fc.integer({ min: 1, max: 30 }), fc.constant(0))),
  buyerEmail: maybe(fc.emailAddress()),
  billingDetail: maybe(billing),
  metadata: maybe(fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 2 })),
  orderId: maybe(order),
  paidAt: maybe(time),
  expiresAt: time
}, { requiredKeys: ['id', 'storeId', 'productId', 'currency', 'priceSnapshot', 'expiresAt'] })
const planChangeOf = (origin: fc.Arbitrary<string>) => fc.record({
  originOrderId: origin,
  changeTiming: mix(fc.constantFrom('immediate', 'next_period'), fc.constant('tomorrow')),
  changeDue: maybe(fc.constantFrom('0.00', '1.50'))
}, { requiredKeys: ['originOrderId', 'changeTiming'] })
/** Half the sessions change a plan. */
const planChange = fc.option(planChangeOf(order), { nil: {}, freq: 2 })
/** Tickets on the drawn payments (now and then an unknown one), refunds of the drawn tickets. */
const ticketRow = (payments: string[], ids = ['TKT_FuzzRefundTicket00000A', 'TKT_FuzzRefundTicket00000B']) => fc.record({
  id: mix(fc.constantFrom(...ids), fc.constant('TKT_short')),
  paymentId: mix(fc.constantFrom(...payments), fc.constant('PAY_NoSuchPayment000000001')),
  status: maybe(mix(fc.constantFrom('pending', 'approved', 'succeeded', 'failed'), fc.constant('refunded'))),
  submitterId: fc.constantFrom('ann@example.com', 'bo@example.com'),
  reason: mix(fc.constantFrom('Broken', 'Wrong item'), fc.constant('')),
  requestedAmount: fc.record({ amount: fc.constantFrom('1.00', '9.99'), currency: fc.constant('USD') }),
  versionNumber: maybe(mix(fc.integer({ min: 1, max: 3 }), fc.constant(0))),
  currentVersionId: maybe(mix(fc.uuid(), fc.constant('v1'))),
  reviewerId: maybe(fc.oneof(fc.constant('mock-reviewer'), fc.constant(null))),
  reviewedAt: maybe(fc.oneof(time, fc.constant(null))),
  rejectReason: maybe(fc.oneof(fc.string({ maxLength: 8 }), fc.constant(null))),
  metadata: maybe(fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 2 })),
  refundTicketMerchantExternalId: maybe(fc.oneof(fc.constant('RT-1'), fc.constant(null))),
  createdAt: maybe(time)
}, { requiredKeys: ['id', 'paymentId', 'submitterId', 'reason', 'requestedAmount'] })
const refundRow = (tickets: string[], ids = ['REF_FuzzRefund00000000000A', 'REF_FuzzRefund00000000000B']) => fc.record({
  id: mix(fc.constantFrom(...ids), fc.constant('REF_short')),
  refundTicketId: mix(fc.constantFrom(...tickets), fc.constant('TKT_NoSuchTicket0000000001')),
  status: mix(fc.constantFrom('succeeded', 'failed'), fc.constant('pending')),
  amount: maybe(fc.constantFrom('1.00', '9.99')),
  orderMerchantExternalId: maybe(fc.oneof(fc.constant('ORDER-1'), fc.constant(null))),
  createdAt: maybe(time)
}, { requiredKeys: ['id', 'refundTicketId', 'status'] })
const paymentRow = fc.record({
  id: mix(fc.constantFrom('PAY_FuzzPayment0000000000A', 'PAY_FuzzPayment0000000000B'), fc.constant('PAY_short')),
  orderId: order,
  status: mix(fc.constantFrom('succeeded', 'failed'), fc.constant('refunded')),
  amount: fc.constantFrom('9.99', '0.00'),
  currency: fc.constant('USD'),
  createdAt: maybe(time)
}, { requiredKeys: ['id', 'orderId', 'status', 'amount', 'currency'] })
const webhookRow = fc.record({
  id: mix(fc.uuid(), fc.constant('hook-1')),
  storeId: store,
  channel: mix(fc.constantFrom('http', 'slack'), fc.constant('smtp')),
  url: mix(fc.constant('https://hooks.example/x'), fc.constant('')),
  events: fc.array(mix(fc.constantFrom('order.completed', 'subscription.renewed'), fc.constant('order.shipped')), { maxLength: 3 }),
  testMode: maybe(fc.boolean()),
  secret: maybe(fc.oneof(fc.string({ maxLength: 8 }), fc.constant(null)))
}, { requiredKeys: ['id', 'storeId', 'channel', 'url', 'events'] })
const groupRow = fc.record({
  id: mix(fc.uuid(), fc.constant('group-1')),
  storeId: store,
  testMode: maybe(fc.boolean()),
  name: mix(fc.constantFrom('Plans', 'Tiers'), fc.constant('')),
  description: maybe(fc.oneof(fc.string({ maxLength: 8 }), fc.constant(null))),
  rules: maybe(fc.record({ sharedTrial: fc.boolean(), selfServicePlanChange: fc.boolean() }, { requiredKeys: [] })),
  productIds: maybe(fc.array(product, { maxLength: 3 })),
  publishedFrom: maybe(fc.oneof(fc.uuid(), fc.constant(null)))
}, { requiredKeys: ['id', 'storeId', 'name'] })
const withTypo = <T extends object>(row: fc.Arbitrary<T>) => fc.tuple(row, typo).map(([value, extra]) => ({ ...value, ...extra }))

const section = fc.record({
  // Unique ids within a draw, so most refusals come from the fields (a clash with the loaded rows still happens).
  orders: fc.uniqueArray(withTypo(orderRow), { maxLength: 2, selector: (row) => row.id }),
  checkoutSessions: fc.array(withTypo(fc.tuple(sessionRow, planChange).map(([row, change]) => ({ ...row, ...change }))), { maxLength: 2 }),
  payments: fc.uniqueArray(withTypo(paymentRow), { maxLength: 2, selector: (row) => row.id }),
  webhooks: fc.array(withTypo(webhookRow), { maxLength: 2 }),
  productGroups: fc.uniqueArray(withTypo(groupRow), { maxLength: 2, selector: (row) => row.name })
}, { requiredKeys: [] }).chain((drawn) => {
  const sessions = (drawn.checkoutSessions ?? []).map((row) => row.id)
  const payments = (drawn.payments ?? []).map((row) => row.id)
  // An order now and then schedules one of the drawn sessions.
  const scheduled = fc.array(sessions.length === 0 ? fc.constant(undefined) : fc.option(fc.constantFrom(...sessions), { nil: undefined, freq: 2 }),
    { minLength: drawn.orders?.length ?? 0, maxLength: drawn.orders?.length ?? 0 })
  const tickets = payments.length === 0 ? fc.constant([]) : fc.uniqueArray(withTypo(ticketRow(payments)), { maxLength: 2, selector: (row) => row.id })
  return fc.tuple(scheduled, tickets).chain(([changes, refundTickets]) => fc.record({
    refunds: refundTickets.length === 0 ? fc.constant([]) : fc.uniqueArray(withTypo(refundRow(refundTickets.map((row) => row.id))), { maxLength: 1, selector: (row) => row.id })
  }).map(({ refunds }) => ({
    ...drawn,
    ...(drawn.orders ? { orders: drawn.orders.map((row, i) => changes[i] === undefined ? row : { ...row, scheduledChange: changes[i] }) } : {}),
    refundTickets,
    refunds
  })))
})

const admin = (method: 'GET' | 'POST', url: string, payload?: unknown) =>
  harness.app.inject({ method, url: `/__admin${url}`, ...(payload === undefined ? {} : { payload: payload as object }) })

/** Loads each drawn section (merge); a loaded one must export and load back (replace) to the same rows and export. Answers how many loaded. */
async function checkLoads (sections: fc.Arbitrary<Record<string, unknown>>): Promise<number> {
  let loaded = 0
  await fc.assert(fc.asyncProperty(sections, async (waffo) => {
    await judgedRun(harness, async () => {
      const response = await admin('POST', '/fixtures?mode=merge', { waffo })
      if (response.statusCode === 200) {
        loaded++
        const exported = await admin('GET', '/state')
        const rows = dbState(harness.app)
        const replaced = await admin('POST', '/fixtures?mode=replace', exported.json())
        expect(replaced.statusCode, replaced.body).toBe(200)
        expect(dbState(harness.app)).toBe(rows)
        expect((await admin('GET', '/state')).body).toBe(exported.body)
      }
      return response
    }, (response) => {
      const body = expectAdminJson(response)
      if (response.statusCode === 200) return
      expect([400, 409]).toContain(response.statusCode)
      expect(body).toEqual({ error: { code: expect.stringMatching(/^FIXTURE_(INVALID|CONFLICT)$/), message: expect.any(String), path: expect.stringMatching(/^\/waffo\//) } })
    }, { mayWrite: (response) => response.statusCode === 200 })
  }), params)
  return loaded
}

it('never a 5xx; refusals name a /waffo path and write nothing; what loads exports and loads back exactly', async () => {
  // The property is only worth something if many drawn sections load (about one in nine does).
  expect(await checkLoads(section)).toBeGreaterThan(params.numRuns / 20)
}, TIMEOUT)

/**
 * One bought subscription and its payment, with drawn plan change sessions, a scheduled change,
 * refund tickets and refunds on it. Ids carry a drawn tag: a load stays in what reset restores.
 */
const refundSection = fc.tuple(fc.stringMatching(/^[0-9A-Za-z]{5}$/), fc.uuid(), fc.uuid()).chain(([tag, ...sessionIds]) => {
  const subscription = `ORD_FuzzRefundOrder00${tag}`
  const payment = `PAY_FuzzRefundPay0000${tag}`
  const planSession = fc.record({
    id: fc.constantFrom(...sessionIds),
    storeId: fc.constant(DEMO.waffoStores.clean),
    productId: fc.constant('PROD_EverySubProdActive0000'),
    currency: fc.constant('USD'),
    priceSnapshot: snapshotOf,
    expiresAt: time
  }).chain((row) => planChangeOf(mix(fc.constant(subscription), fc.constant('ORD_NoSuchOrder00000000001'))).map((change) => ({ ...row, ...change })))
  return fc.record({
    checkoutSessions: fc.uniqueArray(withTypo(planSession), { maxLength: 2, selector: (row) => row.id }),
    scheduledChange: fc.option(mix(fc.constantFrom(...sessionIds), fc.uuid()), { nil: undefined, freq: 2 }),
    refundTickets: fc.uniqueArray(withTypo(ticketRow([payment], [`TKT_FuzzRefundTicketA${tag}`, `TKT_FuzzRefundTicketB${tag}`])), { maxLength: 2, selector: (row) => row.id })
  }).chain((drawn) => (drawn.refundTickets.length === 0
    ? fc.constant([])
    : fc.uniqueArray(withTypo(refundRow(drawn.refundTickets.map((row) => row.id), [`REF_FuzzRefund000000A${tag}`, `REF_FuzzRefund000000B${tag}`])), { maxLength: 2, selector: (row) => row.id }))
    .map((refunds) => ({
      orders: [{ id: subscription, storeId: DEMO.waffoStores.clean, type: 'subscription', status: 'active', ...(drawn.scheduledChange ? { scheduledChange: drawn.scheduledChange } : {}) }],
      payments: [{ id: payment, orderId: subscription, status: 'succeeded', amount: '9.99', currency: 'USD' }],
      checkoutSessions: drawn.checkoutSessions,
      refundTickets: drawn.refundTickets,
      refunds
    })))
})

it('refund tickets, refunds and plan changes: the same, and most draws load', async () => {
  expect(await checkLoads(refundSection)).toBeGreaterThan(params.numRuns / 5)
}, TIMEOUT)
