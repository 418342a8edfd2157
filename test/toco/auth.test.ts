/** The Toco HMAC guard (DESIGN §3.2), proven with signatures the test computes. */
import { createHash, createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { tocoBaseString } from '../../src/signing/toco.js'
import { createApp, DEMO, snapshot, toco, useApp } from '../helpers.js'

// The window itself is under test: judged against the mock clock alone (AUTH_CLOCK=mock), as
// frozenNow() stands still while the wall clock moves on.
const mock = useApp({ authClock: 'mock' })
/** Freezes the mock clock (this test's app only) and answers its epoch ms. */
const frozenNow = () => {
  mock.app.mock.clock.freeze()
  return mock.app.mock.clock.now()
}

const UNBIND = `/partner/stores/${DEMO.unbindStore.storeClientId}/unbind`
const DELETIONS = '/partner/stores/products/deletions'
const body = { ids: [DEMO.products.second.id] }

/** The signature computed by hand from the documented base string, independent of src/signing. */
function handSigned (secret: string, lines: string[]) {
  return createHmac('sha256', secret).update(lines.join('\n')).digest('hex')
}

async function expectRefused (response: Awaited<ReturnType<typeof toco>>, status: number, code: string, message: string) {
  expect(response.statusCode).toBe(status)
  const error = response.json().error
  expect({ code: error.code, message: error.message }).toEqual({ code, message })
}

describe('valid signatures', () => {
  it('accepts a signature computed by hand from the documented base string', async () => {
    const timestamp = String(mock.app.mock.clock.now())
    const payload = JSON.stringify(body)
    const signature = handSigned(DEMO.partner.secretKey, [
      'POST',
      DELETIONS,
      `x-partner-client-id:${DEMO.partner.clientId}`,
      `x-store-client-id:${DEMO.catalogueStore.storeClientId}`,
      `x-store-token:${DEMO.catalogueStore.storeToken}`,
      `x-timestamp:${timestamp}`,
      createHash('sha256').update(payload).digest('hex')
    ])
    const response = await mock.app.inject({
      method: 'POST',
      url: `/api/v1${DELETIONS}`,
      headers: {
        'content-type': 'application/json',
        'x-partner-client-id': DEMO.partner.clientId,
        'x-store-client-id': DEMO.catalogueStore.storeClientId,
        'x-store-token': DEMO.catalogueStore.storeToken,
        'x-timestamp': timestamp,
        'x-signature': signature
      },
      payload
    })
    expect(response.statusCode).toBe(200)
    expect(response.json().data.successItems).toEqual([DEMO.products.second])
  })

  it('signs a body-less request with the SHA-256 of the empty string', () => {
    expect(tocoBaseString({ method: 'post', path: UNBIND, partnerClientId: 'p', timestamp: 1 }))
      .toBe(`POST\n${UNBIND}\nx-partner-client-id:p\nx-timestamp:1\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855`)
  })

  it.each([
    ['a sha256= prefix', (signature: string) => `sha256=${signature}`],
    ['upper-case hex', (signature: string) => signature.toUpperCase()],
    ['both in upper case', (signature: string) => `SHA256=${signature.toUpperCase()}`]
  ])('accepts %s', async (_name, reshape) => {
    const timestamp = mock.app.mock.clock.now()
    const signature = handSigned(DEMO.partner.secretKey, [
      'POST', UNBIND, `x-partner-client-id:${DEMO.partner.clientId}`, `x-timestamp:${timestamp}`,
      createHash('sha256').update('').digest('hex')
    ])
    const response = await toco(mock.app, { path: UNBIND, timestamp, headers: { 'x-signature': reshape(signature) } })
    expect(response.statusCode).toBe(200)
    expect(response.json().data).toEqual({ storeClientId: DEMO.unbindStore.storeClientId, status: 'unbound' })
  })

  it('accepts timestamps at the edge of the window, past and future (the guard passes, the route answers)', async () => {
    mock.app.mock.clock.freeze()
    const now = mock.app.mock.clock.now()
    for (const timestamp of [now - 300_000, now + 300_000]) {
      const response = await toco(mock.app, { path: '/partner/stores/nope/unbind', timestamp })
      expect(response.json().error.code).toBe('STORE_020')
    }
  })

  it('signs the full path when TOCO_SIGNATURE_PATH=full', async () => {
    await mock.app.close()
    mock.app = await createApp({ tocoSignaturePath: 'full' })
    // The helper signs the path without /api/v1, which this mode no longer accepts.
    expect((await toco(mock.app, { path: UNBIND })).json().error.code).toBe('AUTH_004')
    const timestamp = mock.app.mock.clock.now()
    const signature = handSigned(DEMO.partner.secretKey, [
      'POST', `/api/v1${UNBIND}`, `x-partner-client-id:${DEMO.partner.clientId}`, `x-timestamp:${timestamp}`,
      createHash('sha256').update('').digest('hex')
    ])
    const accepted = await toco(mock.app, { path: UNBIND, timestamp, headers: { 'x-signature': signature } })
    expect(accepted.json()).toMatchObject({ success: true, data: { status: 'unbound' } })
  })
})

describe('refusals, each changing nothing', () => {
  const cases: Array<[string, () => ReturnType<typeof toco>, number, string, string]> = [
    // On a frozen clock: signed and checked at the same mock instant, so elapsed time cannot shrink the +301 s.
    ['a stale timestamp (301 s old)', () => toco(mock.app, { path: UNBIND, timestamp: frozenNow() - 301_000 }),
      401, 'AUTH_003', 'Expired or invalid timestamp'],
    ['a future timestamp (301 s ahead)', () => toco(mock.app, { path: UNBIND, timestamp: frozenNow() + 301_000 }),
      401, 'AUTH_003', 'Expired or invalid timestamp'],
    ['a timestamp in seconds', () => toco(mock.app, { path: UNBIND, timestamp: Math.floor(mock.app.mock.clock.now() / 1000) }),
      401, 'AUTH_003', 'Expired or invalid timestamp'],
    ['a wrong secret', () => toco(mock.app, { path: UNBIND, partner: { ...DEMO.partner, secretKey: 'wrong' } }),
      401, 'AUTH_004', 'Invalid signature'],
    ['another partner\'s secret', () => toco(mock.app, { path: UNBIND, partner: { ...DEMO.partner, secretKey: DEMO.otherPartner.secretKey } }),
      401, 'AUTH_004', 'Invalid signature'],
    ['an unknown partner', () => toco(mock.app, { path: UNBIND, partner: { clientId: 'ptnr_nobody', secretKey: 'x' } }),
      401, 'AUTH_002', 'Invalid partner client ID'],
    ['a tampered body', () => tamperedBody(), 401, 'AUTH_004', 'Invalid signature'],
    ['a tampered path', () => tamperedPath(), 401, 'AUTH_004', 'Invalid signature'],
    ['a missing signature', () => toco(mock.app, { path: UNBIND, headers: { 'x-signature': undefined } }),
      401, 'AUTH_001', 'Missing authentication headers'],
    ['a missing store token on a store route', () => toco(mock.app, { path: DELETIONS, body, store: DEMO.catalogueStore, headers: { 'x-store-token': undefined } }),
      401, 'AUTH_001', 'Missing authentication headers'],
    // The AUTH guide: x-store-token is required when x-store-client-id is present, on any route.
    ['a store id without its token on a partner route', () => toco(mock.app, { path: UNBIND, store: DEMO.unbindStore, headers: { 'x-store-token': undefined } }),
      401, 'AUTH_001', 'Missing authentication headers'],
    ['a wrong store token', () => toco(mock.app, { path: DELETIONS, body, store: { ...DEMO.catalogueStore, storeToken: 'stkn_wrongwrongwrong' } }),
      401, 'AUTH_005', 'Invalid or revoked store token'],
    ['another store\'s token', () => toco(mock.app, { path: DELETIONS, body, store: { ...DEMO.catalogueStore, storeToken: DEMO.unbindStore.storeToken } }),
      401, 'AUTH_005', 'Invalid or revoked store token'],
    ['a revoked token (store unbound in the fixtures)', () => toco(mock.app, { path: DELETIONS, body, store: DEMO.unboundStore }),
      401, 'AUTH_005', 'Invalid or revoked store token'],
    ['another partner\'s store', () => toco(mock.app, { path: DELETIONS, body, store: DEMO.otherPartnersStore }),
      403, 'AUTH_006', 'Store access denied'],
    ['an unknown store', () => toco(mock.app, { path: DELETIONS, body, store: { storeClientId: 'str_nope', storeToken: 'stkn_x' } }),
      403, 'AUTH_006', 'Store access denied']
  ]

  it.each(cases)('refuses %s', async (_name, send, status, code, message) => {
    const before = snapshot(mock.app)
    await expectRefused(await send(), status, code, message)
    expect(snapshot(mock.app)).toEqual(before)
  })

  /** Signed for one body, sent with another. */
  async function tamperedBody () {
    const signed = await signedHeaders(DELETIONS, JSON.stringify(body))
    return mock.app.inject({ method: 'POST', url: `/api/v1${DELETIONS}`, headers: signed, payload: JSON.stringify({ ids: [DEMO.products.third.id] }) })
  }

  /** Signed for one store's unbind, sent to another's. */
  async function tamperedPath () {
    const signed = await signedHeaders(`/partner/stores/${DEMO.catalogueStore.storeClientId}/unbind`)
    return mock.app.inject({ method: 'POST', url: `/api/v1${UNBIND}`, headers: signed })
  }

  async function signedHeaders (path: string, payload?: string) {
    const timestamp = String(mock.app.mock.clock.now())
    const store = payload ? DEMO.catalogueStore : undefined
    const lines = ['POST', path, `x-partner-client-id:${DEMO.partner.clientId}`]
    if (store) lines.push(`x-store-client-id:${store.storeClientId}`, `x-store-token:${store.storeToken}`)
    lines.push(`x-timestamp:${timestamp}`, createHash('sha256').update(payload ?? '').digest('hex'))
    return {
      'content-type': 'application/json',
      'x-partner-client-id': DEMO.partner.clientId,
      ...(store ? { 'x-store-client-id': store.storeClientId, 'x-store-token': store.storeToken } : {}),
      'x-timestamp': timestamp,
      'x-signature': handSigned(DEMO.partner.secretKey, lines)
    }
  }

  it('lists every missing header', async () => {
    const response = await mock.app.inject({ method: 'POST', url: `/api/v1${DELETIONS}` })
    expect(response.statusCode).toBe(401)
    expect(response.json().error.details).toMatchObject({
      hint: 'Required headers: x-partner-client-id, x-timestamp, x-signature, x-store-client-id, x-store-token',
      context: { missingHeaders: ['x-partner-client-id', 'x-timestamp', 'x-signature', 'x-store-client-id', 'x-store-token'] }
    })
  })

  it('names x-store-token when a partner route gets x-store-client-id alone, and takes the pair', async () => {
    const alone = await toco(mock.app, { path: UNBIND, store: DEMO.unbindStore, headers: { 'x-store-token': undefined } })
    expect(alone.statusCode).toBe(401)
    expect(alone.json().error.details).toMatchObject({ hint: 'Required headers: x-store-token', context: { missingHeaders: ['x-store-token'] } })
    const paired = await toco(mock.app, { path: UNBIND, store: DEMO.unbindStore })
    expect(paired.statusCode).toBe(200)
    expect(paired.json().data).toEqual({ storeClientId: DEMO.unbindStore.storeClientId, status: 'unbound' })
  })

  it('answers a non-numeric timestamp with AUTH_003 and echoes what was sent', async () => {
    mock.app.mock.clock.freeze()
    const response = await toco(mock.app, { path: UNBIND, timestamp: 'yesterday' })
    expect(response.json().error.details.context).toEqual({ providedTimestamp: 'yesterday', currentTime: mock.app.mock.clock.now(), ageSeconds: null })
  })

  it('checks the window before the partner: the docs\' own sample request gets AUTH_003', async () => {
    const response = await toco(mock.app, { path: UNBIND, timestamp: 1758100350458, partner: { clientId: '2025112512510620439726', secretKey: 'x' } })
    expect(response.json().error.code).toBe('AUTH_003')
  })
})

describe('MOCK_DEBUG_SIGNATURES', () => {
  it('is off by default: a mismatch says nothing about the expected base string', async () => {
    const response = await toco(mock.app, { path: UNBIND, partner: { ...DEMO.partner, secretKey: 'wrong' } })
    expect(response.json().error.details.context).toEqual({})
  })

  it('when on, shows the expected base string but never the secret or the expected signature', async () => {
    await mock.app.close()
    mock.app = await createApp({ debugSignatures: true })
    mock.app.mock.clock.freeze()
    const timestamp = mock.app.mock.clock.now()
    const response = await toco(mock.app, { path: DELETIONS, body, store: DEMO.catalogueStore, partner: { ...DEMO.partner, secretKey: 'wrong' } })
    const expectedBaseString = [
      'POST', DELETIONS, `x-partner-client-id:${DEMO.partner.clientId}`, `x-store-client-id:${DEMO.catalogueStore.storeClientId}`,
      `x-store-token:${DEMO.catalogueStore.storeToken}`, `x-timestamp:${timestamp}`,
      createHash('sha256').update(JSON.stringify(body)).digest('hex')
    ].join('\n')
    expect(response.json().error.details.context).toEqual({ expectedBaseString })
    expect(response.body).not.toContain(DEMO.partner.secretKey)
    expect(response.body).not.toContain(handSigned(DEMO.partner.secretKey, expectedBaseString.split('\n')))
  })
})
