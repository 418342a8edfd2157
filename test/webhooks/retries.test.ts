/**
 * A receiver that fails twice: three attempts, 1 then 2 minutes apart on the mock clock, all
 * recorded; after the 2xx nothing is sent again, however far the clock moves.
 */
import { expect, it, onTestFinished } from 'vitest'
import { DEMO, appForTest, ISO_MS } from '../helpers.js'
import { act, row } from '../waffo/support.js'
import { startReceiver } from './receiver.js'

const STORE = DEMO.waffoStores.blockedEverywhere
const ORDER = 'ORD_EverySubActive00000000'
const T0 = Date.parse('2026-06-01T12:00:00.000Z')

it('retries at 1 and 2 minutes of mock time, records every attempt, and stops at the first 2xx', async () => {
  const app = await appForTest()
  const receiver = await startReceiver({ statuses: [500, 500, 200] })
  onTestFinished(() => receiver.close())
  app.mock.clock.freeze(T0)
  const added = await act(app, 'store/add-webhook', { storeId: STORE, channel: 'http', url: receiver.url, events: ['subscription.canceling'], testMode: true })
  expect(added.status, JSON.stringify(added.body)).toBe(200)
  expect((await act(app, 'subscription-order/cancel-order', { orderId: ORDER })).body).toEqual({ data: { orderId: ORDER, status: 'canceling' } })

  const advance = async (ms: number) => {
    const answer = await app.inject({ method: 'POST', url: '/__admin/clock', payload: { advanceMs: ms } })
    expect(answer.statusCode).toBe(200)
    await app.webhooks.deliverer.flush()
  }
  const delivery = () => row(app, "SELECT * FROM mock_deliveries WHERE api = 'waffo' AND event = 'subscription.canceling'")!

  await receiver.waitFor(1)
  await app.webhooks.deliverer.flush()
  expect(delivery()).toMatchObject({ status: 'pending', attempts: 1, next_at: '2026-06-01T12:01:00.000Z', target: receiver.url })

  await advance(59_999)
  expect(receiver.received).toHaveLength(1)
  await advance(1)
  await receiver.waitFor(2)
  await app.webhooks.deliverer.flush()
  expect(delivery()).toMatchObject({ status: 'pending', attempts: 2, next_at: '2026-06-01T12:03:00.000Z' })

  await advance(119_999)
  expect(receiver.received).toHaveLength(2)
  await advance(1)
  await receiver.waitFor(3)
  await app.webhooks.deliverer.flush()
  expect(delivery()).toMatchObject({ status: 'delivered', attempts: 3, next_at: null, finished_at: '2026-06-01T12:03:00.000Z' })

  // Nothing more, however far the clock goes.
  await advance(86_400_000)
  await advance(86_400_000)
  expect(receiver.received).toHaveLength(3)

  // The same body and the same signature on every attempt (the stamp is the first attempt's).
  const [a, b, c] = receiver.received
  expect(new Set([a!.body, b!.body, c!.body]).size).toBe(1)
  expect(new Set([a, b, c].map((request) => request!.headers['x-waffo-signature'])).size).toBe(1)

  const listed = await app.inject({ method: 'GET', url: '/__admin/webhooks/deliveries?api=waffo&event=subscription.canceling&status=delivered' })
  expect(listed.statusCode).toBe(200)
  const [shown, ...others] = listed.json().deliveries
  expect(others).toEqual([])
  expect(shown).toMatchObject({
    api: 'waffo',
    event: 'subscription.canceling',
    store: STORE,
    subscription: added.body.data.webhook.id,
    target: receiver.url,
    status: 'delivered',
    nextAttemptAt: null,
    createdAt: '2026-06-01T12:00:00.000Z',
    finishedAt: '2026-06-01T12:03:00.000Z',
    headers: { 'content-type': 'application/json', 'x-waffo-signature': a!.headers['x-waffo-signature'] },
    payload: a!.body
  })
  expect(shown.attempts).toEqual([
    { n: 1, at: '2026-06-01T12:00:00.000Z', status: 500, latencyMs: expect.any(Number), error: null, response: 'receiver says no' },
    { n: 2, at: '2026-06-01T12:01:00.000Z', status: 500, latencyMs: expect.any(Number), error: null, response: 'receiver says no' },
    { n: 3, at: '2026-06-01T12:03:00.000Z', status: 200, latencyMs: expect.any(Number), error: null, response: 'ok' }
  ])
  expect(JSON.parse(shown.payload)).toMatchObject({ id: shown.id, timestamp: expect.stringMatching(ISO_MS), eventType: 'subscription.canceling' })
  const count = app.mock.db.prepare('SELECT count(*) FROM mock_delivery_attempts WHERE delivery_id = ?').pluck().get(shown.id)
  expect(count).toBe(3)
})

it('a receiver that never answers 2xx: six attempts over 31 minutes, then failed; redeliver sends it once more', async () => {
  const app = await appForTest()
  const receiver = await startReceiver({ statuses: [503, 503, 503, 503, 503, 503, 204] })
  onTestFinished(() => receiver.close())
  app.mock.clock.freeze(T0)
  await act(app, 'store/add-webhook', { storeId: STORE, channel: 'http', url: receiver.url, events: ['subscription.canceling'], testMode: true })
  await act(app, 'subscription-order/cancel-order', { orderId: ORDER })
  await receiver.waitFor(1)
  for (const minutes of [1, 2, 4, 8, 16]) {
    await app.webhooks.deliverer.flush()
    app.mock.clock.advance(minutes * 60_000)
    app.webhooks.deliverer.kick()
    await receiver.waitFor(receiver.received.length + 1)
  }
  await app.webhooks.deliverer.flush()
  const failed = row(app, 'SELECT * FROM mock_deliveries')!
  expect(failed).toMatchObject({ status: 'failed', attempts: 6, next_at: null, finished_at: '2026-06-01T12:31:00.000Z' })

  const again = await app.inject({ method: 'POST', url: `/__admin/webhooks/deliveries/${failed.id}/redeliver` })
  expect(again.statusCode).toBe(200)
  expect(again.json()).toMatchObject({ id: failed.id, status: 'pending', nextAttemptAt: '2026-06-01T12:31:00.000Z' })
  await receiver.waitFor(7)
  await app.webhooks.deliverer.flush()
  expect(row(app, 'SELECT status, attempts FROM mock_deliveries')).toEqual({ status: 'delivered', attempts: 7 })

  const unknown = await app.inject({ method: 'POST', url: '/__admin/webhooks/deliveries/nope/redeliver' })
  expect([unknown.statusCode, unknown.json()]).toEqual([404, { error: { code: 'UNKNOWN_DELIVERY', message: 'No delivery "nope"', path: '/id' } }])
})

it('a redeliver asked for while an attempt is in flight is sent after it, freshly signed (it was settled away)', async () => {
  const app = await appForTest()
  // The first answer is held 300 ms: the redeliver lands while it is in flight.
  const receiver = await startReceiver({ statuses: [200], delayFor: (index) => index === 0 ? 300 : 0 })
  onTestFinished(() => receiver.close())
  app.mock.clock.freeze(T0)
  await act(app, 'store/add-webhook', { storeId: STORE, channel: 'http', url: receiver.url, events: ['subscription.canceling'], testMode: true })
  await act(app, 'subscription-order/cancel-order', { orderId: ORDER })
  await receiver.waitFor(1)
  const { id } = row(app, 'SELECT id FROM mock_deliveries')!
  const asked = await app.inject({ method: 'POST', url: `/__admin/webhooks/deliveries/${id}/redeliver` })
  expect(asked.json()).toMatchObject({ id, status: 'pending' })
  await receiver.waitFor(2)
  await app.webhooks.deliverer.flush()
  expect(row(app, 'SELECT status, attempts, redelivered FROM mock_deliveries')).toEqual({ status: 'delivered', attempts: 2, redelivered: 1 })
  expect(receiver.received[1]!.body).toBe(receiver.received[0]!.body)
  expect(receiver.received[1]!.headers['x-waffo-signature']).not.toBe(receiver.received[0]!.headers['x-waffo-signature'])
})
