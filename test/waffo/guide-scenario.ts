/** The purchases the GraphQL guide's queries read (test/waffo/graphql-guide*.test.ts). */
import { expect } from 'vitest'
import type { App } from '../../src/app.js'
import { DEMO } from '../helpers.js'
import { act } from './support.js'

export const GUIDE_T0 = Date.parse('2025-06-15T10:00:00.000Z')

export interface GuideIds { store: string, onetimeProduct: string, subscriptionProduct: string, onetimeOrder: string, subscriptionOrder: string, declinedOrder: string }

/**
 * A store with what every guide query selects: a webhook, a one-time product updated after its
 * publication (two versions), a subscription product in a group, a paid one-time order with the
 * guide's business number and billing detail, a declined one (pending), a trial subscription
 * renewed twice; all in 2025, inside the analytics queries' time range. Test key, demo owner.
 */
export async function guideScenario (app: App): Promise<GuideIds> {
  const ok = async (path: string, body: Record<string, unknown>) => {
    const { status, body: answer } = await act(app, path, body)
    expect(status, JSON.stringify(answer)).toBe(200)
    return answer.data
  }
  const buy = async (body: Record<string, unknown>, outcome: 'success' | 'decline') => {
    const { sessionId } = await ok('checkout/create-session', body)
    const paid = await app.inject({ method: 'POST', url: `/__admin/waffo/checkout-sessions/${sessionId as string}/pay`, payload: { outcome } })
    expect(paid.statusCode, paid.body).toBe(200)
    return paid.json().orderId as string
  }
  const store = DEMO.waffoStores.clean
  app.mock.clock.freeze(GUIDE_T0)
  await ok('store/add-webhook', { storeId: store, channel: 'http', url: 'http://127.0.0.1:9/hook', events: ['order.completed', 'subscription.activated'], testMode: true })
  const prices = { USD: { amount: '29.00', taxCategory: 'digital_goods' } }
  const onetimeProduct = (await ok('onetime-product/create-product', { storeId: store, name: 'E-book', prices })).product.id
  await ok('onetime-product/publish-product', { id: onetimeProduct })
  await ok('onetime-product/update-product', { id: onetimeProduct, name: 'E-book (2nd edition)', prices })
  const subscriptionProduct = (await ok('subscription-product/create-product', { storeId: store, name: 'Pro plan', billingPeriod: 'monthly', prices: { USD: { amount: '9.99', taxCategory: 'saas' } } })).product.id
  await ok('subscription-product-group/create-group', { storeId: store, name: 'Plans', rules: { sharedTrial: true }, productIds: [subscriptionProduct] })
  const onetimeOrder = await buy({
    productId: onetimeProduct,
    currency: 'USD',
    buyerEmail: 'ann@example.com',
    orderMerchantExternalId: 'ORDER-2026-00891',
    billingDetail: { country: 'US', isBusiness: false, postcode: '94105', state: 'CA' }
  }, 'success')
  app.mock.clock.advance(3_600_000)
  const declinedOrder = await buy({ productId: onetimeProduct, currency: 'USD', buyerEmail: 'bob@example.com' }, 'decline')
  const subscriptionOrder = await buy({ productId: subscriptionProduct, currency: 'USD', buyerEmail: 'ann@example.com', withTrial: true, metadata: { trialDays: '14' } }, 'success')
  // Past the trial and one more month: two renewals (run by the tick before the next request).
  app.mock.clock.advance(50 * 86_400_000)
  await ok('store/update-store', { id: store, name: 'My Digital Store' })
  return { store, onetimeProduct, subscriptionProduct, onetimeOrder, subscriptionOrder, declinedOrder }
}
