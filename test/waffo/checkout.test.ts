/**
 * Purchases: checkout/create-session (API key and buyer session), paying through the admin helper
 * and the hosted page's form, renewals and past-due on the mock clock.
 */
import { describe, expect, it } from 'vitest'
import { DEMO, snapshot, useApp, waffo } from '../helpers.js'
import { MAX_CATCH_UP } from '../../src/apis/waffo/checkout.js'
import { act, asBuyer, refusal, row, sessionToken } from './support.js'

const mock = useApp()
const STORE = DEMO.waffoStores.clean
const T0 = Date.parse('2026-01-31T12:00:00.000Z')
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

async function product (type: 'onetime' | 'subscription', extra: Record<string, unknown> = {}) {
  const { status, body } = await act(mock.app, `${type}-product/create-product`, {
    storeId: STORE,
    name: type === 'onetime' ? 'E-book' : 'Pro plan',
    prices: { USD: { amount: '9.99', taxCategory: 'saas' } },
    ...(type === 'subscription' ? { billingPeriod: 'monthly' } : {}),
    ...extra
  })
  expect(status, JSON.stringify(body)).toBe(200)
  return body.data.product.id as string
}

async function session (body: Record<string, unknown>) {
  const { status, body: answer } = await act(mock.app, 'checkout/create-session', body)
  expect(status, JSON.stringify(answer)).toBe(200)
  return answer.data as { sessionId: string, checkoutUrl: string, expiresAt: string }
}

const admin = async (url: string, payload: Record<string, unknown>) => await mock.app.inject({ method: 'POST', url, payload })
const pay = async (sessionId: string, outcome: string) => admin(`/__admin/waffo/checkout-sessions/${sessionId}/pay`, { outcome })
const payments = (orderId: string) => mock.app.mock.db.prepare('SELECT status, amount, currency, mode, created_at FROM waffo_payments WHERE order_id = ? ORDER BY created_at, rowid').all(orderId)

describe('checkout/create-session', () => {
  it('answers sessionId, checkoutUrl and expiresAt (45 minutes on the mock clock), the price from the test version', async () => {
    mock.app.mock.clock.freeze(T0)
    const productId = await product('onetime')
    const created = await session({ productId, currency: 'USD', buyerEmail: 'ann@example.com', successUrl: 'https://shop.example/thanks' })
    expect(created.sessionId).toMatch(UUID)
    expect(created.expiresAt).toBe('2026-01-31T12:45:00.000Z')
    const slug = row(mock.app, 'SELECT slug FROM waffo_stores WHERE id = ?', STORE)!.slug ?? STORE
    expect(created.checkoutUrl).toBe(`http://localhost:80/v1/store/${slug}/checkout/${created.sessionId}`)
    expect(row(mock.app, 'SELECT mode, currency, price_snapshot, buyer_email, success_url FROM waffo_checkout_sessions WHERE id = ?', created.sessionId))
      .toEqual({ mode: 'test', currency: 'USD', price_snapshot: '{"amount":"9.99","taxCategory":"saas"}', buyer_email: 'ann@example.com', success_url: 'https://shop.example/thanks' })
  })

  it('refuses an unknown currency, a product never published to prod, an inactive product, a bad successUrl — writing nothing', async () => {
    const productId = await product('onetime')
    const before = snapshot(mock.app)
    expect(await refusal(mock.app, 'checkout/create-session', { productId, currency: 'EUR' })).toEqual([400, 'Currency EUR is not available for this product', 'order'])
    expect(await refusal(mock.app, 'checkout/create-session', { productId, currency: 'USD' }, DEMO.ownerProd))
      .toEqual([400, 'Product has no version in the current environment; publish it first', 'product'])
    expect(await refusal(mock.app, 'checkout/create-session', { productId, currency: 'USD', successUrl: 'javascript:alert(1)' }))
      .toEqual([400, 'Invalid successUrl: expected an absolute http(s) URL', 'order'])
    expect(await refusal(mock.app, 'checkout/create-session', { productId: 'PROD_0000000000000000000000', currency: 'USD' })).toEqual([404, 'Product not found', 'product'])
    expect(await refusal(mock.app, 'checkout/create-session', { productId: 'ORD_1', currency: 'USD' })).toEqual([400, 'Expected format: PROD_xxx, got "ORD_1"', 'order'])
    expect(await refusal(mock.app, 'checkout/create-session', { productId, currency: 'USD', orderMerchantExternalId: 'x'.repeat(129) }))
      .toEqual([400, 'Invalid orderMerchantExternalId: at most 128 characters', 'order'])
    expect(snapshot(mock.app)).toEqual(before)
    await act(mock.app, 'onetime-product/update-status', { id: productId, status: 'inactive' })
    expect(await refusal(mock.app, 'checkout/create-session', { productId, currency: 'USD' })).toEqual([400, 'Product is not active in the current environment', 'order'])
  })

  it('a buyer session token opens a session for its store, the buyer as email', async () => {
    const productId = await product('onetime')
    const token = await sessionToken(mock.app, STORE, 'bea@example.com')
    const { status, body } = await asBuyer(mock.app, token, 'checkout/create-session', { productId, currency: 'USD' })
    expect(status, JSON.stringify(body)).toBe(200)
    expect(row(mock.app, 'SELECT buyer_email, mode FROM waffo_checkout_sessions WHERE id = ?', body.data.sessionId)).toEqual({ buyer_email: 'bea@example.com', mode: 'test' })
    const prod = await asBuyer(mock.app, token, 'checkout/create-session', { productId, currency: 'USD' }, 'prod')
    expect(prod.body.errors).toEqual([{ message: 'Product has no version in the current environment; publish it first', layer: 'product' }])
  })

  it('charges only the currencies and offers only the payment methods the product type supports (the SDK\'s PaymentMethod matrix)', async () => {
    const prices = { USD: { amount: '9.99', taxCategory: 'saas' }, CNY: { amount: '70.00', taxCategory: 'saas' }, AUD: { amount: '15.00', taxCategory: 'saas' } }
    const onetime = await product('onetime', { prices })
    const subscription = await product('subscription', { prices })
    const before = snapshot(mock.app)
    expect(await refusal(mock.app, 'checkout/create-session', { productId: onetime, currency: 'AUD' }))
      .toEqual([400, 'Currency AUD cannot be charged for a onetime product (supported: USD, EUR, GBP, HKD, JPY, CNY)', 'order'])
    expect(await refusal(mock.app, 'checkout/create-session', { productId: subscription, currency: 'CNY' }))
      .toEqual([400, 'Currency CNY cannot be charged for a subscription product (supported: USD, EUR, GBP, HKD, JPY)', 'order'])
    expect(await refusal(mock.app, 'checkout/create-session', { productId: onetime, currency: 'CNY', includePaymentMethods: ['wechat', 'card'] }))
      .toEqual([400, 'Payment method card is not available for CNY on a onetime product (available: wechat)', 'order'])
    expect(await refusal(mock.app, 'checkout/create-session', { productId: subscription, currency: 'USD', includePaymentMethods: ['wechat'] }))
      .toEqual([400, 'Payment method wechat is not available for USD on a subscription product (available: card, applepay, googlepay)', 'order'])
    expect(await refusal(mock.app, 'checkout/create-session', { productId: onetime, currency: 'USD', includePaymentMethods: ['paypal'] }))
      .toEqual([400, 'Payment method paypal is not available for USD on a onetime product (available: card, applepay, googlepay, wechat)', 'order'])
    expect(snapshot(mock.app)).toEqual(before)
    expect((await act(mock.app, 'checkout/create-session', { productId: onetime, currency: 'CNY', includePaymentMethods: ['wechat'], language: 'zh-Hans' })).status).toBe(200)
    expect((await act(mock.app, 'checkout/create-session', { productId: onetime, currency: 'USD', includePaymentMethods: ['wechat', 'card'] })).status).toBe(200)
  })

  it('refuses the plan change fields without originOrderId (the SDK\'s README), writing nothing', async () => {
    const productId = await product('subscription')
    const before = snapshot(mock.app)
    for (const field of [{ changeTiming: 'immediate' }, { changeAmount: '1.00' }, { changeCreditAmount: '1.00' }]) {
      expect(await refusal(mock.app, 'checkout/create-session', { productId, currency: 'USD', ...field }))
        .toEqual([400, 'changeTiming, changeAmount and changeCreditAmount require originOrderId', 'order'])
    }
    expect(snapshot(mock.app)).toEqual(before)
  })

  it('GraphQL shows a subscription\'s own billing period, not its product\'s latest', async () => {
    const productId = await product('subscription')
    const created = await session({ productId, currency: 'USD', buyerEmail: 'ann@example.com' })
    expect((await pay(created.sessionId, 'success')).statusCode).toBe(200)
    expect((await act(mock.app, 'subscription-product/update-product', { id: productId, billingPeriod: 'yearly' })).status).toBe(200)
    const query = `{ subscriptionOrders(storeId: "${STORE}") { productId billingPeriod } }`
    const orders = (await waffo(mock.app, { path: '/v1/graphql', body: { query } })).json().data.subscriptionOrders
    expect(orders.filter((order: { productId: string }) => order.productId === productId)).toEqual([{ productId, billingPeriod: 'monthly' }])
  })

  it('takes priceSnapshot from an API key only, and keeps the version\'s trial price under it (the SDK\'s PriceSnapshot)', async () => {
    const productId = await product('subscription', { prices: { USD: { amount: '9.99', taxCategory: 'saas', trialAmount: '1.00' } } })
    const stored = (sessionId: string) => JSON.parse(row(mock.app, 'SELECT price_snapshot FROM waffo_checkout_sessions WHERE id = ?', sessionId)!.price_snapshot)
    const byKey = await session({ productId, currency: 'USD', priceSnapshot: { amount: '5.00', taxCategory: 'digital_goods' } })
    expect(stored(byKey.sessionId)).toEqual({ amount: '5.00', taxCategory: 'digital_goods', trialAmount: '1.00' })
    const token = await sessionToken(mock.app, STORE, 'bea@example.com')
    const bySession = await asBuyer(mock.app, token, 'checkout/create-session', { productId, currency: 'USD', priceSnapshot: { amount: '0.01', taxCategory: 'saas' } })
    expect(bySession.status, JSON.stringify(bySession.body)).toBe(200)
    expect(stored(bySession.body.data.sessionId)).toEqual({ amount: '9.99', taxCategory: 'saas', trialAmount: '1.00' })
  })
})

describe('paying a session', () => {
  it('one-time: success completes the order with one succeeded PAY_ payment; the session cannot be paid twice', async () => {
    mock.app.mock.clock.freeze(T0)
    const created = await session({ productId: await product('onetime'), currency: 'USD', buyerEmail: 'ann@example.com' })
    const paid = await pay(created.sessionId, 'success')
    expect(paid.statusCode, paid.body).toBe(200)
    const answer = paid.json()
    expect(answer).toMatchObject({ sessionId: created.sessionId, orderStatus: 'completed', paymentStatus: 'succeeded', successUrl: null })
    expect(answer.paymentId).toMatch(/^PAY_[0-9A-Za-z]{22}$/)
    expect(row(mock.app, 'SELECT status, amount, currency, mode, price_snapshot, buyer_email FROM waffo_orders WHERE id = ?', answer.orderId))
      .toEqual({ status: 'completed', amount: '9.99', currency: 'USD', mode: 'test', price_snapshot: '{"amount":"9.99","taxCategory":"saas"}', buyer_email: 'ann@example.com' })
    expect(payments(answer.orderId)).toEqual([{ status: 'succeeded', amount: '9.99', currency: 'USD', mode: 'test', created_at: '2026-01-31T12:00:00.000Z' }])
    const again = await pay(created.sessionId, 'success')
    expect(again.statusCode).toBe(409)
    expect(again.json().error).toMatchObject({ code: 'SESSION_PAID', message: 'This checkout session has already been paid' })
  })

  it('decline: a failed payment, the order stays pending; a later success completes the same order', async () => {
    const created = await session({ productId: await product('onetime'), currency: 'USD' })
    const declined = (await pay(created.sessionId, 'decline')).json()
    expect(declined).toMatchObject({ orderStatus: 'pending', paymentStatus: 'failed' })
    expect(payments(declined.orderId).map((p: any) => p.status)).toEqual(['failed'])
    const ok = (await pay(created.sessionId, 'success')).json()
    expect(ok).toMatchObject({ orderId: declined.orderId, orderStatus: 'completed' })
    expect(payments(declined.orderId).map((p: any) => p.status)).toEqual(['failed', 'succeeded'])
  })

  it('a declined subscription canceled since cannot be paid: 409 ORDER_NOT_PAYABLE, on the admin helper and the page, nothing written', async () => {
    const created = await session({ productId: await product('subscription'), currency: 'USD' })
    const declined = (await pay(created.sessionId, 'decline')).json()
    expect((await act(mock.app, 'subscription-order/cancel-order', { orderId: declined.orderId })).body.data.status).toBe('canceled')
    const before = snapshot(mock.app)
    const late = await pay(created.sessionId, 'success')
    expect(late.statusCode).toBe(409)
    expect(late.json().error).toMatchObject({ code: 'ORDER_NOT_PAYABLE', message: 'The order of this checkout session is canceled and can no longer be paid' })
    const page = await mock.app.inject({ method: 'GET', url: `${new URL(created.checkoutUrl).pathname}?autoPay=success` })
    expect(page.statusCode).toBe(409)
    expect(page.body).toContain('ORDER_NOT_PAYABLE')
    expect(snapshot(mock.app)).toEqual(before)
    expect(row(mock.app, 'SELECT status FROM waffo_orders WHERE id = ?', declined.orderId)).toEqual({ status: 'canceled' })
  })

  it('the page\'s form needs an email unless the session knows its buyer\'s: a form without one is 400 and writes nothing', async () => {
    const form = (url: string, body: string) => mock.app.inject({ method: 'POST', url: new URL(url).pathname, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: body })
    const anonymous = await session({ productId: await product('onetime'), currency: 'USD' })
    const before = snapshot(mock.app)
    for (const body of ['card=4576750000000110', 'card=4576750000000110&email=', 'card=4576750000000110&email=+']) {
      const refused = await form(anonymous.checkoutUrl, body)
      expect([refused.statusCode, refused.body.includes('Enter a valid email address.')], body).toEqual([400, true])
    }
    expect(snapshot(mock.app)).toEqual(before)
    expect((await form(anonymous.checkoutUrl, 'card=4576750000000110&email=pat%40example.com')).statusCode).toBe(200)
    const known = await session({ productId: await product('onetime'), currency: 'USD', buyerEmail: 'kim@example.com' })
    expect((await form(known.checkoutUrl, 'card=4576750000000110')).statusCode).toBe(200)
  })

  it('an expired session is refused (410), nothing written', async () => {
    mock.app.mock.clock.freeze(T0)
    const created = await session({ productId: await product('onetime'), currency: 'USD', expiresInSeconds: 60 })
    mock.app.mock.clock.freeze(T0 + 60_000)
    const before = snapshot(mock.app)
    const late = await pay(created.sessionId, 'success')
    expect(late.statusCode).toBe(410)
    expect(late.json().error).toMatchObject({ code: 'SESSION_EXPIRED' })
    expect(snapshot(mock.app)).toEqual(before)
  })
})

describe('subscriptions on the mock clock', () => {
  it('monthly: active with the period, 3 months later 3 renewals (4 payments), month ends clamped', async () => {
    mock.app.mock.clock.freeze(T0)
    const created = await session({ productId: await product('subscription'), currency: 'USD' })
    const { orderId, orderStatus } = (await pay(created.sessionId, 'success')).json()
    expect(orderStatus).toBe('active')
    expect(row(mock.app, 'SELECT current_period_start, current_period_end FROM waffo_orders WHERE id = ?', orderId))
      .toEqual({ current_period_start: '2026-01-31T12:00:00.000Z', current_period_end: '2026-02-28T12:00:00.000Z' })
    await admin('/__admin/clock', { freeze: '2026-04-30T12:00:00.000Z' })
    await act(mock.app, 'store/update-store', { id: STORE }) // any request runs the tick
    expect(payments(orderId).map((p: any) => [p.status, p.created_at])).toEqual([
      ['succeeded', '2026-01-31T12:00:00.000Z'], ['succeeded', '2026-02-28T12:00:00.000Z'],
      ['succeeded', '2026-03-28T12:00:00.000Z'], ['succeeded', '2026-04-28T12:00:00.000Z']
    ])
    expect(row(mock.app, 'SELECT status, current_period_start, current_period_end FROM waffo_orders WHERE id = ?', orderId))
      .toEqual({ status: 'active', current_period_start: '2026-04-28T12:00:00.000Z', current_period_end: '2026-05-28T12:00:00.000Z' })
  })

  it('declined card → past_due at the period end; a working card → active (recovered), charged at once', async () => {
    mock.app.mock.clock.freeze(T0)
    const created = await session({ productId: await product('subscription'), currency: 'USD' })
    const { orderId } = (await pay(created.sessionId, 'success')).json()
    const card = await admin(`/__admin/waffo/orders/${orderId}/payment-method`, { outcome: 'decline' })
    expect(card.json()).toEqual({ orderId, status: 'active', paymentMethod: 'decline' })
    await admin('/__admin/clock', { freeze: '2026-03-15T00:00:00.000Z' })
    await act(mock.app, 'store/update-store', { id: STORE })
    expect(row(mock.app, 'SELECT status FROM waffo_orders WHERE id = ?', orderId)).toEqual({ status: 'past_due' })
    expect(payments(orderId).map((p: any) => p.status)).toEqual(['succeeded', 'failed'])
    const fixed = await admin(`/__admin/waffo/orders/${orderId}/payment-method`, { outcome: 'success' })
    expect(fixed.json()).toEqual({ orderId, status: 'active', paymentMethod: 'success' })
    expect(payments(orderId).map((p: any) => p.status)).toEqual(['succeeded', 'failed', 'succeeded'])
    expect(row(mock.app, 'SELECT current_period_start, current_period_end FROM waffo_orders WHERE id = ?', orderId))
      .toEqual({ current_period_start: '2026-03-15T00:00:00.000Z', current_period_end: '2026-04-15T00:00:00.000Z' })
  })

  it('a clock moved millennia ahead charges MAX_CATCH_UP missed periods, then once for the period that holds now, and answers at once', async () => {
    mock.app.mock.clock.freeze(T0)
    const weekly = await session({ productId: await product('subscription', { billingPeriod: 'weekly', name: 'Weekly' }), currency: 'USD' })
    const monthly = await session({ productId: await product('subscription'), currency: 'USD' })
    const weeklyOrder = (await pay(weekly.sessionId, 'success')).json().orderId as string
    const monthlyOrder = (await pay(monthly.sessionId, 'success')).json().orderId as string
    const moved = await admin('/__admin/clock', { freeze: '9997-12-31T00:00:00.000Z' })
    expect(moved.statusCode).toBe(200)
    await act(mock.app, 'store/update-store', { id: STORE }) // any request runs the tick
    const count = (orderId: string) => row(mock.app, 'SELECT count(*) AS n FROM waffo_payments WHERE order_id = ?', orderId)!.n
    // The first payment, MAX_CATCH_UP renewals, and the one for the period that holds now.
    expect(count(weeklyOrder)).toBe(1 + MAX_CATCH_UP + 1)
    expect(count(monthlyOrder)).toBe(1 + MAX_CATCH_UP + 1)
    // Weekly periods stay whole weeks from the purchase; the current one holds now.
    const now = Date.parse('9997-12-31T00:00:00.000Z')
    const week = 7 * 86_400_000
    const start = new Date(T0 + Math.floor((now - T0) / week) * week).toISOString()
    expect(Date.parse(start)).toBeLessThanOrEqual(now)
    expect(Date.parse(start) + week).toBeGreaterThan(now)
    expect(row(mock.app, 'SELECT status, current_period_start, current_period_end FROM waffo_orders WHERE id = ?', weeklyOrder))
      .toEqual({ status: 'active', current_period_start: start, current_period_end: new Date(Date.parse(start) + week).toISOString() })
    // Monthly: the clamped day (28, since February) carried on to the month that holds now.
    expect(row(mock.app, 'SELECT status, current_period_start, current_period_end FROM waffo_orders WHERE id = ?', monthlyOrder))
      .toEqual({ status: 'active', current_period_start: '9997-12-28T12:00:00.000Z', current_period_end: '9998-01-28T12:00:00.000Z' })
    // The payments run in order, the last at the period that holds now.
    expect(payments(weeklyOrder).at(-1)).toMatchObject({ status: 'succeeded', created_at: start })
    expect(payments(weeklyOrder).at(-2)).toMatchObject({ created_at: new Date(T0 + MAX_CATCH_UP * 7 * 86_400_000).toISOString() })
  })

  it('withTrial and metadata.trialDays: the first period is the trial, charged the trial amount', async () => {
    mock.app.mock.clock.freeze(T0)
    const created = await session({ productId: await product('subscription'), currency: 'USD', withTrial: true, metadata: { trialDays: '14' } })
    const { orderId } = (await pay(created.sessionId, 'success')).json()
    expect(row(mock.app, 'SELECT status, current_period_end FROM waffo_orders WHERE id = ?', orderId)).toEqual({ status: 'active', current_period_end: '2026-02-14T12:00:00.000Z' })
    expect(payments(orderId).map((p: any) => p.amount)).toEqual(['0.00'])
  })
})

describe('environments are isolated', () => {
  it('test and prod keys each see (and cancel) only their own orders; GraphQL shows payments and the new order fields', async () => {
    mock.app.mock.clock.freeze(T0)
    const productId = await product('subscription')
    expect((await act(mock.app, 'subscription-product/publish-product', { id: productId }, DEMO.ownerProd)).status).toBe(200)
    const testPaid = (await pay((await session({ productId, currency: 'USD', billingDetail: { country: 'US', isBusiness: false, postcode: '94105' } })).sessionId, 'success')).json()
    const { status, body } = await act(mock.app, 'checkout/create-session', { productId, currency: 'USD' }, DEMO.ownerProd)
    expect(status).toBe(200)
    const prodPaid = (await pay(body.data.sessionId, 'success')).json()
    const query = `{ subscriptionOrders(storeId: "${STORE}") { id testMode productVersion { versionNumber } currentPeriodStart priceSnapshot { currency regularPhase { total taxCategory } specialPhase { total } } billingDetail { country isBusiness postcode state } payments { status amount testMode } } payments(storeId: "${STORE}") { orderId status } }`
    const seen = async (merchant: typeof DEMO.owner) => (await waffo(mock.app, { path: '/v1/graphql', body: { query }, merchant })).json().data
    const asTest = await seen(DEMO.owner)
    expect(asTest.subscriptionOrders.filter((o: any) => o.id === testPaid.orderId || o.id === prodPaid.orderId)).toEqual([{
      id: testPaid.orderId,
      testMode: true,
      productVersion: { versionNumber: 1 },
      currentPeriodStart: '2026-01-31T12:00:00.000Z',
      priceSnapshot: { currency: 'USD', regularPhase: { total: '9.99', taxCategory: 'saas' }, specialPhase: null },
      billingDetail: { country: 'US', isBusiness: false, postcode: '94105', state: null },
      payments: [{ status: 'succeeded', amount: '9.99', testMode: true }]
    }])
    expect(asTest.payments).toEqual([{ orderId: testPaid.orderId, status: 'succeeded' }])
    const asProd = await seen(DEMO.ownerProd)
    expect(asProd.subscriptionOrders.map((o: any) => [o.id, o.testMode])).toEqual([[prodPaid.orderId, false]])
    expect(asProd.payments).toEqual([{ orderId: prodPaid.orderId, status: 'succeeded' }])
    expect(await refusal(mock.app, 'subscription-order/cancel-order', { orderId: prodPaid.orderId })).toEqual([404, 'Order not found', 'order'])
    expect(row(mock.app, 'SELECT status, mode FROM waffo_orders WHERE id = ?', prodPaid.orderId)).toEqual({ status: 'active', mode: 'prod' })
  })
})
