/**
 * The purchase path end to end: the official SDK opens a checkout session, headless Chromium
 * (Debian `chromium`, playwright-core) pays on the hosted page with a sandbox test card, the SDK's
 * GraphQL sees the order. Then a monthly subscription renews across three months of mock time,
 * goes past_due on a declining card and recovers, the SDK working after every clock move.
 * Screenshots go to test-artifacts/.
 */
import { WaffoPancake } from '@waffo/pancake-ts'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO, useListeningApp } from '../helpers.js'
import { artifact, hasChromium, launchChromium } from '../support/browser.js'

const server = useListeningApp()
const STORE = DEMO.waffoStores.clean
const sdk = (merchant: { id: string, privateKeyPem: string } = DEMO.owner) =>
  new WaffoPancake({ merchantId: merchant.id, privateKey: merchant.privateKeyPem, baseUrl: server.url, environment: 'test' })
const paymentsOf = (orderId: string) => server.app.mock.db.prepare('SELECT status, amount, mode FROM waffo_payments WHERE order_id = ? ORDER BY created_at, rowid').all(orderId)
const ordersOfProduct = (productId: string) => server.app.mock.db.prepare('SELECT id, status FROM waffo_orders WHERE product_id = ?').all(productId) as Array<{ id: string, status: string }>

async function onetimeProduct () {
  const { product } = await sdk().onetimeProducts.create({ storeId: STORE, name: 'Field Guide', prices: { USD: { amount: '19.00', taxCategory: 'ebook' as never } } })
  return product.id
}

describe.skipIf(!hasChromium)('the hosted checkout page in headless Chromium', () => {
  let browser: Browser
  beforeAll(async () => { browser = await launchChromium() })
  afterAll(async () => { await browser?.close() })

  it('success card: lands on successUrl; the SDK sees the order completed, one succeeded payment', async () => {
    const productId = await onetimeProduct()
    const session = await sdk().checkout.createSession({ productId, currency: 'USD', buyerEmail: 'ann@example.com', successUrl: `${server.url}/__admin/health?from=checkout` })
    expect(session.checkoutUrl.startsWith(`${server.url}/v1/store/`)).toBe(true)
    const page = await browser.newPage({ viewport: { width: 720, height: 720 } })
    await page.goto(session.checkoutUrl)
    expect(await page.locator('h1').innerText()).toBe('Field Guide')
    expect(await page.locator('#price').innerText()).toBe('19.00 USD')
    await page.fill('#card', '4576 7500 0000 0110')
    await page.screenshot({ path: artifact('waffo-checkout.png'), fullPage: true })
    await Promise.all([page.waitForURL(/\/__admin\/health\?from=checkout/), page.click('#pay')])
    await page.close()

    const { data } = await sdk().graphql.query<{ onetimeOrders: Array<{ id: string, status: string }> }>({ query: `{ onetimeOrders(storeId: "${STORE}") { id status } }` })
    const [order] = ordersOfProduct(productId)
    expect(data!.onetimeOrders.filter((o) => o.id === order!.id)).toEqual([{ id: order!.id, status: 'completed' }])
    expect(paymentsOf(order!.id)).toEqual([{ status: 'succeeded', amount: '19.00', mode: 'test' }])
  })

  it('declined card: the page says so; no completed order, one failed payment', async () => {
    const productId = await onetimeProduct()
    const session = await sdk().checkout.anonymous.create({ productId, currency: 'USD' })
    const page = await browser.newPage({ viewport: { width: 720, height: 760 } })
    await page.goto(session.checkoutUrl)
    await page.fill('#email', 'bob@example.com')
    await page.fill('#card', '4576 7500 0000 0220')
    await Promise.all([page.waitForLoadState('load'), page.click('#pay')])
    expect(await page.locator('#error').innerText()).toBe('Your card was declined. Try another card.')
    await page.screenshot({ path: artifact('waffo-checkout-declined.png'), fullPage: true })
    await page.close()
    const orders = ordersOfProduct(productId)
    expect(orders.map((o) => o.status)).toEqual(['pending'])
    expect(paymentsOf(orders[0]!.id)).toEqual([{ status: 'failed', amount: '19.00', mode: 'test' }])
  })

  it('authenticated checkout: the link\'s #token binds the order to buyerIdentity across a declined attempt; that buyer\'s session sees it', async () => {
    const productId = await onetimeProduct()
    const checkout = await sdk().checkout.authenticated.create({ productId, currency: 'USD', buyerIdentity: 'user-page-1', buyerEmail: 'pat@example.com' })
    const page = await browser.newPage({ viewport: { width: 720, height: 760 } })
    await page.goto(checkout.checkoutUrl)
    expect(await page.locator('#token').inputValue()).toBe(checkout.checkoutUrl.split('#token=')[1])
    await page.fill('#card', '4576 7500 0000 0220')
    await Promise.all([page.waitForLoadState('load'), page.click('#pay')])
    expect(await page.locator('#error').innerText()).toBe('Your card was declined. Try another card.')
    // The page after the POST has no fragment: the form kept the token.
    await page.fill('#card', '4576 7500 0000 0110')
    await Promise.all([page.waitForSelector('#order'), page.click('#pay')])
    await page.close()
    const [order] = ordersOfProduct(productId)
    expect(server.app.mock.db.prepare('SELECT status, buyer_email, buyer_identity FROM waffo_orders WHERE id = ?').get(order!.id))
      .toEqual({ status: 'completed', buyer_email: 'pat@example.com', buyer_identity: 'user-page-1' })
    const { token } = await sdk().auth.issueSessionToken({ storeId: STORE, buyerIdentity: 'user-page-1' })
    const { data } = await sdk().customer(token, { environment: 'test' }).graphql.query<{ onetimeOrders: Array<{ id: string }> }>({ query: '{ onetimeOrders { id } }' })
    expect(data!.onetimeOrders).toEqual([{ id: order!.id }])
  })
})

describe('subscriptions through checkout on the mock clock, with the SDK', () => {
  const clock = async (payload: Record<string, unknown>) => {
    const response = await fetch(`${server.url}/__admin/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload) })
    expect(response.status).toBe(200)
  }
  const subscriptions = async () => (await sdk().graphql.query<{ subscriptionOrders: Array<{ id: string, status: string }> }>({
    query: `{ subscriptionOrders(storeId: "${STORE}") { id status } }`
  })).data!.subscriptionOrders

  it('monthly: 3 months later 4 payments; declined → past_due → fixed → active; SDK calls pass after every move', async () => {
    await clock({ freeze: '2027-01-10T00:00:00.000Z' })
    const { product } = await sdk().subscriptionProducts.create({ storeId: STORE, name: 'Pro', billingPeriod: 'monthly' as never, prices: { USD: { amount: '9.00', taxCategory: 'saas' as never } } })
    const session = await sdk().checkout.authenticated.create({ productId: product.id, currency: 'USD', storeId: STORE, buyerIdentity: 'cy@example.com' } as never)
    expect(session.checkoutUrl).toMatch(/#token=/)
    const paid = await fetch(`${server.url}/__admin/waffo/checkout-sessions/${session.sessionId}/pay`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ outcome: 'success' })
    })
    const { orderId } = await paid.json() as { orderId: string }
    await clock({ advanceMs: 90 * 86_400_000 })
    expect((await subscriptions()).find((o) => o.id === orderId)).toEqual({ id: orderId, status: 'active' })
    expect(paymentsOf(orderId).map((p: any) => p.status)).toEqual(['succeeded', 'succeeded', 'succeeded', 'succeeded'])

    await fetch(`${server.url}/__admin/waffo/orders/${orderId}/payment-method`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ outcome: 'decline' }) })
    await clock({ advanceMs: 31 * 86_400_000 })
    expect((await subscriptions()).find((o) => o.id === orderId)).toEqual({ id: orderId, status: 'past_due' })
    await fetch(`${server.url}/__admin/waffo/orders/${orderId}/payment-method`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ outcome: 'success' }) })
    expect((await subscriptions()).find((o) => o.id === orderId)).toEqual({ id: orderId, status: 'active' })
    expect(paymentsOf(orderId).map((p: any) => p.status)).toEqual(['succeeded', 'succeeded', 'succeeded', 'succeeded', 'failed', 'succeeded'])
  })
})
