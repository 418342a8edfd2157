/**
 * Plan changes through the real SDK against a listening mock: a monthly subscription bought at
 * checkout moves to another plan now (hosted /change/ page) or at its period end (the renewal on
 * the mock clock applies it); a declined card changes nothing. Each event arrives at a real HTTP
 * receiver and passes verifyWebhook. Refusals answer exact bodies and write nothing.
 */
import { ChangeTiming, verifyWebhook, WaffoPancake, WaffoPancakeError, type WebhookEvent } from '@waffo/pancake-ts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { WaffoWebhookSigner } from '../../src/apis/waffo/webhooks/signer.js'
import { DEMO, snapshot, useListeningApp } from '../helpers.js'
import { startReceiver, type Receiver } from '../webhooks/receiver.js'
import { row } from './support.js'

const server = useListeningApp()
let receiver: Receiver
beforeAll(async () => { receiver = await startReceiver() })
afterAll(async () => { await receiver.close() })

const STORE = DEMO.waffoStores.clean
const T0 = '2027-01-10T09:00:00.000Z'
const PLAN_EVENTS = ['subscription.plan_changed', 'subscription.plan_change_scheduled', 'subscription.plan_change_failed'] as const
const sdk = (merchant = DEMO.owner, environment: 'test' | 'prod' = 'test') =>
  new WaffoPancake({ merchantId: merchant.id, privateKey: merchant.privateKeyPem, baseUrl: server.url, environment })

const post = async (path: string, body: unknown) => {
  const response = await fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
  return { status: response.status, body: await response.json() as Record<string, any> }
}
const pay = async (sessionId: string, outcome: 'success' | 'decline') => post(`/__admin/waffo/checkout-sessions/${sessionId}/pay`, { outcome })
/** Moves the mock clock, then any request runs the tick (renewals). */
const travel = async (iso: string) => {
  expect((await post('/__admin/clock', { freeze: iso })).status).toBe(200)
  await sdk().graphql.query({ query: '{ stores { id } }' })
}
const order = (id: string) => row(server.app, 'SELECT product_id, amount, price_snapshot, billing_period, status, current_period_start, current_period_end, scheduled_change FROM waffo_orders WHERE id = ?', id)
const payments = (orderId: string) => server.app.mock.db.prepare('SELECT status, amount, created_at FROM waffo_payments WHERE order_id = ? ORDER BY created_at, rowid').all(orderId)

async function plan (name: string, amount: string, billingPeriod = 'monthly') {
  const { product } = await sdk().subscriptionProducts.create({ storeId: STORE, name, billingPeriod: billingPeriod as never, prices: { USD: { amount, taxCategory: 'saas' as never } } })
  return product.id
}

/** Basic (10.00) and Pro (25.00) monthly plans; ann@example.com buys Basic at T0; the receiver hears the plan events. */
async function subscribed () {
  await post('/__admin/clock', { freeze: T0 })
  receiver.received.length = 0
  await sdk().webhooks.add({ storeId: STORE, channel: 'http' as never, url: receiver.url, events: [...PLAN_EVENTS] as never, testMode: true })
  const basic = await plan('Basic', '10.00')
  const pro = await plan('Pro', '25.00')
  const { sessionId } = await sdk().checkout.createSession({ productId: basic, currency: 'USD' as never, buyerEmail: 'ann@example.com' })
  const paid = await pay(sessionId, 'success')
  expect(paid.body).toMatchObject({ orderStatus: 'active', paymentStatus: 'succeeded' })
  return { basic, pro, orderId: paid.body.orderId as string }
}

/** The n-th delivery, verified by the SDK with the mock's webhook key. */
async function event (n: number): Promise<WebhookEvent> {
  const received = (await receiver.waitFor(n))[n - 1]!
  const key = (server.app.webhooks.signers.get('waffo') as WaffoWebhookSigner).publicKey()
  return verifyWebhook(received.body, received.headers['x-waffo-signature'] as string, { publicKey: key }) as WebhookEvent
}

const CHANGE_URL = /^http:\/\/127\.0\.0\.1:\d+\/v1\/store\/[^/]+\/change\/[0-9a-f-]{36}$/

describe('a plan change now', () => {
  it('the hosted page shows the terms; paying moves the subscription to Pro at once, charging the difference (15.00), plan_changed delivered', async () => {
    const { basic, pro, orderId } = await subscribed()
    const session = await sdk().checkout.createPlanChangeSession({ originOrderId: orderId, productId: pro, currency: 'USD' as never, changeTiming: ChangeTiming.Immediate })
    expect(session).toEqual({ sessionId: expect.stringMatching(/^[0-9a-f-]{36}$/), checkoutUrl: expect.stringMatching(CHANGE_URL), expiresAt: '2027-01-10T09:45:00.000Z' })
    const page = await (await fetch(session.checkoutUrl)).text()
    expect(page).toContain('<h1>Change plan: Pro</h1>')
    expect(page).toContain('Changing from <strong>Basic</strong>. Takes effect now; the current period runs on at the new price. Due now: <strong id="due">15.00 USD</strong>.')
    // The purchase page does not serve a plan change session.
    expect((await fetch(session.checkoutUrl.replace('/change/', '/checkout/'))).status).toBe(404)

    const confirmed = await fetch(session.checkoutUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'card=4576+7500+0000+0110' })
    expect(confirmed.status).toBe(200)
    expect(await confirmed.text()).toContain(`<code id="order">${orderId}</code>`)
    expect(order(orderId)).toEqual({
      product_id: pro,
      amount: '25.00',
      price_snapshot: '{"amount":"25.00","taxCategory":"saas"}',
      billing_period: 'monthly',
      status: 'active',
      current_period_start: T0,
      current_period_end: '2027-02-10T09:00:00.000Z',
      scheduled_change: null
    })
    expect(payments(orderId)).toEqual([{ status: 'succeeded', amount: '10.00', created_at: T0 }, { status: 'succeeded', amount: '15.00', created_at: T0 }])
    expect(await event(1)).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      timestamp: T0,
      eventType: 'subscription.plan_changed',
      eventId: orderId,
      storeId: STORE,
      storeName: expect.any(String),
      mode: 'test',
      data: expect.objectContaining({ orderId, orderStatus: 'active', amount: '25.00', productName: 'Pro', billingPeriod: 'monthly', currentPeriodEnd: '2027-02-10' })
    })
    const seen = await sdk().graphql.query<{ subscriptionOrders: unknown[] }>({ query: `{ subscriptionOrders(storeId: "${STORE}") { id productId amount priceSnapshot { currency regularPhase { total taxCategory } } } }` })
    expect(seen.data?.subscriptionOrders).toEqual([{ id: orderId, productId: pro, amount: '25.00', priceSnapshot: { currency: 'USD', regularPhase: { total: '25.00', taxCategory: 'saas' } } }])
    expect(basic).not.toBe(pro)
    // The renewal charges the new price.
    await travel('2027-02-10T09:00:01.000Z')
    expect(payments(orderId).map((p: any) => p.amount)).toEqual(['10.00', '15.00', '25.00'])
  })

  it('changeAmount and changeCreditAmount price the change; omitted timing: an upgrade is immediate, a downgrade next_period', async () => {
    const { pro, orderId } = await subscribed()
    const lite = await plan('Lite', '4.50')
    const due = async (params: Record<string, unknown>) => {
      const { sessionId } = await sdk().checkout.createPlanChangeSession({ originOrderId: orderId, currency: 'USD' as never, productId: pro, ...params })
      return row(server.app, 'SELECT change_timing, change_due FROM waffo_checkout_sessions WHERE id = ?', sessionId)
    }
    expect(await due({})).toEqual({ change_timing: 'immediate', change_due: '15.00' })
    expect(await due({ productId: lite })).toEqual({ change_timing: 'next_period', change_due: '0.00' })
    expect(await due({ changeCreditAmount: '20.005' })).toEqual({ change_timing: 'immediate', change_due: '4.995' })
    expect(await due({ changeCreditAmount: '30' })).toEqual({ change_timing: 'immediate', change_due: '0.00' })
    expect(await due({ changeAmount: '3.00', changeTiming: ChangeTiming.NextPeriod })).toEqual({ change_timing: 'next_period', change_due: '3.00' })
    expect(await due({ priceSnapshot: { amount: '12.00', taxCategory: 'saas' } })).toEqual({ change_timing: 'immediate', change_due: '2.00' })
    // The merchant's session fields are kept; a buyer's merchant-only fields are dropped, as upstream does.
    const { sessionId } = await sdk().checkout.createPlanChangeSession({
      originOrderId: orderId, productId: pro, currency: 'USD' as never, expiresInSeconds: 600, metadata: { plan: 'pro' }, orderMerchantExternalId: 'UP-1'
    })
    expect(row(server.app, 'SELECT expires_at, metadata, external_id, buyer_email FROM waffo_checkout_sessions WHERE id = ?', sessionId))
      .toEqual({ expires_at: '2027-01-10T09:10:00.000Z', metadata: '{"plan":"pro"}', external_id: 'UP-1', buyer_email: 'ann@example.com' })
    await sdk().subscriptionProductGroups.create({ storeId: STORE, name: 'Plans', productIds: [pro, order(orderId)!.product_id as string], rules: { selfServicePlanChange: true } })
    const { token } = await sdk().auth.issueSessionToken({ storeId: STORE, buyerIdentity: 'ann@example.com' })
    const dropped = await sdk().customer(token).createPlanChangeSession({
      originOrderId: orderId, productId: pro, currency: 'USD' as never, changeAmount: '1.00', expiresInSeconds: 600, metadata: { plan: 'pro' }
    } as never)
    expect(row(server.app, 'SELECT change_due, expires_at, metadata FROM waffo_checkout_sessions WHERE id = ?', dropped.sessionId))
      .toEqual({ change_due: '15.00', expires_at: '2027-01-10T09:45:00.000Z', metadata: '{}' })
  })
})

describe('a plan change at the period end', () => {
  it('scheduled now (nothing charged), applied by the renewal at the period end at the new price, plan_changed delivered', async () => {
    const { basic, pro, orderId } = await subscribed()
    const link = await sdk().checkout.authenticated.createPlanChange({
      originOrderId: orderId, productId: pro, currency: 'USD' as never, changeTiming: ChangeTiming.NextPeriod, buyerIdentity: 'ann@example.com'
    })
    expect(link).toMatchObject({ sessionId: expect.any(String), checkoutUrl: expect.stringMatching(/\/change\/[0-9a-f-]{36}#token=[\w.-]+$/) })
    const page = await (await fetch(link.checkoutUrl.split('#')[0]!)).text()
    expect(page).toContain('Changing from <strong>Basic</strong>. Takes effect at the end of the current period (2027-02-10). Due now: <strong id="due">0.00 USD</strong>.')
    expect(page).toContain('<button type="submit" id="pay">Confirm and pay 0.00 USD</button>')
    const confirmed = await pay(link.sessionId, 'success')
    expect(confirmed.body).toEqual({ sessionId: link.sessionId, orderId, orderStatus: 'active', paymentId: null, paymentStatus: null, successUrl: null })
    expect(order(orderId)).toMatchObject({ product_id: basic, amount: '10.00', scheduled_change: link.sessionId })
    expect(await event(1)).toMatchObject({ eventType: 'subscription.plan_change_scheduled', eventId: orderId, data: { orderStatus: 'active', productName: 'Basic', amount: '10.00' } })

    await travel('2027-02-10T08:59:59.000Z')
    expect(order(orderId)).toMatchObject({ product_id: basic })
    await travel('2027-02-10T09:00:00.000Z')
    expect(order(orderId)).toEqual({
      product_id: pro,
      amount: '25.00',
      price_snapshot: '{"amount":"25.00","taxCategory":"saas"}',
      billing_period: 'monthly',
      status: 'active',
      current_period_start: '2027-02-10T09:00:00.000Z',
      current_period_end: '2027-03-10T09:00:00.000Z',
      scheduled_change: null
    })
    expect(payments(orderId)).toEqual([{ status: 'succeeded', amount: '10.00', created_at: T0 }, { status: 'succeeded', amount: '25.00', created_at: '2027-02-10T09:00:00.000Z' }])
    expect(await event(2)).toMatchObject({
      eventType: 'subscription.plan_changed',
      eventId: orderId,
      timestamp: '2027-02-10T09:00:00.000Z',
      data: { orderStatus: 'active', productName: 'Pro', amount: '25.00', currentPeriodEnd: '2027-03-10' }
    })
    await travel('2027-03-10T09:00:00.000Z')
    expect(payments(orderId).map((p: any) => p.amount)).toEqual(['10.00', '25.00', '25.00'])
    expect(receiver.received).toHaveLength(2)
  })

  it('a declined renewal drops the scheduled change (plan_change_failed) and goes past_due on the old plan', async () => {
    const { basic, pro, orderId } = await subscribed()
    const { sessionId } = await sdk().checkout.createPlanChangeSession({ originOrderId: orderId, productId: pro, currency: 'USD' as never, changeTiming: ChangeTiming.NextPeriod })
    await pay(sessionId, 'success')
    // Deliveries run concurrently (signed on the thread pool): receive the first before the second is due.
    expect((await event(1)).eventType).toBe('subscription.plan_change_scheduled')
    expect((await post(`/__admin/waffo/orders/${orderId}/payment-method`, { outcome: 'decline' })).status).toBe(200)
    await travel('2027-02-11T00:00:00.000Z')
    expect(order(orderId)).toMatchObject({ product_id: basic, amount: '10.00', status: 'past_due', scheduled_change: null })
    expect(payments(orderId).map((p: any) => [p.status, p.amount])).toEqual([['succeeded', '10.00'], ['failed', '25.00']])
    expect((await event(2)).eventType).toBe('subscription.plan_change_failed')
  })
})

describe('a declined card', () => {
  it('a buyer\'s self-service change (same group, switch on): declined → plan_change_failed, a failed payment, the subscription unchanged', async () => {
    const { basic, pro, orderId } = await subscribed()
    await sdk().subscriptionProductGroups.create({ storeId: STORE, name: 'Plans', productIds: [basic, pro], rules: { selfServicePlanChange: true } })
    const { token } = await sdk().auth.issueSessionToken({ storeId: STORE, buyerIdentity: 'ann@example.com' })
    const session = await sdk().customer(token).createPlanChangeSession({ originOrderId: orderId, productId: pro, currency: 'USD' as never })
    expect(session.checkoutUrl).toMatch(CHANGE_URL)
    const before = order(orderId)
    const declined = await pay(session.sessionId, 'decline')
    expect(declined.body).toMatchObject({ orderId, orderStatus: 'active', paymentStatus: 'failed' })
    expect(order(orderId)).toEqual(before)
    expect(payments(orderId).map((p: any) => [p.status, p.amount])).toEqual([['succeeded', '10.00'], ['failed', '15.00']])
    expect(await event(1)).toMatchObject({ eventType: 'subscription.plan_change_failed', eventId: orderId, data: { productName: 'Basic', amount: '10.00', orderStatus: 'active' } })
    // The session stays open: another card goes through.
    expect((await pay(session.sessionId, 'success')).body).toMatchObject({ paymentStatus: 'succeeded' })
    expect(order(orderId)).toMatchObject({ product_id: pro })
    expect((await pay(session.sessionId, 'success')).body.error).toMatchObject({ code: 'SESSION_PAID' })
  })
})

async function rejection (promise: Promise<unknown>) {
  const error = await promise.then(() => undefined, (caught: unknown) => caught)
  expect(error).toBeInstanceOf(WaffoPancakeError)
  const { status, errors } = error as WaffoPancakeError
  return { status, errors }
}
const refused = (status: number, message: string, layer = 'order') => ({ status, errors: [{ message, layer }] })

describe('refusals write nothing', () => {
  it('not the caller\'s, canceled, same plan, unknown or foreign product, other currency, both amounts, prod order with a test key', async () => {
    const { basic, pro, orderId } = await subscribed()
    const onetime = (await sdk().onetimeProducts.create({ storeId: STORE, name: 'Ebook', prices: { USD: { amount: '5.00', taxCategory: 'ebook' as never } } })).product.id
    const prodPro = await plan('Prod Pro', '30.00')
    const inactive = await plan('Retired', '8.00')
    await sdk().subscriptionProducts.updateStatus({ id: inactive, status: 'inactive' as never })
    const euroOnly = (await sdk().subscriptionProducts.create({ storeId: STORE, name: 'Euro', billingPeriod: 'monthly' as never, prices: { EUR: { amount: '9.00', taxCategory: 'saas' as never } } })).product.id
    await sdk(DEMO.ownerProd, 'prod').subscriptionProducts.publish({ id: basic })
    await sdk(DEMO.ownerProd, 'prod').subscriptionProducts.publish({ id: prodPro })
    const { sessionId } = await sdk(DEMO.ownerProd, 'prod').checkout.createSession({ productId: basic, currency: 'USD' as never, buyerEmail: 'ann@example.com' })
    const prodOrder = (await pay(sessionId, 'success')).body.orderId as string
    const change = (params: Record<string, unknown>, client = sdk()) =>
      rejection(client.checkout.createPlanChangeSession({ originOrderId: orderId, productId: pro, currency: 'USD' as never, ...params }))
    const before = snapshot(server.app)

    expect(await change({}, sdk(DEMO.outsider))).toEqual(refused(404, 'Order not found'))
    expect(await change({ originOrderId: 'ORD_EverySubCanceled000000' })).toEqual(refused(400, 'Subscription plan cannot be changed, current status: canceled'))
    expect(await change({ productId: basic })).toEqual(refused(400, 'Target plan must be a subscription product other than the current one'))
    expect(await change({ productId: 'PROD_0000000000000000000000' })).toEqual(refused(404, 'Product not found', 'product'))
    expect(await change({ productId: onetime })).toEqual(refused(400, 'Target plan must be a subscription product of the subscription\'s store'))
    expect(await change({ productId: 'PROD_MailStoreProduct000003' })).toEqual(refused(400, 'Target plan must be a subscription product of the subscription\'s store'))
    expect(await change({ currency: 'EUR' })).toEqual(refused(400, 'Currency must match the subscription\'s currency (USD)'))
    expect(await rejection(sdk().checkout.createSession({ originOrderId: orderId, productId: pro, currency: 'USD', changeAmount: '1.00', changeCreditAmount: '1.00' } as never)))
      .toEqual(refused(400, 'changeAmount and changeCreditAmount are mutually exclusive'))
    expect(await rejection(sdk().checkout.createSession({ originOrderId: orderId, productId: pro, currency: 'USD', changeTiming: 'tomorrow' } as never)))
      .toEqual(refused(400, 'Invalid changeTiming: expected one of [immediate, next_period], got "tomorrow"'))
    expect(await change({ includePaymentMethods: ['card'], excludePaymentMethods: ['paypal'] }))
      .toEqual(refused(400, 'includePaymentMethods and excludePaymentMethods are mutually exclusive'))
    expect(await change({ productId: euroOnly })).toEqual(refused(400, 'Currency USD is not available for this product'))
    expect(await change({ productId: inactive })).toEqual(refused(400, 'Product is not active in the current environment'))
    // Environments apart: a test key does not see the prod subscription, a prod key not the test one.
    expect(await change({ originOrderId: prodOrder, productId: prodPro })).toEqual(refused(404, 'Order not found'))
    expect(await change({ productId: prodPro }, sdk(DEMO.ownerProd, 'prod'))).toEqual(refused(404, 'Order not found'))

    // A buyer: only their own subscription, only within a group that allows self-service.
    const customer = async (buyer: string) => sdk().customer((await sdk().auth.issueSessionToken({ storeId: STORE, buyerIdentity: buyer })).token)
    const asBuyer = async (buyer: string) => rejection((await customer(buyer)).createPlanChangeSession({ originOrderId: orderId, productId: pro, currency: 'USD' as never }))
    expect(await asBuyer('bob@example.com')).toEqual(refused(403, 'Subscription order does not belong to this credential'))
    expect(await rejection((await customer('ann@example.com')).createPlanChangeSession({ originOrderId: prodOrder, productId: pro, currency: 'USD' as never })))
      .toEqual(refused(404, 'Order not found'))
    expect(await asBuyer('ann@example.com')).toEqual(refused(403, 'Target plan is not in the same product group as the current plan'))
    expect(snapshot(server.app)).toEqual(before)
    await sdk().subscriptionProductGroups.create({ storeId: STORE, name: 'Plans', productIds: [basic, pro] })
    const grouped = snapshot(server.app)
    expect(await asBuyer('ann@example.com')).toEqual(refused(403, 'Self-service plan change is not enabled for this product group'))
    expect(snapshot(server.app)).toEqual(grouped)
    expect(order(prodOrder)).toMatchObject({ product_id: basic, status: 'active' })
  })

  it('a session whose subscription was canceled meanwhile cannot be confirmed (409), nothing written', async () => {
    const { pro, orderId } = await subscribed()
    const { sessionId } = await sdk().checkout.createPlanChangeSession({ originOrderId: orderId, productId: pro, currency: 'USD' as never })
    expect(await sdk().orders.cancelSubscription({ orderId })).toEqual({ orderId, status: 'canceling' })
    const before = snapshot(server.app)
    const answer = await pay(sessionId, 'success')
    expect(answer.status).toBe(409)
    expect(answer.body.error).toMatchObject({ code: 'SUBSCRIPTION_NOT_CHANGEABLE', message: 'The subscription can no longer change plan (status: canceling)' })
    expect(snapshot(server.app)).toEqual(before)
  })
})
