/**
 * Authenticated checkout binds the order to the buyerIdentity the merchant gives (the SDK's API
 * reference: "Even if the customer changes the email on the checkout form, the order stays tied to
 * your identifier"): through the admin pay helper, a session opened with a buyer token, and the
 * state round trip. The hosted page's #token is proven in checkout-browser.test.ts.
 */
import { WaffoPancake } from '@waffo/pancake-ts'
import { describe, expect, it } from 'vitest'
import { DEMO, snapshot, useListeningApp } from '../helpers.js'
import { asBuyer, row, sessionToken } from './support.js'

const server = useListeningApp()
const STORE = DEMO.waffoStores.clean
const sdk = () => new WaffoPancake({ merchantId: DEMO.owner.id, privateKey: DEMO.owner.privateKeyPem, baseUrl: server.url, environment: 'test' })
const pay = async (sessionId: string, body: Record<string, unknown>) => await server.app.inject({ method: 'POST', url: `/__admin/waffo/checkout-sessions/${sessionId}/pay`, payload: body })
const subscriptionOrders = async (token: string) => {
  const response = await server.app.inject({
    method: 'POST',
    url: '/v1/graphql',
    payload: { query: '{ subscriptionOrders { id status buyerEmail } }' },
    headers: { authorization: `Bearer ${token}`, 'x-environment': 'test' }
  })
  return (response.json().data.subscriptionOrders as Array<{ id: string }>).map((order) => order.id)
}

async function subscription () {
  const { product } = await sdk().subscriptionProducts.create({ storeId: STORE, name: 'Pro', billingPeriod: 'monthly' as never, prices: { USD: { amount: '29.00', taxCategory: 'saas' as never } } })
  return product.id
}

describe('authenticated checkout: the order belongs to buyerIdentity, not to the email', () => {
  it('paid with the identity (the link\'s #token, here the admin helper): the identity\'s session sees, cancels it; the email\'s does not', async () => {
    const productId = await subscription()
    const checkout = await sdk().checkout.authenticated.create({ productId, currency: 'USD', buyerIdentity: 'user-123', buyerEmail: 'jane@example.com' })
    expect(checkout.checkoutUrl).toMatch(/#token=eyJ/)
    const paid = await pay(checkout.sessionId, { outcome: 'success', buyerIdentity: 'user-123' })
    expect(paid.statusCode, paid.body).toBe(200)
    const orderId = paid.json().orderId as string
    expect(row(server.app, 'SELECT buyer_email, buyer_identity, status FROM waffo_orders WHERE id = ?', orderId))
      .toEqual({ buyer_email: 'jane@example.com', buyer_identity: 'user-123', status: 'active' })

    const byEmail = await sessionToken(server.app, STORE, 'jane@example.com')
    expect(await subscriptionOrders(byEmail)).toEqual([])
    const before = snapshot(server.app)
    expect(await asBuyer(server.app, byEmail, 'subscription-order/cancel-order', { orderId }))
      .toEqual({ status: 403, body: { data: null, errors: [{ message: 'Order does not belong to user', layer: 'order' }] } })
    expect(snapshot(server.app)).toEqual(before)

    const byIdentity = await sessionToken(server.app, STORE, 'user-123')
    expect(await subscriptionOrders(byIdentity)).toEqual([orderId])
    // The identity is the merchant's own identifier: compared exactly.
    expect(await subscriptionOrders(await sessionToken(server.app, STORE, 'USER-123'))).toEqual([])
    const canceled = await sdk().customer(byIdentity, { environment: 'test' }).cancelSubscription({ orderId })
    expect(canceled).toMatchObject({ orderId, status: 'canceling' })
  })

  it('a session opened with a buyer token binds its order to that buyer, whatever email the form took', async () => {
    const productId = await subscription()
    const token = await sessionToken(server.app, STORE, 'acct-42')
    const opened = await asBuyer(server.app, token, 'checkout/create-session', { productId, currency: 'USD', buyerEmail: 'someone@example.com' })
    expect(opened.status).toBe(200)
    expect(row(server.app, 'SELECT buyer_identity FROM waffo_checkout_sessions WHERE id = ?', opened.body.data.sessionId)).toEqual({ buyer_identity: 'acct-42' })
    const orderId = (await pay(opened.body.data.sessionId, { outcome: 'success' })).json().orderId as string
    expect(await subscriptionOrders(token)).toEqual([orderId])
    expect(await subscriptionOrders(await sessionToken(server.app, STORE, 'someone@example.com'))).toEqual([])
  })

  it('anonymous checkout stays tied to the email (trimmed, case-insensitive), and the helper refuses an empty identity', async () => {
    const productId = await subscription()
    const checkout = await sdk().checkout.anonymous.create({ productId, currency: 'USD', buyerEmail: 'Bob@Example.com' })
    expect((await pay(checkout.sessionId, { outcome: 'success', buyerIdentity: '' })).statusCode).toBe(400)
    const orderId = (await pay(checkout.sessionId, { outcome: 'success' })).json().orderId as string
    expect(row(server.app, 'SELECT buyer_identity FROM waffo_orders WHERE id = ?', orderId)).toEqual({ buyer_identity: null })
    expect(await subscriptionOrders(await sessionToken(server.app, STORE, ' bob@example.com'))).toEqual([orderId])
  })

  it('the page\'s form refuses a token this mock did not issue for the store (400 INVALID_TOKEN), writing nothing', async () => {
    const productId = await subscription()
    const checkout = await sdk().checkout.authenticated.create({ productId, currency: 'USD', buyerIdentity: 'user-5' })
    const other = await sessionToken(server.app, DEMO.waffoStores.productsAndMail, 'user-5')
    const before = snapshot(server.app)
    for (const token of ['not-a-jwt', other]) {
      const answer = await server.app.inject({
        method: 'POST',
        url: new URL(checkout.checkoutUrl).pathname,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ email: 'u5@example.com', card: '4576 7500 0000 0110', token }).toString()
      })
      expect(answer.statusCode).toBe(400)
      expect(answer.body).toContain('The buyer session token of this checkout link is not one this mock issued for its store')
    }
    expect(snapshot(server.app)).toEqual(before)
  })

  it('autoPay takes the link\'s token as ?token=; another buyer\'s token or identity is 409 BUYER_MISMATCH, nothing written', async () => {
    const productId = await subscription()
    const checkout = await sdk().checkout.authenticated.create({ productId, currency: 'USD', buyerIdentity: 'user-auto' })
    const [page, token] = checkout.checkoutUrl.split('#token=') as [string, string]
    const declined = await server.app.inject({ method: 'GET', url: `${new URL(page).pathname}?autoPay=decline&token=${token}` })
    expect(declined.statusCode).toBe(402)
    const orderId = row(server.app, 'SELECT order_id FROM waffo_checkout_sessions WHERE id = ?', checkout.sessionId)!.order_id as string
    expect(row(server.app, 'SELECT buyer_identity FROM waffo_orders WHERE id = ?', orderId)).toEqual({ buyer_identity: 'user-auto' })
    const before = snapshot(server.app)
    const other = await pay(checkout.sessionId, { outcome: 'success', buyerIdentity: 'intruder' })
    expect([other.statusCode, other.json().error.code]).toEqual([409, 'BUYER_MISMATCH'])
    const mallory = await sessionToken(server.app, STORE, 'mallory')
    const page409 = await server.app.inject({ method: 'GET', url: `${new URL(page).pathname}?autoPay=success&token=${mallory}` })
    expect(page409.statusCode).toBe(409)
    expect(page409.body).toContain('BUYER_MISMATCH')
    expect(snapshot(server.app)).toEqual(before)
    expect((await pay(checkout.sessionId, { outcome: 'success', buyerIdentity: 'user-auto' })).statusCode).toBe(200)
  })

  it('a plan change confirmed with another buyer\'s identity is refused: the subscription is its buyer\'s', async () => {
    const productId = await subscription()
    const checkout = await sdk().checkout.authenticated.create({ productId, currency: 'USD', buyerIdentity: 'user-plan' })
    const orderId = (await pay(checkout.sessionId, { outcome: 'success', buyerIdentity: 'user-plan' })).json().orderId as string
    const { product: bigger } = await sdk().subscriptionProducts.create({ storeId: STORE, name: 'Pro Max', billingPeriod: 'monthly' as never, prices: { USD: { amount: '49.00', taxCategory: 'saas' as never } } })
    const change = await sdk().checkout.createPlanChangeSession({ originOrderId: orderId, productId: bigger.id, currency: 'USD' } as never)
    const before = snapshot(server.app)
    const refused = await pay(change.sessionId, { outcome: 'success', buyerIdentity: 'mallory' })
    expect([refused.statusCode, refused.json().error.code]).toEqual([409, 'BUYER_MISMATCH'])
    expect(snapshot(server.app)).toEqual(before)
    expect((await pay(change.sessionId, { outcome: 'success', buyerIdentity: 'user-plan' })).statusCode).toBe(200)
  })

  it('the state export carries buyerIdentity, and replace loads it back', async () => {
    const productId = await subscription()
    const checkout = await sdk().checkout.authenticated.create({ productId, currency: 'USD', buyerIdentity: 'user-77', buyerEmail: 'x@example.com' })
    const orderId = (await pay(checkout.sessionId, { outcome: 'success', buyerIdentity: 'user-77' })).json().orderId as string
    const state = (await server.app.inject({ method: 'GET', url: '/__admin/state' })).json()
    expect(state.waffo.orders.find((order: { id: string }) => order.id === orderId)).toMatchObject({ buyerEmail: 'x@example.com', buyerIdentity: 'user-77' })
    const replaced = await server.app.inject({ method: 'POST', url: '/__admin/fixtures?mode=replace', payload: state })
    expect(replaced.statusCode, replaced.body).toBe(200)
    expect(row(server.app, 'SELECT buyer_identity FROM waffo_orders WHERE id = ?', orderId)).toEqual({ buyer_identity: 'user-77' })
    expect(await subscriptionOrders(await sessionToken(server.app, STORE, 'user-77'))).toEqual([orderId])
  })
})
