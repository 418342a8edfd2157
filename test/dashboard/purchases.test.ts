/**
 * The dashboard's Waffo purchases in headless Chromium: checkout sessions (paid, declined, open,
 * expired), orders (one-time, subscription, prod) and payments, bought through the control
 * plane, newest first and bounded to the last 50.
 */
import { expect, it } from 'vitest'
import { DEMO, waffo } from '../helpers.js'
import { artifact, hasChromium, useBrowserApp } from '../support/browser.js'

const STORE = DEMO.waffoStores.clean
const T0 = '2026-01-15T12:00:00.000Z'
const held = hasChromium ? useBrowserApp() : undefined

async function control (method: string, path: string, body?: unknown) {
  const response = await fetch(`${held!.url}/__admin${path}`, {
    method, ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
  })
  const answer = await response.json()
  expect(response.status, JSON.stringify(answer)).toBeLessThan(300)
  return answer
}
async function act (path: string, body: Record<string, unknown>, merchant = DEMO.owner) {
  const response = await waffo(held!.app, { path: `/v1/actions/${path}`, body, merchant })
  expect(response.statusCode, response.body).toBe(200)
  return response.json().data
}
const session = async (productId: string, extra: Record<string, unknown> = {}, merchant = DEMO.owner) =>
  (await act('checkout/create-session', { productId, currency: 'USD', ...extra }, merchant)).sessionId as string
const pay = async (sessionId: string, outcome: 'success' | 'decline') =>
  await control('POST', `/waffo/checkout-sessions/${sessionId}/pay`, { outcome }) as { sessionId: string, orderId: string, paymentId: string }

it.skipIf(!hasChromium)('lists sessions, orders and payments of a store, newest first, with their environment', async () => {
  const { page } = held!
  await control('POST', '/clock', { freeze: T0 })
  const prices = { USD: { amount: '9.99', taxCategory: 'saas' } }
  const ebook = (await act('onetime-product/create-product', { storeId: STORE, name: 'Field Guide', prices })).product.id
  const plan = (await act('subscription-product/create-product', { storeId: STORE, name: 'Pro Plan', billingPeriod: 'monthly', prices })).product.id
  await act('subscription-product/publish-product', { id: plan }, DEMO.ownerProd)

  const paid = await pay(await session(ebook, { buyerEmail: 'ann@example.com' }), 'success')
  await control('POST', '/clock', { advanceMs: 1000 })
  const declined = await pay(await session(ebook, { buyerEmail: 'bo@example.com' }), 'decline')
  await control('POST', '/clock', { advanceMs: 1000 })
  const monthly = await pay(await session(plan, { buyerEmail: 'cy@example.com' }), 'success')
  await control('POST', '/clock', { advanceMs: 1000 })
  const prod = await pay(await session(plan, {}, DEMO.ownerProd), 'success')
  await control('POST', '/clock', { advanceMs: 1000 })
  const expiring = await session(ebook, { expiresInSeconds: 60 })
  const open = await session(plan, { buyerEmail: 'di@example.com' })
  await control('POST', '/clock', { advanceMs: 120_000 })

  await page.goto(`${held!.url}/__admin/`)
  const card = page.locator(`[data-store="${STORE}"]`)
  const text = (selector: string) => card.locator(selector).textContent()
  await expect.poll(() => text(`[data-session="${open}"]`), { timeout: 10_000 })
    .toBe(`${open}Pro Planopen test2026-01-15T12:45:04.000Zdi@example.com`)
  expect(await text(`[data-session="${expiring}"]`)).toBe(`${expiring}Field Guideexpired test2026-01-15T12:01:04.000Z`)
  expect(await text(`[data-session="${paid.sessionId}"]`)).toBe(`${paid.sessionId}Field Guidepaid test2026-01-15T12:45:00.000Zann@example.com${paid.orderId}`)
  expect(await text(`[data-session="${declined.sessionId}"]`)).toBe(`${declined.sessionId}Field Guidedeclined test2026-01-15T12:45:01.000Zbo@example.com${declined.orderId}`)
  expect(await text(`[data-session="${prod.sessionId}"]`)).toContain('paid prod')

  expect(await text(`[data-order="${paid.orderId}"]`)).toBe(`${paid.orderId}Field Guideonetimecompleted test`)
  expect(await text(`[data-order="${declined.orderId}"]`)).toBe(`${declined.orderId}Field Guideonetimepending test`)
  expect(await text(`[data-order="${monthly.orderId}"]`))
    .toBe(`${monthly.orderId}Pro Plansubscriptionactive test2026-01-15T12:00:02.000Z → 2026-02-15T12:00:02.000Z`)
  expect(await text(`[data-order="${prod.orderId}"]`)).toBe(`${prod.orderId}Pro Plansubscriptionactive prod2026-01-15T12:00:03.000Z → 2026-02-15T12:00:03.000Z`)

  expect(await text(`[data-payment="${paid.paymentId}"]`)).toBe(`${paid.paymentId}${paid.orderId}9.99 USDsucceeded test2026-01-15T12:00:00.000Z`)
  expect(await text(`[data-payment="${declined.paymentId}"]`)).toBe(`${declined.paymentId}${declined.orderId}9.99 USDfailed test2026-01-15T12:00:01.000Z`)
  expect(await text(`[data-payment="${prod.paymentId}"]`)).toBe(`${prod.paymentId}${prod.orderId}9.99 USDsucceeded prod2026-01-15T12:00:03.000Z`)
  const ids = (list: string, attribute: string) => card.locator(`[data-list="${list}"] tbody tr`).evaluateAll(
    (rows, name) => rows.map((row) => row.getAttribute(name)), attribute)
  expect(await ids('payments', 'data-payment')).toEqual([prod.paymentId, monthly.paymentId, declined.paymentId, paid.paymentId])
  expect(await ids('checkout-sessions', 'data-session')).toEqual([open, expiring, prod.sessionId, monthly.sessionId, declined.sessionId, paid.sessionId])
  expect(await card.locator('[data-list="orders"] h3').textContent()).toMatch(/^Orders \(\d+\)$/)
  expect(await card.textContent()).toContain('4 payment(s)')
  await card.screenshot({ path: '/tmp/dashboard-purchases.png' })
  await page.screenshot({ path: artifact('dashboard-purchases.png'), fullPage: true })

  // A store with 51 payments shows the newest 50.
  const order = 'ORD_DashboardOrder00000001'
  await control('POST', '/fixtures', {
    waffo: {
      orders: [{ id: order, storeId: STORE, type: 'onetime', status: 'completed' }],
      payments: Array.from({ length: 51 }, (_, i) => ({
        id: `PAY_DashboardPayment${String(i).padStart(6, '0')}`, orderId: order, status: 'succeeded', amount: '1.00', currency: 'USD', createdAt: `2027-01-01T00:00:${String(i).padStart(2, '0')}.000Z`
      }))
    }
  })
  await page.reload()
  await expect.poll(() => card.locator('[data-list="payments"] h3').textContent(), { timeout: 10_000 }).toBe('Payments newest 50 of 55')
  const shown = await ids('payments', 'data-payment')
  expect([shown.length, shown[0], shown[49]]).toEqual([50, 'PAY_DashboardPayment000050', 'PAY_DashboardPayment000001'])
}, 60_000)
