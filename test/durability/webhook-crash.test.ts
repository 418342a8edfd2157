/**
 * The outbox survives a crash: SIGKILL right after an acknowledged cancel (while its delivery is
 * held open by the receiver, or before it started) and the event is delivered after the restart.
 */
import { generateKeyPairSync } from 'node:crypto'
import { join } from 'node:path'
import { verifyWebhook } from '@waffo/pancake-ts'
import { afterAll, expect, it } from 'vitest'
import { DEFAULT_FIXTURES } from '../../src/config.js'
import { signWaffoRequest } from '../../src/signing/index.js'
import { DEMO } from '../helpers.js'
import { startReceiver } from '../webhooks/receiver.js'
import { startServer, tempDir, withDb, type ChildServer } from './support.js'

const tmp = tempDir()
const servers: ChildServer[] = []
afterAll(async () => {
  await Promise.all(servers.map((server) => server.stop()))
  tmp.remove()
})

async function action (url: string, path: string, body: unknown) {
  const raw = JSON.stringify(body)
  const headers = signWaffoRequest({ path, body: raw, merchantId: DEMO.owner.id, privateKeyPem: DEMO.owner.privateKeyPem })
  const response = await fetch(url + path, { method: 'POST', headers, body: raw })
  return { status: response.status, body: await response.json() as any }
}

it('an acknowledged cancel is delivered after kill -9 and a restart', { timeout: 90_000 }, async () => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
  const extra = { WAFFO_WEBHOOK_PRIVATE_KEY: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() }
  const publicPem = publicKey.export({ type: 'spki', format: 'pem' }).toString()
  // Until the kill, an attempt is held open for a minute: the kill lands while it is in flight (or before it began).
  let holding = true
  const receiver = await startReceiver({ delayFor: () => holding ? 60_000 : 0 })
  const dbPath = join(tmp.dir, 'mock.sqlite')
  const server = await startServer({ dbPath, fixtures: DEFAULT_FIXTURES, extra })
  servers.push(server)

  const added = await action(server.url, '/v1/actions/store/add-webhook', {
    storeId: DEMO.waffoStores.blockedEverywhere, channel: 'http', url: receiver.url, events: ['subscription.canceling'], testMode: true
  })
  expect(added.status).toBe(200)
  const canceled = await action(server.url, '/v1/actions/subscription-order/cancel-order', { orderId: 'ORD_EverySubActive00000000' })
  expect(canceled).toEqual({ status: 200, body: { data: { orderId: 'ORD_EverySubActive00000000', status: 'canceling' } } })
  server.child.kill('SIGKILL')
  await server.stop()
  holding = false
  expect(server.child.signalCode).toBe('SIGKILL')

  // The event is in the outbox; expanded into its delivery already or not, nothing was delivered.
  const written = withDb(dbPath, (db) => ({
    events: db.prepare("SELECT api, event, store FROM mock_events WHERE api = 'waffo'").all(),
    deliveries: db.prepare("SELECT status, attempts FROM mock_deliveries WHERE api = 'waffo'").all()
  }))
  expect(written.events).toEqual([{ api: 'waffo', event: 'subscription.canceling', store: DEMO.waffoStores.blockedEverywhere }])
  expect(written.deliveries).toEqual(written.deliveries.length === 0 ? [] : [{ status: 'pending', attempts: 0 }])

  const restarted = await startServer({ dbPath, fixtures: DEFAULT_FIXTURES, extra })
  servers.push(restarted)
  const before = receiver.received.length
  const [, ...after] = await receiver.waitFor(before + 1, 10_000)
  const delivered = (after.length > 0 ? after : receiver.received).at(-1)!
  const event = verifyWebhook(delivered.body, delivered.headers['x-waffo-signature'] as string, { publicKey: publicPem })
  expect(event).toMatchObject({ eventType: 'subscription.canceling', eventId: 'ORD_EverySubActive00000000', mode: 'test', data: { orderStatus: 'canceling' } })
  await restarted.stop()
  const settled = withDb(dbPath, (db) => db.prepare("SELECT status, attempts FROM mock_deliveries WHERE api = 'waffo'").all())
  expect(settled).toEqual([{ status: 'delivered', attempts: 1 }])
  await receiver.close()
})
