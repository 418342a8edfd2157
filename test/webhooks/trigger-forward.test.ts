/** Events on demand and forwarding, like the Stripe CLI; the webhooks and deliveries in GraphQL. */
import { verifyWebhook } from '@waffo/pancake-ts'
import { expect, it, onTestFinished } from 'vitest'
import type { WaffoWebhookSigner } from '../../src/apis/waffo/webhooks/signer.js'
import { appForTest, DEMO, waffo } from '../helpers.js'
import { act, row } from '../waffo/support.js'
import { startReceiver } from './receiver.js'

const STORE = DEMO.waffoStores.blockedEverywhere

it('WEBHOOK_FORWARD_URL gets every event without a registration; trigger makes the state change or says synthetic', async () => {
  const receiver = await startReceiver()
  onTestFinished(() => receiver.close())
  const app = await appForTest({ webhookForwardUrl: receiver.url })
  const publicKey = (app.webhooks.signers.get('waffo') as WaffoWebhookSigner).publicKey()

  const real = await app.inject({ method: 'POST', url: '/__admin/webhooks/trigger', payload: { event: 'subscription.canceling', orderId: 'ORD_EverySubActive00000000' } })
  expect(real.statusCode, real.body).toBe(201)
  expect(real.json()).toEqual({
    api: 'waffo', event: 'subscription.canceling', source: 'state', note: 'ORD_EverySubActive00000000: active → canceling', deliveries: [expect.any(String)]
  })
  expect(row(app, 'SELECT status FROM waffo_orders WHERE id = ?', 'ORD_EverySubActive00000000')).toEqual({ status: 'canceling' })
  const [first] = await receiver.waitFor(1)
  expect(verifyWebhook(first!.body, first!.headers['x-waffo-signature'] as string, { publicKey })).toMatchObject({ eventType: 'subscription.canceling', id: real.json().deliveries[0] })

  const synthetic = await app.inject({ method: 'POST', url: '/__admin/webhooks/trigger', payload: { event: 'order.completed', storeId: STORE } })
  expect(synthetic.json()).toMatchObject({ source: 'synthetic', note: expect.stringMatching(/^order\.completed about a synthetic order ORD_\w{22} \(not stored\)$/) })
  const [, second] = await receiver.waitFor(2)
  expect(JSON.parse(second!.body)).toMatchObject({ eventType: 'order.completed', storeId: STORE, mode: 'test', data: { orderStatus: 'completed', amount: '29.00' } })

  const refused = await app.inject({ method: 'POST', url: '/__admin/webhooks/trigger', payload: { event: 'subscription.uncanceled', orderId: 'ORD_EveryOnetimePending000' } })
  expect([refused.statusCode, refused.json().error.code]).toEqual([409, 'TRIGGER_REFUSED'])
  const unknown = await app.inject({ method: 'POST', url: '/__admin/webhooks/trigger', payload: { event: 'order.shipped', storeId: STORE } })
  expect([unknown.statusCode, unknown.json().error.code]).toEqual([400, 'UNKNOWN_EVENT'])

  const listed = await app.inject({ url: `/__admin/webhooks/deliveries?store=${STORE}&event=order.completed` })
  expect(listed.json().deliveries.map((delivery: { event: string, subscription: null, target: string }) => [delivery.event, delivery.subscription, delivery.target]))
    .toEqual([['order.completed', null, receiver.url]])
})

it('GraphQL Store.storeWebhooks and webhookDeliveries', async () => {
  const app = await appForTest()
  const { body: { data: { webhook } } } = await act(app, 'store/add-webhook', {
    storeId: STORE, channel: 'http', url: 'http://127.0.0.1:9/hook', events: ['subscription.canceling'], testMode: true
  })
  await act(app, 'subscription-order/cancel-order', { orderId: 'ORD_EverySubActive00000000' })
  const response = await waffo(app, {
    path: '/v1/graphql',
    body: { query: `{ store(id: "${STORE}") { storeWebhooks { id url events testMode secret } webhookDeliveries(limit: 5) { storeWebhookId eventType url status payload } } }` }
  })
  const store = response.json().data.store
  expect(store.storeWebhooks).toEqual([{ id: webhook.id, url: 'http://127.0.0.1:9/hook', events: ['subscription.canceling'], testMode: true, secret: null }])
  expect(store.webhookDeliveries).toEqual([{
    storeWebhookId: webhook.id, eventType: 'subscription.canceling', url: 'http://127.0.0.1:9/hook', status: 'pending', payload: expect.objectContaining({ eventId: 'ORD_EverySubActive00000000' })
  }])
})
