/**
 * A merchant's webhook handler, as its integration suite would test it: the official SDK
 * registers the endpoint, cancels a subscription, and verifies what arrives with verifyWebhook.
 */
import { verifyWebhook, WaffoPancake, type WebhookEvent } from '@waffo/pancake-ts'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { startMock, type RunningMock } from '../../src/client/index.js'
import { DEMO, ISO_MS, UUID_V4 } from '../helpers.js'
import { startReceiver, type Receiver } from './receiver.js'

const STORE = DEMO.waffoStores.blockedEverywhere
const ORDER = 'ORD_EverySubActive00000000'

let mock: RunningMock
let receiver: Receiver
beforeAll(async () => {
  mock = await startMock()
  receiver = await startReceiver()
})
afterAll(async () => {
  await mock.close()
  await receiver.close()
})

it('delivers subscription.canceling then subscription.canceled, each verified by the SDK', async () => {
  const client = new WaffoPancake({ merchantId: DEMO.owner.id, privateKey: DEMO.owner.privateKeyPem, baseUrl: mock.url })
  const { webhook } = await client.webhooks.add({
    storeId: STORE, channel: 'http', url: receiver.url, events: ['subscription.canceling', 'subscription.canceled'], testMode: true
  })
  expect(webhook).toEqual({
    id: expect.stringMatching(UUID_V4),
    storeId: STORE,
    channel: 'http',
    url: receiver.url,
    events: ['subscription.canceling', 'subscription.canceled'],
    testMode: true,
    secret: null,
    createdAt: expect.stringMatching(ISO_MS),
    updatedAt: webhook.createdAt
  })

  const canceled = await client.orders.cancelSubscription({ orderId: ORDER })
  expect(canceled).toEqual({ orderId: ORDER, status: 'canceling' })
  const [first] = await receiver.waitFor(1)
  const header = first!.headers['x-waffo-signature'] as string
  expect(header).toMatch(/^t=\d{13},v1=[A-Za-z0-9+/]+=*$/)
  const canceling = verifyWebhook(first!.body, header, { publicKey: mock.webhookPublicKey }) as WebhookEvent
  expect(canceling).toEqual({
    id: expect.stringMatching(UUID_V4),
    timestamp: expect.stringMatching(ISO_MS),
    eventType: 'subscription.canceling',
    eventId: ORDER,
    storeId: STORE,
    storeName: expect.any(String),
    mode: 'test',
    data: expect.objectContaining({ orderId: ORDER, orderStatus: 'canceling', buyerEmail: 'buyer@example.com', currency: 'USD', amount: '9.99', currentPeriodEnd: '2030-01-01' })
  })
  // One byte changed in the body: the SDK refuses it.
  const tampered = first!.body.replace('"canceling"', '"cancelinG"')
  expect(tampered).not.toBe(first!.body)
  expect(() => verifyWebhook(tampered, header, { publicKey: mock.webhookPublicKey })).toThrow('Invalid webhook signature (custom key)')

  // Past the period end on the mock clock: the PSP's cancellation takes effect.
  await mock.admin.clock.advance(Date.parse('2030-01-01T00:00:01.000Z') - Date.now())
  const [, second] = await receiver.waitFor(2)
  const ended = verifyWebhook(second!.body, second!.headers['x-waffo-signature'] as string, { publicKey: mock.webhookPublicKey }) as WebhookEvent
  expect(ended).toMatchObject({ eventType: 'subscription.canceled', eventId: ORDER, mode: 'test', data: { orderStatus: 'canceled', canceledAt: '2030-01-01T00:00:00.000Z' } })
  expect(ended.id).not.toBe(canceling.id)

  // The environment variable the SDK reads works as well.
  process.env.WAFFO_WEBHOOK_PUBLIC_KEY = mock.webhookPublicKey
  try {
    expect(verifyWebhook(second!.body, second!.headers['x-waffo-signature'] as string, { environment: 'test' })).toEqual(ended)
  } finally {
    delete process.env.WAFFO_WEBHOOK_PUBLIC_KEY
  }
  expect(receiver.received).toHaveLength(2)
})
