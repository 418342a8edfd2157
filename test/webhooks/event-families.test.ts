/**
 * What a Waffo event's `data` carries depends on its family (the SDK's webhook guide and
 * WebhookEventData): payment events the charge, subscription status events the plan and period.
 */
import { expect, it } from 'vitest'
import { DEMO, useApp } from '../helpers.js'
import { act } from '../waffo/support.js'

const mock = useApp()
const STORE = DEMO.waffoStores.clean
const T0 = Date.parse('2026-01-31T12:00:00.000Z')
const EVENTS = ['order.completed', 'subscription.activated', 'subscription.payment_succeeded', 'subscription.canceling']

/** Every event the store's webhook got, oldest first: `[eventType, data]`. */
async function received (store: string = STORE) {
  const listed = await mock.app.inject({ method: 'GET', url: `/__admin/webhooks/deliveries?api=waffo&store=${store}` })
  return (listed.json().deliveries as Array<{ payload: string }>).reverse()
    .map(({ payload }) => JSON.parse(payload) as { eventType: string, eventId: string, data: Record<string, unknown> })
    .map(({ eventType, eventId, data }) => [eventType, data, eventId])
}

async function buy (type: 'onetime' | 'subscription') {
  const product = await act(mock.app, `${type}-product/create-product`, {
    storeId: STORE,
    name: 'Pro plan',
    prices: { USD: { amount: '9.99', taxCategory: 'saas' } },
    ...(type === 'subscription' ? { billingPeriod: 'monthly' } : {})
  })
  const session = await act(mock.app, 'checkout/create-session', { productId: product.body.data.product.id, currency: 'USD', buyerEmail: 'ann@example.com' })
  const paid = await mock.app.inject({ method: 'POST', url: `/__admin/waffo/checkout-sessions/${session.body.data.sessionId}/pay`, payload: { outcome: 'success' } })
  expect(paid.statusCode, paid.body).toBe(200)
  const payment = mock.app.mock.db.prepare('SELECT id, order_id FROM waffo_payments ORDER BY rowid DESC LIMIT 1').get() as { id: string, order_id: string }
  return payment
}

/** The price breakdown a 9.99 product without tax shows. */
const price = { total: '9.99', subtotal: '9.99', taxAmount: '0.00' }

it('a payment event carries the charge and no subscription block; a subscription status event the plan and its period', async () => {
  mock.app.mock.clock.freeze(T0)
  await act(mock.app, 'store/add-webhook', { storeId: STORE, channel: 'http', url: 'http://127.0.0.1:9/hook', events: EVENTS, testMode: true })

  const onetime = await buy('onetime')
  const subscription = await buy('subscription')
  const events = await received()
  const common = { buyerEmail: 'ann@example.com', currency: 'USD', taxAmount: '0.00', productName: 'Pro plan' }
  const charge = (payment: { id: string }) => ({
    chargedAmount: '9.99',
    amount: '9.99',
    listPrice: price,
    paymentId: payment.id,
    paymentStatus: 'succeeded',
    paymentMethod: 'card',
    paymentLast4: '0110',
    paymentDate: '2026-01-31'
  })
  // eventId: a payment event's payment (the SDK's WebhookEvent example), a status event's order.
  expect(events.map(([type, , eventId]) => [type, eventId])).toEqual([
    ['order.completed', onetime.id], ['subscription.activated', subscription.order_id], ['subscription.payment_succeeded', subscription.id]
  ])
  expect(events.map(([type, data]) => [type, data])).toEqual([
    ['order.completed', { orderId: onetime.order_id, orderStatus: 'completed', ...common, ...charge(onetime) }],
    ['subscription.activated', {
      orderId: subscription.order_id,
      orderStatus: 'active',
      ...common,
      amount: '9.99',
      planPrice: price,
      billingPeriod: 'monthly',
      currentPeriodStart: '2026-01-31',
      currentPeriodEnd: '2026-02-28'
    }],
    // One charge only: no orderStatus, no period.
    ['subscription.payment_succeeded', { orderId: subscription.order_id, ...common, ...charge(subscription) }]
  ])
  // Key order follows the SDK's WebhookEventData.
  expect(Object.keys(events[0]![1] as object)).toEqual(['orderId', 'orderStatus', 'buyerEmail', 'currency', 'chargedAmount', 'amount', 'taxAmount', 'listPrice',
    'productName', 'paymentId', 'paymentStatus', 'paymentMethod', 'paymentLast4', 'paymentDate'])
})

it('a status event names the subscription\'s own billing period, not its product\'s latest draft', async () => {
  await act(mock.app, 'store/add-webhook', { storeId: STORE, channel: 'http', url: 'http://127.0.0.1:9/hook', events: EVENTS, testMode: true })
  const { order_id: orderId } = await buy('subscription')
  const product = mock.app.mock.db.prepare('SELECT product_id FROM waffo_orders WHERE id = ?').pluck().get(orderId) as string
  expect((await act(mock.app, 'subscription-product/update-product', { id: product, billingPeriod: 'yearly' })).status).toBe(200)
  expect((await act(mock.app, 'subscription-order/cancel-order', { orderId })).status).toBe(200)
  const [, canceling] = (await received()).find(([event]) => event === 'subscription.canceling')!
  expect(canceling).toMatchObject({ orderId, orderStatus: 'canceling', billingPeriod: 'monthly' })
})

it('a triggered payment event carries a charge: the order\'s last payment, or a synthetic one that is not stored', async () => {
  mock.app.mock.clock.freeze(T0)
  await act(mock.app, 'store/add-webhook', { storeId: STORE, channel: 'http', url: 'http://127.0.0.1:9/hook', events: EVENTS, testMode: true })
  const trigger = async (payload: Record<string, string>) => {
    const answer = await mock.app.inject({ method: 'POST', url: '/__admin/webhooks/trigger', payload })
    expect(answer.statusCode, answer.body).toBe(201)
    return answer.json() as { note: string }
  }
  const last = async () => (await received()).at(-1)!
  const payments = () => mock.app.mock.db.prepare('SELECT count(*) FROM waffo_payments').pluck().get()

  const onetime = await buy('onetime')
  expect((await trigger({ event: 'order.completed', orderId: onetime.order_id })).note)
    .toBe(`order.completed about ${onetime.order_id} as it is (no state change); its payment ${onetime.id}`)
  expect(await last()).toEqual(['order.completed', expect.objectContaining({ orderId: onetime.order_id, chargedAmount: '9.99', paymentId: onetime.id }), onetime.id])

  const synthetic = await trigger({ event: 'order.completed', storeId: STORE })
  const [type, data, eventId] = await last() as [string, Record<string, unknown>, string]
  expect(eventId).toMatch(/^PAY_\w{22}$/)
  expect([type, data]).toEqual(['order.completed', {
    orderId: expect.stringMatching(/^ORD_\w{22}$/),
    orderStatus: 'completed',
    buyerEmail: 'buyer@example.com',
    currency: 'USD',
    chargedAmount: '29.00',
    amount: '29.00',
    taxAmount: '0.00',
    listPrice: { total: '29.00', subtotal: '29.00', taxAmount: '0.00' },
    productName: '',
    paymentId: eventId,
    paymentStatus: 'succeeded',
    paymentMethod: 'card',
    paymentLast4: '0110',
    paymentDate: '2026-01-31'
  }])
  expect(synthetic.note).toBe(`order.completed about a synthetic order ${data.orderId as string} (not stored)`)

  // An order without a payment (a fixture's, in another store): a synthetic charge of its amount.
  const other = DEMO.waffoStores.blockedEverywhere
  await act(mock.app, 'store/add-webhook', { storeId: other, channel: 'http', url: 'http://127.0.0.1:9/hook', events: EVENTS, testMode: true })
  const renewal = await trigger({ event: 'subscription.payment_succeeded', orderId: 'ORD_EverySubActive00000000' })
  const [, charged, chargeId] = (await received(other)).at(-1)! as [string, Record<string, unknown>, string]
  expect(renewal.note).toBe(`subscription.payment_succeeded about ORD_EverySubActive00000000 as it is (no state change); a synthetic payment ${chargeId} (not stored)`)
  expect(charged).toMatchObject({ orderId: 'ORD_EverySubActive00000000', chargedAmount: '9.99', paymentId: chargeId, paymentStatus: 'succeeded' })
  expect(payments()).toBe(1)

  // A renewed subscription has two charges: the event carries the renewal, the last one.
  const subscription = await buy('subscription')
  mock.app.mock.clock.freeze(Date.parse('2026-03-01T12:00:00.000Z'))
  await mock.app.inject({ method: 'GET', url: '/__admin/clock' }) // a request runs the renewal that fell due
  const charges = mock.app.mock.db.prepare("SELECT id FROM waffo_payments WHERE order_id = ? AND status = 'succeeded' ORDER BY created_at, rowid")
    .pluck().all(subscription.order_id) as string[]
  expect(charges).toHaveLength(2)
  expect((await trigger({ event: 'subscription.payment_succeeded', orderId: subscription.order_id })).note)
    .toBe(`subscription.payment_succeeded about ${subscription.order_id} as it is (no state change); its payment ${charges[1]}`)
  expect((await last())[1]).toMatchObject({ orderId: subscription.order_id, paymentId: charges[1], paymentDate: '2026-02-28' })
})
