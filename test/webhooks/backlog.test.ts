/**
 * Behind a slow receiver the outbox's backlog waits unexpanded: recording one attempt must not
 * turn every event written since into deliveries on the API's event loop (it did: each settled
 * attempt looked its delivery up through a call that expanded the whole backlog first, which cost
 * the webhook benchmark a fifth of its throughput).
 */
import { expect, it, onTestFinished } from 'vitest'
import { appForTest } from '../helpers.js'

it('looking a delivery up, as recording an attempt does, expands nothing', async () => {
  const app = await appForTest()
  onTestFinished(() => app.close())
  const { outbox, db } = app.mock.context()
  const event = (n: number) => ({
    api: 'waffo',
    event: 'subscription.canceling',
    store: null,
    targets: [{ url: `http://127.0.0.1:9/${n}`, subscription: null }],
    body: (id: string) => JSON.stringify({ id, n })
  })
  const first = outbox.emit(event(1))!
  const [delivery] = outbox.deliveriesOf(first)
  const second = outbox.emit(event(2))!
  const expanded = (seq: number) => (db.prepare('SELECT expanded FROM mock_events WHERE seq = ?').get(seq) as { expanded: number }).expanded

  expect(outbox.byId(delivery!)).toMatchObject({ id: delivery, event_seq: first, payload: JSON.stringify({ id: delivery, n: 1 }) })
  outbox.record(outbox.byId(delivery!)!, { status: 500, latency_ms: 1, error: null, response: 'no' })
  expect(expanded(second)).toBe(0)
  expect(db.prepare('SELECT count(*) AS n FROM mock_deliveries').get()).toEqual({ n: 1 })

  // Its turn comes when the deliverer has room (or the control plane lists the outbox).
  outbox.expand(1)
  expect(expanded(second)).toBe(1)
  expect(outbox.deliveriesOf(second)).toHaveLength(1)
})
