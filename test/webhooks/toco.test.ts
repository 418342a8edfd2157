/**
 * Toco: a partner's webhook URL receives a bulk create's final summary when the batch applies
 * on the mock clock, and stock.update.requested per accepted stock batch, HMAC-signed with the
 * partner's secret (our scheme: docs/fidelity.md).
 */
import { createHmac } from 'node:crypto'
import { expect, it, onTestFinished } from 'vitest'
import { verifyTocoWebhook } from '../../src/signing/toco.js'
import { appForTest, DEMO, toco } from '../helpers.js'
import { GUDANG } from '../toco/support.js'
import { startReceiver } from './receiver.js'

const T0 = Date.parse('2026-03-01T10:00:00.000Z')

it('a bulk create with TOCO_BATCH_DELAY_MS delivers its summary once the clock passes the delay, HMAC-verifiable', async () => {
  const app = await appForTest({ tocoBatchDelayMs: 5000 })
  const receiver = await startReceiver()
  onTestFinished(() => receiver.close())
  app.mock.clock.freeze(T0)
  const set = await app.inject({ method: 'PUT', url: `/__admin/toco/partners/${DEMO.partner.clientId}/webhook`, payload: { url: receiver.url } })
  expect(set.json()).toMatchObject({ partnerClientId: DEMO.partner.clientId, url: receiver.url })

  const accepted = await toco(app, { path: '/partner/stores/products/bulk', body: { products: [{ externalId: 'hook-1', name: 'Hooked', price: 1000, stock: 5 }, { name: 'no id' }] }, store: DEMO.catalogueStore })
  expect(accepted.statusCode).toBe(200)
  const { batchId } = accepted.json().data

  app.mock.clock.advance(4999)
  await app.webhooks.deliverer.flush()
  expect(receiver.received).toHaveLength(0)
  expect(app.mock.db.prepare("SELECT count(*) FROM mock_deliveries WHERE api = 'toco'").pluck().get()).toBe(0)

  await app.inject({ method: 'POST', url: '/__admin/clock', payload: { advanceMs: 1 } })
  const [summary] = await receiver.waitFor(1)
  const { headers, body } = summary!
  expect(headers['x-partner-client-id']).toBe(DEMO.partner.clientId)
  expect(headers['x-toco-event']).toBe('batch.completed')
  expect(headers['x-timestamp']).toMatch(/^\d{13}$/)
  const expected = createHmac('sha256', DEMO.partner.secretKey).update(`${headers['x-timestamp']}.${body}`).digest('hex')
  expect(headers['x-signature']).toBe(expected)
  expect(verifyTocoWebhook(DEMO.partner.secretKey, headers['x-timestamp'] as string, body, headers['x-signature'] as string)).toBe(true)
  expect(verifyTocoWebhook(DEMO.otherPartner.secretKey, headers['x-timestamp'] as string, body, headers['x-signature'] as string)).toBe(false)
  expect(verifyTocoWebhook(DEMO.partner.secretKey, headers['x-timestamp'] as string, body.replace('hook-1', 'hook-2'), headers['x-signature'] as string)).toBe(false)

  const event = JSON.parse(body)
  expect(event).toMatchObject({
    event: 'batch.completed',
    createdAt: '2026-03-01T10:00:05.000Z',
    partnerClientId: DEMO.partner.clientId,
    data: {
      batchId,
      storeClientId: DEMO.catalogueStore.storeClientId,
      kind: 'bulk',
      status: 'applied',
      dueAt: '2026-03-01T10:00:05.000Z',
      appliedAt: '2026-03-01T10:00:05.000Z',
      summary: { total: 2, rejected: 1, queued: 0, applied: 1, failed: 0 }
    }
  })
  await app.webhooks.deliverer.flush()
  expect(app.mock.db.prepare("SELECT status, attempts, event, store FROM mock_deliveries WHERE api = 'toco'").all())
    .toEqual([{ status: 'delivered', attempts: 1, event: 'batch.completed', store: DEMO.catalogueStore.storeClientId }])
})

it('a stock batch sends stock.update.requested when accepted, then its summary when applied', async () => {
  const app = await appForTest({ tocoBatchDelayMs: 60_000 })
  const receiver = await startReceiver()
  onTestFinished(() => receiver.close())
  app.mock.clock.freeze(T0)
  await app.inject({ method: 'PUT', url: `/__admin/toco/partners/${DEMO.partner.clientId}/webhook`, payload: { url: receiver.url } })
  const accepted = await toco(app, { method: 'PATCH', path: '/partner/stores/inventory', body: { items: [{ sku: 'SKU-MRON-L', stock: 55 }] }, store: GUDANG })
  expect(accepted.statusCode, accepted.body).toBe(200)
  const [requested] = await receiver.waitFor(1)
  expect(requested!.headers['x-toco-event']).toBe('stock.update.requested')
  expect(JSON.parse(requested!.body)).toMatchObject({ event: 'stock.update.requested', data: { kind: 'inventory', status: 'queued', storeClientId: GUDANG.storeClientId } })
  await app.inject({ method: 'POST', url: '/__admin/clock', payload: { advanceMs: 60_000 } })
  const [, applied] = await receiver.waitFor(2)
  expect(JSON.parse(applied!.body)).toMatchObject({ event: 'batch.completed', data: { kind: 'inventory', status: 'applied' } })
})

it('without a webhook URL nothing is written; an unknown partner is a 404', async () => {
  const app = await appForTest()
  const accepted = await toco(app, { path: '/partner/stores/products/bulk', body: { products: [{ externalId: 'quiet-1', name: 'Quiet', price: 1000, stock: 5 }] }, store: DEMO.catalogueStore })
  expect(accepted.statusCode).toBe(200)
  expect(app.mock.db.prepare('SELECT count(*) FROM mock_deliveries').pluck().get()).toBe(0)
  const unknown = await app.inject({ method: 'PUT', url: '/__admin/toco/partners/ptnr_nobody/webhook', payload: { url: 'http://127.0.0.1:9/x' } })
  expect([unknown.statusCode, unknown.json()]).toEqual([404, { error: { code: 'UNKNOWN_PARTNER', message: 'No Toco partner "ptnr_nobody"', path: '/id' } }])
  // A URL no delivery could reach is refused when set, not at every delivery (probing).
  for (const url of ['http://', 'http://a\u0000b/', 'https://partner.example/hook with space']) {
    const refused = await app.inject({ method: 'PUT', url: `/__admin/toco/partners/${DEMO.partner.clientId}/webhook`, payload: { url } })
    expect([refused.statusCode, refused.json()], url).toEqual([400, { error: { code: 'VALIDATION_FAILED', message: '/url must be an absolute http(s) URL of printable ASCII', path: '/url' } }])
  }
  expect(app.mock.db.prepare('SELECT webhook_url FROM toco_partners WHERE client_id = ?').pluck().get(DEMO.partner.clientId)).toBeNull()
})
