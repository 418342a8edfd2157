/** X-Idempotency-Key on Waffo write actions: replay, conflicts, in flight, format, TTL on the mock clock, reset. */
import { WaffoPancake } from '@waffo/pancake-ts'
import { describe, expect, it } from 'vitest'
import { signWaffoRequest } from '../../src/signing/waffo.js'
import { DEMO, useApp, useListeningApp, waffo } from '../helpers.js'

const CREATE = '/v1/actions/store/create-store'
const storeCount = (db: { prepare: (sql: string) => { pluck: () => { get: () => unknown } } }) =>
  db.prepare('SELECT count(*) FROM waffo_stores').pluck().get()

describe('X-Idempotency-Key (app.inject)', () => {
  const mock = useApp()
  const freeze = (at: string) => mock.app.inject({ method: 'POST', url: '/__admin/clock', payload: { freeze: at } })
  const create = (key: string | undefined, name = 'Keyed Store', merchant = DEMO.owner) =>
    waffo(mock.app, { path: CREATE, body: { name }, merchant, headers: { 'x-idempotency-key': key } })

  it('replays the first answer byte for byte, makes one store, and says it replayed', async () => {
    await freeze('2026-03-01T10:00:00.000Z')
    const before = storeCount(mock.app.mock.db)
    const first = await create('key-001')
    const second = await create('key-001')
    expect(first.statusCode).toBe(200)
    expect(second.statusCode).toBe(200)
    expect(second.body).toBe(first.body)
    expect(first.headers['x-idempotency-replayed']).toBeUndefined()
    expect(second.headers['x-idempotency-replayed']).toBe('true')
    expect(second.headers['content-type']).toBe(first.headers['content-type'])
    expect(storeCount(mock.app.mock.db)).toBe(Number(before) + 1)
    const row = mock.app.mock.db.prepare('SELECT merchant_id, environment, key, status, body, created_at FROM waffo_idempotency_keys').all()
    expect(row).toEqual([{ merchant_id: DEMO.owner.id, environment: 'test', key: 'key-001', status: 200, body: first.body, created_at: Date.parse('2026-03-01T10:00:00.000Z') }])
  })

  it('refuses the same key with another body (409), a malformed key (400), and scopes keys per merchant', async () => {
    await create('key-002', 'One')
    const other = await create('key-002', 'Two')
    expect(other.statusCode).toBe(409)
    expect(other.json()).toEqual({ data: null, errors: [{ message: 'X-Idempotency-Key was already used with a different request', layer: 'gateway' }] })

    // The SDK's API reference: at most 256 letters, numbers, hyphens and underscores.
    for (const bad of ['has space', 'x'.repeat(257), 'naïve', 'order.1', 'a:b', 'k/1']) {
      const refused = await create(bad)
      expect(refused.statusCode).toBe(400)
      expect(refused.json().errors).toEqual([{ message: 'Invalid X-Idempotency-Key: expected 1-256 letters, digits, hyphens or underscores', layer: 'gateway' }])
    }
    expect((await create('x'.repeat(256))).statusCode).toBe(200)
    expect((await create('MER_store-create-9f2c')).statusCode).toBe(200)

    const admin = await create('key-002', 'Two', DEMO.admin)
    expect(admin.statusCode).toBe(200)
    expect(admin.headers['x-idempotency-replayed']).toBeUndefined()
  })

  it('keeps a test key\'s answers from the same merchant\'s prod key: each environment remembers its own', async () => {
    const inTest = await create('key-env', 'Env Store')
    const inProd = await create('key-env', 'Env Store', DEMO.ownerProd)
    expect(inProd.statusCode).toBe(200)
    expect(inProd.headers['x-idempotency-replayed']).toBeUndefined()
    expect(inProd.json().data.store.id).not.toBe(inTest.json().data.store.id)
    const again = await create('key-env', 'Env Store', DEMO.ownerProd)
    expect(again.headers['x-idempotency-replayed']).toBe('true')
    expect(again.body).toBe(inProd.body)
    expect(mock.app.mock.db.prepare("SELECT environment FROM waffo_idempotency_keys WHERE key = 'key-env' ORDER BY environment").pluck().all()).toEqual(['prod', 'test'])
  })

  it('a buyer\'s keys are its own: another buyer of the store, or the merchant, with the same key gets its own answer', async () => {
    const { act, sessionToken } = await import('./support.js')
    const store = DEMO.waffoStores.clean
    const created = await act(mock.app, 'onetime-product/create-product', { storeId: store, name: 'Keyed', prices: { USD: { amount: '5.00', taxCategory: 'saas' } } })
    const body = JSON.stringify({ productId: created.body.data.product.id, currency: 'USD' })
    const open = async (authorization: Record<string, string>) => mock.app.inject({
      method: 'POST', url: '/v1/actions/checkout/create-session', payload: body, headers: { 'content-type': 'application/json', 'x-idempotency-key': 'shared-key', ...authorization }
    })
    const asBuyer = async (identity: string) => open({ authorization: `Bearer ${await sessionToken(mock.app, store, identity)}`, 'x-environment': 'test' })
    const a = await asBuyer('buyer-a')
    const b = await asBuyer('buyer-b')
    expect([a.statusCode, b.statusCode]).toEqual([200, 200])
    expect(b.headers['x-idempotency-replayed']).toBeUndefined()
    expect(b.json().data.sessionId).not.toBe(a.json().data.sessionId)
    const again = await asBuyer('buyer-a')
    expect([again.headers['x-idempotency-replayed'], again.json().data.sessionId]).toEqual(['true', a.json().data.sessionId])
    const merchant = await waffo(mock.app, { path: '/v1/actions/checkout/create-session', body, headers: { 'x-idempotency-key': 'shared-key' } })
    expect(merchant.headers['x-idempotency-replayed']).toBeUndefined()
    expect(merchant.json().data.sessionId).not.toBe(a.json().data.sessionId)
  })

  it('remembers only successes, forgets after 24 h of mock time, and reset clears the keys', async () => {
    await freeze('2026-03-01T10:00:00.000Z')
    const refused = await create('key-003', '')
    expect(refused.statusCode).toBe(400)
    expect(mock.app.mock.db.prepare('SELECT count(*) FROM waffo_idempotency_keys').pluck().get()).toBe(0)

    const first = await create('key-003')
    await mock.app.inject({ method: 'POST', url: '/__admin/clock', payload: { advanceMs: 24 * 3600 * 1000 - 1000 } })
    expect((await create('key-003')).body).toBe(first.body)
    await mock.app.inject({ method: 'POST', url: '/__admin/clock', payload: { advanceMs: 1000 } })
    const fresh = await create('key-003')
    expect(fresh.statusCode).toBe(200)
    expect(fresh.headers['x-idempotency-replayed']).toBeUndefined()
    expect(fresh.json().data.store.id).not.toBe(first.json().data.store.id)

    await mock.app.inject({ method: 'POST', url: '/__admin/reset' })
    expect(mock.app.mock.db.prepare('SELECT count(*) FROM waffo_idempotency_keys').pluck().get()).toBe(0)
  })

  it('does not apply to the read-only GraphQL route', async () => {
    const body = { query: '{ stores { id } }' }
    const a = await waffo(mock.app, { path: '/v1/graphql', body, headers: { 'x-idempotency-key': 'bad key' } })
    expect(a.statusCode).toBe(200)
  })
})

describe('X-Idempotency-Key over the network', () => {
  const server = useListeningApp()

  it('the SDK sends one create-store twice with one key: one store, identical bodies', async () => {
    const client = new WaffoPancake({ merchantId: DEMO.owner.id, privateKey: DEMO.owner.privateKeyPem, baseUrl: server.url })
    const before = storeCount(server.app.mock.db)
    const first = await client.stores.create({ name: 'Retry Store' }, { idempotencyKey: 'sdk-retry-1' })
    const second = await client.stores.create({ name: 'Retry Store' }, { idempotencyKey: 'sdk-retry-1' })
    expect(second).toEqual(first)
    expect(storeCount(server.app.mock.db)).toBe(Number(before) + 1)
  })

  it('two concurrent requests with one key: one 200, one 409 in flight', async () => {
    const fault = await server.app.inject({
      method: 'POST', url: '/__admin/faults', payload: { path: CREATE, tenant: DEMO.owner.id, delayMs: 300, times: 1 }
    })
    expect(fault.statusCode).toBe(201)
    const send = () => {
      const body = JSON.stringify({ name: 'Concurrent Store' })
      const signed = signWaffoRequest({
        merchantId: DEMO.owner.id,
        privateKeyPem: DEMO.owner.privateKeyPem,
        path: CREATE,
        body,
        timestamp: Math.floor(server.app.mock.clock.now() / 1000)
      })
      return fetch(`${server.url}${CREATE}`, { method: 'POST', headers: { ...signed, 'x-idempotency-key': 'concurrent-1' }, body })
    }
    const slow = send()
    await new Promise((resolve) => setTimeout(resolve, 100))
    const fast = await send()
    expect(fast.status).toBe(409)
    expect(await fast.json()).toEqual({ data: null, errors: [{ message: 'Idempotent request is already being processed', layer: 'gateway' }] })
    const done = await slow
    expect(done.status).toBe(200)
    expect(((await done.json()) as { data: { store: { name: string } } }).data.store.name).toBe('Concurrent Store')
    const stores = server.app.mock.db.prepare("SELECT count(*) FROM waffo_stores WHERE name = 'Concurrent Store'").pluck().get()
    expect(stores).toBe(1)
  })
})
