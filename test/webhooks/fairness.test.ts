/**
 * One receiver holds at most half of the deliverer's slots: behind a receiver that never answers,
 * another receiver's delivery still goes out (it used to wait for the slow one's backlog to time out).
 */
import { expect, it, onTestFinished } from 'vitest'
import { appForTest } from '../helpers.js'
import { startReceiver } from './receiver.js'

it('a backlog to a receiver that never answers leaves room for another receiver', async () => {
  const app = await appForTest({ webhookTimeoutMs: 600_000 })
  const [slow, healthy] = await Promise.all([startReceiver({ delayMs: 600_000 }), startReceiver()])
  onTestFinished(async () => { await Promise.all([slow.close(), healthy.close()]) })
  await app.ready()
  const { outbox } = app.mock.context()
  const event = (url: string, n: number) => ({
    api: 'waffo',
    event: 'subscription.canceling',
    store: null,
    targets: [{ url, subscription: null }],
    body: (id: string) => JSON.stringify({ id, n })
  })
  for (let n = 0; n < 40; n++) outbox.emit(event(slow.url, n))
  outbox.emit(event(healthy.url, 40))

  const [arrived] = await healthy.waitFor(1)
  expect(JSON.parse(arrived!.body)).toMatchObject({ n: 40 })
  const { db } = app.mock.context()
  const byTarget = () => db.prepare('SELECT target, status, attempts, count(*) AS n FROM mock_deliveries GROUP BY target, status, attempts ORDER BY target = ?')
    .all(healthy.url)
  await expect.poll(byTarget, { timeout: 10_000 }).toEqual([
    { target: slow.url, status: 'pending', attempts: 0, n: 40 },
    { target: healthy.url, status: 'delivered', attempts: 1, n: 1 }
  ])
  // Every slow delivery was due when the healthy one went out; the slow receiver got its 8 of the 16 slots, oldest first, and no more.
  await slow.waitFor(8)
  await new Promise((resolve) => setTimeout(resolve, 200))
  // (Arrival order is not promised: signatures are made on the thread pool.)
  expect(slow.received.map((request) => JSON.parse(request.body).n as number).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7])
})

it('picks the oldest due per receiver, skips what is in flight, and fills a receiver only up to its share', async () => {
  const app = await appForTest()
  const { outbox, clock } = app.mock.context()
  const emit = (url: string, n: number) => {
    app.mock.clock.freeze(Date.parse('2026-06-01T12:00:00.000Z') + n * 1000)
    return outbox.deliveriesOf(outbox.emit({ api: 'waffo', event: 'subscription.canceling', store: null, targets: [{ url, subscription: null }], body: (id) => JSON.stringify({ id, n }) })!)[0]!
  }
  const a = [0, 1, 2, 3].map((n) => emit('http://127.0.0.1:9/a', n))
  const b = emit('http://127.0.0.1:9/0', 4) // listed before /a: the answer is still oldest first
  const ids = (rows: Array<{ id: string }>) => rows.map((row) => row.id)

  expect(ids(outbox.due(clock.iso(), 16, 2))).toEqual([a[0], a[1], b])
  expect(ids(outbox.due(clock.iso(), 16, 2, new Map([[a[0]!, 'http://127.0.0.1:9/a']])))).toEqual([a[1], b])
  expect(ids(outbox.due(clock.iso(), 16, 3, new Map([[a[1]!, 'http://127.0.0.1:9/a']])))).toEqual([a[0], a[2], b])
  expect(ids(outbox.due(clock.iso(), 16, 1, new Map([[a[0]!, 'http://127.0.0.1:9/a']])))).toEqual([b])
  expect(ids(outbox.due(clock.iso(), 2, 4))).toEqual([a[0], a[1]])
  // Not yet due is not picked.
  expect(ids(outbox.due('2026-06-01T12:00:01.000Z', 16, 4))).toEqual([a[0], a[1]])
})
