/** The purchases the GraphQL guide's queries read (test/waffo/graphql-guide*.test.ts). */
import { expect } from 'vitest'
import type { App } from '../../src/app.js'
import { DEMO } from '../helpers.js'
import { act, asBuyer, row, sessionToken } from './support.js'

export const GUIDE_T0 = Date.parse('2025-06-15T10:00:00.000Z')
const HOUR = 3_600_000

export interface GuideIds {
  store: string,
  onetimeProduct: string,
  subscriptionProduct: string,
  onetimeOrder: string,
  subscriptionOrder: string,
  declinedOrder: string
  /** On the one-time order's payment: refunded (the guide's REF-2026-00012), pending, rejected. */
  tickets: { refunded: string, pending: string, rejected: string }
  refund: string
}

/**
 * A store with what every guide query selects: a webhook, a one-time product updated after its
 * publication (two versions), a subscription product in a group, a paid one-time order with the
 * guide's business number and billing detail, a declined one (pending), a trial subscription
 * renewed twice; three refund tickets on the one-time payment (one refunded after a 2-hour review,
 * one rejected after 6 hours, one pending); all in 2025, inside the analytics queries' time
 * range. Test key, demo owner.
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
  const { tickets, refund } = await refundTickets(app, store, onetimeOrder)
  // Past the trial and one more month: two renewals (run by the tick before the next request).
  app.mock.clock.advance(50 * 86_400_000 - 6 * HOUR)
  await ok('store/update-store', { id: store, name: 'My Digital Store' })
  return { store, onetimeProduct, subscriptionProduct, onetimeOrder, subscriptionOrder, declinedOrder, tickets, refund }
}

/** Ann asks for three refunds of her 29.00 e-book; the control plane reviews them (six hours of mock time). */
async function refundTickets (app: App, store: string, orderId: string) {
  const paymentId = row(app, 'SELECT id FROM waffo_payments WHERE order_id = ?', orderId)!.id as string
  const token = await sessionToken(app, store, 'ann@example.com')
  const ticket = async (reason: string, amount: string, external?: string) => {
    const { status, body } = await asBuyer(app, token, 'refund-ticket/create-ticket', {
      paymentId, reason, requestedAmount: { amount, currency: 'USD' }, ...(external ? { refundTicketMerchantExternalId: external } : {})
    })
    expect(status, JSON.stringify(body)).toBe(200)
    return body.data.ticket.id as string
  }
  const move = async (id: string, action: string) => {
    const moved = await app.inject({ method: 'POST', url: `/__admin/waffo/refund-tickets/${id}/${action}`, payload: {} })
    expect(moved.statusCode, moved.body).toBe(200)
    return moved.json()
  }
  const refunded = await ticket('Duplicate purchase', '5.00', 'REF-2026-00012')
  const rejected = await ticket('Product not as described', '3.00')
  const pending = await ticket('Product not as described', '10.00')
  app.mock.clock.advance(2 * HOUR)
  await move(refunded, 'approve')
  const refund = (await move(refunded, 'succeed')).refund.id as string
  app.mock.clock.advance(4 * HOUR)
  await move(rejected, 'reject')
  return { tickets: { refunded, pending, rejected }, refund }
}
