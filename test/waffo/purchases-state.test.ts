/**
 * Checkout sessions, payments, the purchase columns of orders, store webhooks and product groups survive
 * export → reset → import exactly (rows and GraphQL answers), and renew on after it; what the
 * export holds is what a fixture may hold, and bad purchase rows fail with their JSON path.
 */
import { describe, expect, it } from 'vitest'
import { DEMO, snapshot, useApp, waffo } from '../helpers.js'
import { act, row } from './support.js'

const mock = useApp()
const STORE = DEMO.waffoStores.clean
const T0 = Date.parse('2026-01-15T12:00:00.000Z')

const admin = async (method: 'GET' | 'POST', url: string, payload?: unknown) =>
  await mock.app.inject({ method, url: `/__admin${url}`, ...(payload === undefined ? {} : { payload: payload as object }) })
const pay = async (sessionId: string, outcome: 'success' | 'decline') => (await admin('POST', `/waffo/checkout-sessions/${sessionId}/pay`, { outcome })).json()

async function created (path: string, body: Record<string, unknown>, merchant = DEMO.owner) {
  const { status, body: answer } = await act(mock.app, path, body, merchant)
  expect(status, JSON.stringify(answer)).toBe(200)
  return answer.data
}
const session = async (body: Record<string, unknown>, merchant = DEMO.owner) => (await created('checkout/create-session', body, merchant)).sessionId as string

/** Every kind of purchase row: paid, declined, open, renewed, prod, with a card set to decline; two webhooks; a published group. */
async function buyEverything () {
  mock.app.mock.clock.freeze(T0)
  const prices = { USD: { amount: '9.99', taxCategory: 'saas' } }
  const ebook = (await created('onetime-product/create-product', { storeId: STORE, name: 'E-book', prices })).product.id
  const plan = (await created('subscription-product/create-product', { storeId: STORE, name: 'Pro', billingPeriod: 'monthly', prices })).product.id
  await created('subscription-product/publish-product', { id: plan }, DEMO.ownerProd)
  const onetime = await pay(await session({
    productId: ebook,
    currency: 'USD',
    buyerEmail: 'ann@example.com',
    billingDetail: { country: 'US', isBusiness: true, postcode: '94105', businessName: 'Ann Inc' },
    successUrl: 'https://shop.example/thanks',
    metadata: { campaign: 'spring' },
    orderMerchantExternalId: 'ext-42'
  }), 'success')
  const declined = await pay(await session({ productId: ebook, currency: 'USD' }), 'decline')
  const monthly = await pay(await session({ productId: plan, currency: 'USD', buyerEmail: 'bo@example.com' }), 'success')
  const prod = await pay(await session({ productId: plan, currency: 'USD' }, DEMO.ownerProd), 'success')
  // One renewal, then the card renewals will meet declines.
  await admin('POST', '/clock', { freeze: '2026-03-01T00:00:00.000Z' })
  await created('store/update-store', { id: STORE })
  const open = await session({ productId: plan, currency: 'USD', withTrial: true, metadata: { trialDays: '7' } })
  expect((await admin('POST', `/waffo/orders/${monthly.orderId}/payment-method`, { outcome: 'decline' })).statusCode).toBe(200)
  const hook = (await created('store/add-webhook', { storeId: STORE, channel: 'http', url: 'https://hooks.example/waffo', events: ['order.completed', 'subscription.renewed'], testMode: true, secret: 'whsec-1' })).webhook
  await created('store/add-webhook', { storeId: STORE, channel: 'slack', url: 'https://hooks.slack.example/x', events: ['subscription.past_due'], testMode: false })
  const group = (await created('subscription-product-group/create-group', { storeId: STORE, name: 'Plans', description: 'All plans', rules: { selfServicePlanChange: true }, productIds: [plan] })).group
  await created('subscription-product-group/publish-group', { id: group.id })
  return { onetime, declined, monthly, prod, open, hook, group }
}

const waffoRows = () => Object.fromEntries(Object.entries(snapshot(mock.app)).filter(([table]) => table.startsWith('waffo_')))
const QUERY = `{
  onetimeOrders(storeId: "${STORE}") { id status buyerEmail testMode productVersion { id versionNumber } priceSnapshot { currency total taxCategory }
    billingDetail { country isBusiness postcode businessName } orderMerchantExternalId payments { id status amount currency testMode createdAt } }
  subscriptionOrders(storeId: "${STORE}") { id status testMode productVersion { id versionNumber }
    priceSnapshot { currency regularPhase { total taxCategory } specialPhaseDays } currentPeriodStart currentPeriodEnd payments { id status amount createdAt } }
  payments(storeId: "${STORE}") { id orderId storeId status amount testMode createdAt }
  store(id: "${STORE}") { storeWebhooks { id channel url events testMode secret createdAt updatedAt } }
  subscriptionProductGroups(storeId: "${STORE}") { id name description rules { sharedTrial selfServicePlanChange } productIds environment createdAt updatedAt }
}`
const graphql = async () => await Promise.all([DEMO.owner, DEMO.ownerProd].map(async (merchant) => {
  const answer = (await waffo(mock.app, { path: '/v1/graphql', body: { query: QUERY }, merchant })).json()
  expect(answer.errors).toBeUndefined()
  return answer.data
}))

describe('purchases in the state document', () => {
  it('export → reset → import brings back every session, payment, order column and webhook, rows and GraphQL alike', async () => {
    const bought = await buyEverything()
    const rows = waffoRows()
    const answers = await graphql()
    expect(answers[0].payments.map((payment: { orderId: string, status: string }) => [payment.orderId, payment.status])).toEqual([
      [bought.onetime.orderId, 'succeeded'], [bought.declined.orderId, 'failed'], [bought.monthly.orderId, 'succeeded'], [bought.monthly.orderId, 'succeeded']
    ])
    expect(answers[1].subscriptionOrders.map((order: { id: string, testMode: boolean }) => [order.id, order.testMode])).toEqual([[bought.prod.orderId, false]])

    const exported = await admin('GET', '/state')
    const doc = exported.json().waffo
    expect(doc.orders.find((order: { id: string }) => order.id === bought.monthly.orderId)).toEqual({
      id: bought.monthly.orderId,
      storeId: STORE,
      type: 'subscription',
      status: 'active',
      productId: expect.stringMatching(/^PROD_/),
      buyerEmail: 'bo@example.com',
      currency: 'USD',
      amount: '9.99',
      currentPeriodEnd: '2026-03-15T12:00:00.000Z',
      testMode: true,
      currentPeriodStart: '2026-02-15T12:00:00.000Z',
      priceSnapshot: { amount: '9.99', taxCategory: 'saas' },
      productVersion: 1,
      billingPeriod: 'monthly',
      paymentMethod: 'decline',
      createdAt: '2026-01-15T12:00:00.000Z',
      updatedAt: '2026-02-15T12:00:00.000Z'
    })
    expect(doc.orders.find((order: { id: string }) => order.id === bought.prod.orderId)).toMatchObject({ testMode: false, paymentMethod: 'success' })
    expect(doc.checkoutSessions.find((item: { orderId?: string }) => item.orderId === bought.onetime.orderId)).toEqual({
      id: bought.onetime.sessionId,
      storeId: STORE,
      productId: expect.stringMatching(/^PROD_/),
      testMode: true,
      productVersion: 1,
      currency: 'USD',
      priceSnapshot: { amount: '9.99', taxCategory: 'saas' },
      buyerEmail: 'ann@example.com',
      billingDetail: { country: 'US', isBusiness: true, postcode: '94105', businessName: 'Ann Inc' },
      successUrl: 'https://shop.example/thanks',
      metadata: { campaign: 'spring' },
      orderMerchantExternalId: 'ext-42',
      orderId: bought.onetime.orderId,
      paidAt: '2026-01-15T12:00:00.000Z',
      createdAt: '2026-01-15T12:00:00.000Z',
      expiresAt: '2026-01-15T12:45:00.000Z'
    })
    expect(doc.checkoutSessions.find((item: { id: string }) => item.id === bought.open)).toMatchObject({ trialDays: 7, metadata: { trialDays: '7' } })
    expect(doc.checkoutSessions.find((item: { id: string }) => item.id === bought.open).orderId).toBeUndefined()
    expect(doc.payments.find((payment: { id: string }) => payment.id === bought.declined.paymentId))
      .toEqual({ id: bought.declined.paymentId, orderId: bought.declined.orderId, status: 'failed', amount: '9.99', currency: 'USD', createdAt: '2026-01-15T12:00:00.000Z' })
    expect(doc.webhooks.find((hook: { id: string }) => hook.id === bought.hook.id)).toEqual({
      id: bought.hook.id,
      storeId: STORE,
      channel: 'http',
      url: 'https://hooks.example/waffo',
      events: ['order.completed', 'subscription.renewed'],
      testMode: true,
      secret: 'whsec-1',
      createdAt: '2026-03-01T00:00:00.000Z',
      updatedAt: '2026-03-01T00:00:00.000Z'
    })

    const groups = doc.productGroups.filter((item: { storeId: string }) => item.storeId === STORE)
    expect(groups).toEqual([
      { id: bought.group.id, storeId: STORE, testMode: true, name: 'Plans', description: 'All plans', rules: { sharedTrial: false, selfServicePlanChange: true }, productIds: [expect.stringMatching(/^PROD_/)], publishedFrom: null, createdAt: '2026-03-01T00:00:00.000Z', updatedAt: '2026-03-01T00:00:00.000Z' },
      expect.objectContaining({ testMode: false, name: 'Plans', publishedFrom: bought.group.id })
    ])
    expect(answers.map((answer) => answer.subscriptionProductGroups.map((group: { environment: string }) => group.environment))).toEqual([['test'], ['prod']])

    const reset = await admin('POST', '/reset', { keep: ['clock'] })
    expect(reset.statusCode).toBe(200)
    expect(row(mock.app, 'SELECT count(*) AS n FROM waffo_payments')).toEqual({ n: 0 })
    expect(row(mock.app, 'SELECT count(*) AS n FROM waffo_webhooks')).toEqual({ n: 0 })

    const imported = await admin('POST', '/fixtures?mode=replace', exported.json())
    expect(imported.statusCode, imported.body).toBe(200)
    expect(imported.json().counts).toMatchObject({ waffo_checkout_sessions: 5, waffo_payments: 6, waffo_webhooks: 2, waffo_product_groups: 2 })
    expect(waffoRows()).toEqual(rows)
    expect(await graphql()).toEqual(answers)
    expect((await admin('GET', '/state')).body).toBe(exported.body)

    // The imported rows keep working: the open session pays, the declining card makes the subscription past_due.
    expect(await pay(bought.open, 'success')).toMatchObject({ orderStatus: 'active', paymentStatus: 'succeeded' })
    await admin('POST', '/clock', { freeze: '2026-04-01T00:00:00.000Z' })
    await created('store/update-store', { id: STORE })
    expect(row(mock.app, 'SELECT status FROM waffo_orders WHERE id = ?', bought.monthly.orderId)).toEqual({ status: 'past_due' })
    expect(row(mock.app, 'SELECT status, mode FROM waffo_orders WHERE id = ?', bought.prod.orderId)).toEqual({ status: 'active', mode: 'prod' })
  })

  it('a snapshot restores them too', async () => {
    const bought = await buyEverything()
    const rows = waffoRows()
    expect((await mock.app.inject({ method: 'PUT', url: '/__admin/snapshots/bought' })).statusCode).toBe(200)
    await admin('POST', '/reset', { keep: ['clock'] })
    expect((await admin('POST', '/snapshots/bought/restore')).statusCode).toBe(200)
    expect(waffoRows()).toEqual(rows)
    expect(row(mock.app, 'SELECT store_id, mode FROM waffo_payments WHERE id = ?', bought.prod.paymentId)).toEqual({ store_id: STORE, mode: 'prod' })
  })

  it('a per-merchant reset drops the owner\'s purchases and webhooks that no fixture declares', async () => {
    const bought = await buyEverything()
    expect((await admin('POST', '/reset', { tenant: DEMO.owner.id })).statusCode).toBe(200)
    expect(row(mock.app, 'SELECT count(*) AS n FROM waffo_payments WHERE store_id = ?', STORE)).toEqual({ n: 0 })
    expect(row(mock.app, 'SELECT id FROM waffo_webhooks WHERE id = ?', bought.hook.id)).toBeUndefined()
    expect(row(mock.app, 'SELECT id FROM waffo_checkout_sessions WHERE id = ?', bought.open)).toBeUndefined()
  })
})

describe('purchase rows in fixtures', () => {
  const ORDER = 'ORD_FixtureOrder0000000001'
  const base = {
    orders: [{ id: ORDER, storeId: STORE, type: 'subscription', status: 'active', testMode: false, currentPeriodStart: '2026-01-01T00:00:00Z', currentPeriodEnd: '2026-02-01T00:00:00Z', billingPeriod: 'monthly', paymentMethod: 'decline' }],
    payments: [{ id: 'PAY_FixturePayment00000001', orderId: ORDER, status: 'succeeded', amount: '5.00', currency: 'USD' }],
    webhooks: [{ id: '6f1c2d3e-4a5b-4c6d-8e7f-0123456789ab', storeId: STORE, channel: 'http', url: 'https://h.example/x', events: ['subscription.past_due'], testMode: false }]
  }

  it('loads with their defaults: the payment takes the order\'s store and environment, dates in the mock\'s ISO form', async () => {
    const loaded = await admin('POST', '/fixtures', { waffo: base })
    expect(loaded.statusCode, loaded.body).toBe(200)
    expect(row(mock.app, 'SELECT store_id, mode, status FROM waffo_payments WHERE id = ?', 'PAY_FixturePayment00000001')).toEqual({ store_id: STORE, mode: 'prod', status: 'succeeded' })
    expect(row(mock.app, 'SELECT mode, current_period_start, current_period_end, card_outcome FROM waffo_orders WHERE id = ?', ORDER))
      .toEqual({ mode: 'prod', current_period_start: '2026-01-01T00:00:00.000Z', current_period_end: '2026-02-01T00:00:00.000Z', card_outcome: 'decline' })
    expect(row(mock.app, 'SELECT test_mode, secret FROM waffo_webhooks WHERE id = ?', base.webhooks[0]!.id)).toEqual({ test_mode: 0, secret: null })
    // The fixture's declining card meets the period end: past_due.
    await admin('POST', '/clock', { freeze: '2026-02-01T00:00:00.000Z' })
    await created('store/update-store', { id: STORE })
    expect(row(mock.app, 'SELECT status FROM waffo_orders WHERE id = ?', ORDER)).toEqual({ status: 'past_due' })
  })

  it.each([
    ['a payment of an unknown order', { payments: [{ ...base.payments[0], orderId: 'ORD_NoSuchOrder00000000001' }] }, '/waffo/payments/0/orderId', 'unknown order "ORD_NoSuchOrder00000000001" (declare it under waffo.orders)'],
    ['a session of an unknown product', { checkoutSessions: [{ id: '6f1c2d3e-4a5b-4c6d-8e7f-0123456789ac', storeId: STORE, productId: 'PROD_NoSuchProduct000000001', currency: 'USD', priceSnapshot: { amount: '1.00', taxCategory: 'saas' }, expiresAt: '2026-01-01T00:00:00Z' }] }, '/waffo/checkoutSessions/0/productId', 'unknown product "PROD_NoSuchProduct000000001" (declare it under waffo.products)'],
    ['a webhook of an unknown store', { webhooks: [{ ...base.webhooks[0], storeId: 'STO_NoSuchStore00000000001' }] }, '/waffo/webhooks/0/storeId', 'unknown store "STO_NoSuchStore00000000001" (declare it under waffo.stores)'],
    ['a group of an unknown product', { productGroups: [{ id: '6f1c2d3e-4a5b-4c6d-8e7f-0123456789ad', storeId: STORE, name: 'G', productIds: ['PROD_NoSuchProduct000000001'] }] }, '/waffo/productGroups/0/productIds/0', 'unknown product "PROD_NoSuchProduct000000001" (declare it under waffo.products)'],
    ['a misspelt payment key', { ...base, payments: [{ ...base.payments[0], stauts: 'failed' }] }, '/waffo/payments/0/stauts', 'is not a known key (misspelt?)'],
    ['an unknown webhook event', { webhooks: [{ ...base.webhooks[0], events: ['order.shipped'] }] }, '/waffo/webhooks/0/events/0', expect.stringContaining('must be one of order.completed')]
  ])('%s → 400 naming its path, nothing loaded', async (_name, section, path, reason) => {
    const before = snapshot(mock.app)
    const refused = await admin('POST', '/fixtures', { waffo: section })
    expect(refused.statusCode).toBe(400)
    expect(refused.json().error).toEqual({ code: 'FIXTURE_INVALID', message: typeof reason === 'string' ? `${path}: ${reason}` : expect.any(String), path })
    if (typeof reason !== 'string') expect(refused.json().error.message).toEqual(expect.stringContaining(`${path}: must be one of order.completed`))
    expect(snapshot(mock.app)).toEqual(before)
  })
})
