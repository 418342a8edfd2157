/** No signature, store token, secret or private key ever reaches the server log. */
import { Writable } from 'node:stream'
import { expect, it } from 'vitest'
import { signTocoRequest, signWaffoRequest } from '../src/signing/index.js'
import { appForTest, demoFixture, DEMO, toco, waffo } from './helpers.js'
import { act } from './waffo/support.js'

it('logs requests, refusals and errors at trace level without any credential', async () => {
  let log = ''
  const logStream = new Writable({ write (chunk, _encoding, done) { log += chunk.toString(); done() } })
  const app = await appForTest({ logLevel: 'trace', debugSignatures: true }, { logStream })

  const sentSignatures: string[] = []
  const record = (headers: Record<string, string>) => { sentSignatures.push(headers['x-signature'] ?? headers['X-Signature']!); return headers }
  const now = app.mock.clock.now()

  await toco(app, { path: `/partner/stores/${DEMO.unbindStore.storeClientId}/unbind` })
  await toco(app, { path: '/partner/stores/products/deletions', body: { ids: [DEMO.products.second.id] }, store: DEMO.catalogueStore })
  await toco(app, { path: '/partner/stores/products/deletions', body: { ids: [] }, store: DEMO.catalogueStore })
  await toco(app, { path: '/partner/stores/products/deletions', body: { ids: ['x'] }, store: DEMO.unboundStore })
  await toco(app, { path: '/partner/stores/products/deletions', body: '{bad', store: DEMO.catalogueStore, partner: { ...DEMO.partner, secretKey: 'wrong' } })
  await app.inject({
    method: 'POST',
    url: '/api/v1/partner/stores/products/deletions',
    headers: record(signTocoRequest({
      secretKey: DEMO.partner.secretKey,
      method: 'POST',
      path: '/partner/stores/products/deletions',
      partnerClientId: DEMO.partner.clientId,
      storeClientId: DEMO.otherPartnersStore.storeClientId,
      storeToken: DEMO.otherPartnersStore.storeToken,
      timestamp: now,
      body: '{"ids":["a"]}'
    })),
    payload: '{"ids":["a"]}'
  })
  for (const id of Object.values(DEMO.waffoStores)) await waffo(app, { body: { id } })
  await app.inject({
    method: 'POST',
    url: '/v1/actions/store/delete-store',
    headers: record(signWaffoRequest({ merchantId: DEMO.owner.id, privateKeyPem: DEMO.outsider.privateKeyPem, path: '/v1/actions/store/delete-store', body: '{}' })),
    payload: '{}'
  })
  await app.inject({ method: 'POST', url: '/__admin/reset' })

  expect(log).toContain('incoming request')
  expect(log).toContain('Invalid signature')
  const secrets = [
    ...demoFixture.toco.partners!.map((partner) => partner.secretKey),
    ...demoFixture.toco.stores!.map((store) => store.storeToken!),
    ...demoFixture.waffo.merchants!.flatMap((merchant) => merchant.publicKeys.map((key) => key.privateKeyPem!.split('\n')[5]!)),
    ...sentSignatures
  ]
  for (const secret of secrets) expect(log).not.toContain(secret)
  // Whatever was signed by the helpers: no HMAC hex and no RSA base64 signature at all.
  // (A refusal's debug line carries the expected base string, whose last line is the body's SHA-256: not a secret.)
  const withoutBodyHashes = log.replace(/\\nx-timestamp:\d+\\n[0-9a-f]{64}/g, '')
  expect(withoutBodyHashes).not.toMatch(/[0-9a-f]{64}/i)
  expect(log).not.toMatch(/[A-Za-z0-9+/]{300,}/)
})

it('at debug level logs request headers, with every credential header censored', async () => {
  const lines: Array<{ req?: { headers?: Record<string, string> } }> = []
  const logStream = new Writable({ write (chunk, _encoding, done) { lines.push(JSON.parse(chunk.toString())); done() } })
  const app = await appForTest({ logLevel: 'debug', adminToken: 'admin-secret-token' }, { logStream })

  const signed = await toco(app, { path: '/partner/stores/products/deletions', body: { ids: [DEMO.products.second.id] }, store: DEMO.catalogueStore })
  expect(signed.statusCode).toBe(200)
  await waffo(app, { body: { id: DEMO.waffoStores.clean } })
  // The SDK's spelling, `X-Signature`, sent as is (the signing helpers lower-case header names).
  const sdkHeaders = signWaffoRequest({ merchantId: DEMO.owner.id, privateKeyPem: DEMO.owner.privateKeyPem, path: '/v1/actions/store/delete-store', body: '{}' })
  await app.inject({ method: 'POST', url: '/v1/actions/store/delete-store', headers: sdkHeaders, payload: '{}' })
  await app.inject({ method: 'GET', url: '/__admin/state', headers: { authorization: 'Bearer admin-secret-token', 'x-admin-token': 'admin-secret-token' } })

  const logged = lines.flatMap((line) => line.req?.headers ? [line.req.headers] : [])
  const withHeader = (name: string) => logged.filter((headers) => name in headers)
  // Each credential header was logged, and only as the censor.
  for (const name of ['x-signature', 'x-store-token', 'authorization', 'x-admin-token']) {
    expect(withHeader(name).length, name).toBeGreaterThan(0)
    for (const headers of withHeader(name)) expect(headers[name], name).toBe('[redacted]')
  }
  // Other headers are logged as sent, so the line is worth having.
  expect(withHeader('x-partner-client-id')[0]!['x-partner-client-id']).toBe(DEMO.partner.clientId)
  const text = JSON.stringify(lines)
  expect(text).not.toContain('admin-secret-token')
  expect(text).not.toContain(DEMO.catalogueStore.storeToken)
  expect(text).not.toContain(sdkHeaders['X-Signature'])
})

it('an answer the API gives on purpose (Waffo\'s 501 "Coming soon") is an info line, not an unexpected error', async () => {
  const lines: Array<{ level: number, msg?: string }> = []
  const logStream = new Writable({ write (chunk, _encoding, done) { lines.push(JSON.parse(chunk.toString())); done() } })
  const app = await appForTest({ logLevel: 'info' }, { logStream })
  const answer = await waffo(app, { path: '/v1/actions/store-merchant/add-merchant', body: {} })
  expect(answer.statusCode).toBe(501)
  expect(lines.filter((line) => line.level >= 50)).toEqual([])
  expect(lines.filter((line) => line.msg === 'Coming soon').map((line) => line.level)).toEqual([30])
})

it('a buyer token in a URL (an authenticated checkout link\'s ?token=) is censored in the log and the journal', async () => {
  let log = ''
  const logStream = new Writable({ write (chunk, _encoding, done) { log += chunk.toString(); done() } })
  const app = await appForTest({ logLevel: 'info' }, { logStream })
  const issued = await act(app, 'auth/issue-session-token', { storeId: DEMO.waffoStores.clean, buyerIdentity: 'b@example.com' })
  const token = issued.body.data.token as string
  await app.inject({ method: 'GET', url: `/v1/store/demo/checkout/00000000-0000-4000-8000-000000000000?autoPay=success&token=${token}` })
  await app.inject({ method: 'POST', url: '/v1/graphql?TOKEN=opaque-credential&x=1', payload: {} })
  const { requests } = (await app.inject({ method: 'GET', url: '/__admin/requests?limit=2' })).json()
  expect(requests.map((entry: { query: unknown }) => entry.query)).toEqual([{ TOKEN: '[redacted]', x: '1' }, { autoPay: 'success', token: '[redacted]' }])
  expect(log).toContain('token=[redacted]')
  expect(log).not.toContain(token.split('.')[1])
  expect(log).not.toContain('opaque-credential')
  await app.close()
})
