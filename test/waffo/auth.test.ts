/** The Waffo gateway check (DESIGN §4.1), proven with RSA signatures computed by the test. */
import { createHash, createSign, generateKeyPairSync } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { createApp, DEMO, snapshot, useApp, waffo } from '../helpers.js'

// The window itself is under test: judged against the mock clock alone (AUTH_CLOCK=mock), as
// frozenNow() stands still while the wall clock moves on.
const mock = useApp({ authClock: 'mock' })

const PATH = '/v1/actions/store/delete-store'
const payload = JSON.stringify({ id: DEMO.waffoStores.clean })

/** Signs like the SDK, by hand: METHOD\nPATH\nTIMESTAMP\nbase64(sha256(body)). */
function handSigned (privateKeyPem: string, timestamp: string, body: string, path = PATH) {
  const canonical = `POST\n${path}\n${timestamp}\n${createHash('sha256').update(body).digest('base64')}`
  return createSign('sha256').update(canonical).sign(privateKeyPem, 'base64')
}

function send (headers: Record<string, string>, body = payload) {
  return mock.app.inject({ method: 'POST', url: PATH, headers: { 'content-type': 'application/json', ...headers }, payload: body })
}

const nowSeconds = () => String(Math.floor(mock.app.mock.clock.now() / 1000))
/** Freezes the mock clock (this test's app only) and answers its epoch seconds. */
const frozenSeconds = () => {
  mock.app.mock.clock.freeze()
  return Math.floor(mock.app.mock.clock.now() / 1000)
}
const deletedAt = (id: string) => mock.app.mock.db.prepare('SELECT deleted_at FROM waffo_stores WHERE id = ?').pluck().get(id)

describe('the API-key signature', () => {
  it('accepts a hand-made signature from the owner\'s test key', async () => {
    const timestamp = nowSeconds()
    const response = await send({ 'X-Merchant-Id': DEMO.owner.id, 'X-Timestamp': timestamp, 'X-Signature': handSigned(DEMO.owner.privateKeyPem, timestamp, payload) })
    expect(response.statusCode).toBe(200)
    expect(response.json().data.store).toMatchObject({ id: DEMO.waffoStores.clean, deletedAt: expect.any(String) })
    expect(deletedAt(DEMO.waffoStores.clean)).toBe(response.json().data.store.deletedAt)
  })

  it('accepts the owner\'s prod key too (each registered key is tried)', async () => {
    const response = await waffo(mock.app, { body: { id: DEMO.waffoStores.clean }, merchant: DEMO.ownerProd })
    expect(response.statusCode).toBe(200)
    expect(response.json().data.store.id).toBe(DEMO.waffoStores.clean)
    expect(deletedAt(DEMO.waffoStores.clean)).not.toBeNull()
  })

  const refusals: Array<[string, () => Promise<Awaited<ReturnType<typeof send>>>, string]> = [
    ['no auth headers', () => send({}), 'Missing authentication'],
    ['no signature', () => send({ 'X-Merchant-Id': DEMO.owner.id, 'X-Timestamp': nowSeconds() }), 'Missing authentication'],
    ['an unknown merchant', () => waffo(mock.app, { merchant: { ...DEMO.owner, id: 'MER_0000000000000000000000' }, body: { id: DEMO.waffoStores.clean } }), 'Invalid API key'],
    // On a frozen clock: signed and checked in the same mock second, so a tick cannot bring +301 s back to +300 s.
    ['a stale timestamp (301 s)', () => waffo(mock.app, { body: { id: DEMO.waffoStores.clean }, timestamp: frozenSeconds() - 301 }), 'Authentication failed'],
    ['a future timestamp (301 s)', () => waffo(mock.app, { body: { id: DEMO.waffoStores.clean }, timestamp: frozenSeconds() + 301 }), 'Authentication failed'],
    ['a timestamp in milliseconds', () => waffo(mock.app, { body: { id: DEMO.waffoStores.clean }, timestamp: mock.app.mock.clock.now() }), 'Authentication failed'],
    ['a non-numeric timestamp', () => waffo(mock.app, { body: { id: DEMO.waffoStores.clean }, timestamp: 'now' }), 'Authentication failed'],
    ['another merchant\'s key', () => waffo(mock.app, { merchant: { id: DEMO.owner.id, privateKeyPem: DEMO.outsider.privateKeyPem }, body: { id: DEMO.waffoStores.clean } }), 'Authentication failed'],
    ['an unregistered key', () => waffo(mock.app, { merchant: { id: DEMO.owner.id, privateKeyPem: freshKey() }, body: { id: DEMO.waffoStores.clean } }), 'Authentication failed'],
    ['a tampered body', () => {
      const timestamp = nowSeconds()
      return send({ 'X-Merchant-Id': DEMO.owner.id, 'X-Timestamp': timestamp, 'X-Signature': handSigned(DEMO.owner.privateKeyPem, timestamp, payload) },
        JSON.stringify({ id: DEMO.waffoStores.blockedEverywhere }))
    }, 'Authentication failed'],
    ['a tampered path', () => {
      const timestamp = nowSeconds()
      return send({ 'X-Merchant-Id': DEMO.owner.id, 'X-Timestamp': timestamp, 'X-Signature': handSigned(DEMO.owner.privateKeyPem, timestamp, payload, '/v1/actions/store/update-store') })
    }, 'Authentication failed'],
    ['a garbage signature', () => waffo(mock.app, { body: { id: DEMO.waffoStores.clean }, headers: { 'X-Signature': '%%%not-base64%%%' } }), 'Authentication failed']
  ]

  it.each(refusals)('refuses %s with 401 "%s" and changes nothing', async (_name, attempt, message) => {
    const before = snapshot(mock.app)
    const response = await attempt()
    expect(response.statusCode).toBe(401)
    expect(response.json()).toEqual({ data: null, errors: [{ message, layer: 'user' }] })
    expect(snapshot(mock.app)).toEqual(before)
  })

  it('checks the signature before the body: a malformed body signed correctly is 400, unsigned is 401', async () => {
    const before = snapshot(mock.app)
    const unsigned = await send({}, '{"id":')
    expect(unsigned.statusCode).toBe(401)
    expect(unsigned.json()).toEqual({ data: null, errors: [{ message: 'Missing authentication', layer: 'user' }] })
    const response = await waffo(mock.app, { body: '{"id":' })
    expect(response.statusCode).toBe(400)
    expect(response.json()).toEqual({ data: null, errors: [{ message: 'Invalid JSON body', layer: 'gateway' }] })
    expect(snapshot(mock.app)).toEqual(before)
  })

  it('explains the refusal only with MOCK_DEBUG_SIGNATURES', async () => {
    await mock.app.close()
    mock.app = await createApp({ debugSignatures: true })
    mock.app.mock.clock.freeze()
    const timestamp = Number(nowSeconds()) - 400
    const stale = await waffo(mock.app, { body: { id: DEMO.waffoStores.clean }, timestamp })
    expect(stale.json().errors[0]).toEqual({
      message: 'Authentication failed',
      layer: 'user',
      debug: { reason: 'X-Timestamp is 400 s in the past; the window is 300 s back, 60 s ahead', serverTime: timestamp + 400 }
    })
    const wrongKey = await waffo(mock.app, { merchant: { id: DEMO.owner.id, privateKeyPem: freshKey() }, body: { id: DEMO.waffoStores.clean } })
    expect(wrongKey.json().errors[0].debug).toEqual({
      reason: 'no registered public key of this merchant verifies X-Signature',
      expectedCanonical: `POST\n${PATH}\n${nowSeconds()}\n${createHash('sha256').update(payload).digest('base64')}`
    })
  })
})

function freshKey () {
  return generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()
}
