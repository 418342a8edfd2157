/** GET/DELETE /__admin/requests: what arrived, how it was answered, and why a refusal happened. */
import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import type { App } from '../../src/app.js'
import { signTocoRequest } from '../../src/signing/index.js'
import { appForTest, DEMO, toco, waffo } from '../helpers.js'

/** The running test's app (appForTest closes it), read by journal(). */
let app: App

const journal = async (query = '') => {
  const response = await app.inject({ method: 'GET', url: `/__admin/requests${query}` })
  expect(response.statusCode, response.body).toBe(200)
  return response.json() as { requests: Array<Record<string, any>>, total: number }
}

describe('the request journal', () => {
  it('records a Toco call with its request id, tenant, verdict, query and both bodies, newest first', async () => {
    app = await appForTest()
    app.mock.clock.freeze(Date.parse('2026-04-01T00:00:00.000Z'))
    const deleted = await toco(app, {
      path: '/partner/stores/products/deletions?dry=1', store: DEMO.catalogueStore, body: { ids: [DEMO.products.second.id] }
    })
    expect(deleted.statusCode).toBe(200)
    const health = await app.inject({ method: 'GET', url: '/__admin/health' })
    expect(health.statusCode).toBe(200)
    await waffo(app, { body: { id: DEMO.waffoStores.clean } })

    const { requests, total } = await journal()
    expect(total).toBe(2) // control-plane calls are not journaled
    expect(requests.map((entry) => entry.api)).toEqual(['waffo', 'toco'])
    const entry = requests[1]!
    expect(entry).toMatchObject({
      requestId: deleted.json().requestId,
      at: '2026-04-01T00:00:00.000Z',
      api: 'toco',
      method: 'POST',
      path: '/api/v1/partner/stores/products/deletions',
      query: { dry: '1' },
      status: 200,
      tenant: DEMO.partner.clientId,
      auth: { outcome: 'ok', code: null },
      requestBody: { ids: [DEMO.products.second.id] },
      responseBody: deleted.json()
    })
    expect(entry.durationMs).toBeGreaterThanOrEqual(0)
    expect(deleted.headers['x-request-id']).toBe(entry.requestId)
    expect(entry.headers['x-signature']).toBe('[redacted]')
    expect(entry.headers['x-store-token']).toBe('[redacted]')
    expect(entry.headers['x-partner-client-id']).toBe(DEMO.partner.clientId)
    expect(JSON.stringify(requests)).not.toContain(DEMO.catalogueStore.storeToken)
    expect(requests[0]!.headers['x-signature']).toBe('[redacted]')
  })

  it('explains a tampered-body refusal with the expected base string, never the secret, token or signature', async () => {
    app = await appForTest()
    const body = JSON.stringify({ ids: [DEMO.products.second.id] })
    const timestamp = app.mock.clock.now()
    const headers = signTocoRequest({
      secretKey: DEMO.partner.secretKey,
      method: 'POST',
      path: '/partner/stores/products/deletions',
      partnerClientId: DEMO.partner.clientId,
      storeClientId: DEMO.catalogueStore.storeClientId,
      storeToken: DEMO.catalogueStore.storeToken,
      timestamp,
      body
    })
    // Signed for one body, sent with another.
    const tampered = body.replace('015c', '915c')
    const response = await app.inject({
      method: 'POST', url: '/api/v1/partner/stores/products/deletions', headers: { ...headers, 'content-type': 'application/json' }, payload: tampered
    })
    const refused = { response, headers: headers as Record<string, string>, tampered, timestamp }
    expect(refused.response.statusCode).toBe(401)
    expect(refused.response.json().error.code).toBe('AUTH_004')

    const { requests } = await journal('?outcome=refused')
    expect(requests).toHaveLength(1)
    const entry = requests[0]!
    expect(entry.auth.outcome).toBe('refused')
    expect(entry.auth.code).toBe('AUTH_004')
    const expectedBase = ['POST', '/partner/stores/products/deletions', `x-partner-client-id:${DEMO.partner.clientId}`,
      `x-store-client-id:${DEMO.catalogueStore.storeClientId}`, 'x-store-token:<x-store-token>', `x-timestamp:${refused.timestamp}`,
      createHash('sha256').update(refused.tampered).digest('hex')].join('\n')
    expect(entry.auth.reason).toContain(expectedBase)
    const text = JSON.stringify(requests)
    expect(text).not.toContain(DEMO.partner.secretKey)
    expect(text).not.toContain(DEMO.catalogueStore.storeToken)
    expect(text).not.toContain(Object.entries(refused.headers).find(([name]) => name.toLowerCase() === 'x-signature')![1])
    expect(entry.requestBody).toEqual(JSON.parse(refused.tampered))
    expect(entry.tenant).toBeNull()
  })

  it('filters by api, method, path, status, tenant, outcome, since and limit; DELETE clears', async () => {
    app = await appForTest()
    app.mock.clock.freeze(Date.parse('2026-04-01T00:00:00.000Z'))
    await toco(app, { path: `/partner/stores/${DEMO.unbindStore.storeClientId}/unbind` })
    app.mock.clock.advance(60_000)
    const foreign = await toco(app, { path: `/partner/stores/${DEMO.unbindStore.storeClientId}/unbind`, partner: DEMO.otherPartner })
    expect(foreign.statusCode).toBeGreaterThanOrEqual(400)
    await waffo(app, { body: { id: DEMO.waffoStores.clean } })
    await app.inject({ method: 'GET', url: '/v1/nowhere' })

    expect((await journal()).total).toBe(4)
    expect((await journal('?api=waffo')).requests.map((e) => e.path)).toEqual(['/v1/nowhere', '/v1/actions/store/delete-store'])
    expect((await journal('?method=get')).requests.map((e) => e.path)).toEqual(['/v1/nowhere'])
    expect((await journal('?path=/api/v1/partner/stores/*/unbind')).total).toBe(2)
    expect((await journal(`?status=${foreign.statusCode}&api=toco`)).requests.map((e) => e.responseBody.error.code)).toEqual([foreign.json().error.code])
    expect((await journal(`?tenant=${DEMO.partner.clientId}`)).requests.map((e) => e.status)).toEqual([200])
    expect((await journal('?outcome=ok')).total).toBe(3)
    expect((await journal('?outcome=public')).requests.map((e) => e.path)).toEqual(['/v1/nowhere'])
    expect((await journal('?since=2026-04-01T00:00:30.000Z')).total).toBe(3)
    expect((await journal(`?since=${Date.parse('2026-04-01T00:00:30.000Z')}`)).total).toBe(3)
    const limited = await journal('?limit=1')
    expect(limited).toMatchObject({ total: 4, requests: [{ path: '/v1/nowhere' }] })

    const bad = await app.inject({ method: 'GET', url: '/__admin/requests?since=soon' })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().error).toMatchObject({ code: 'VALIDATION_FAILED', path: '/since' })

    const cleared = await app.inject({ method: 'DELETE', url: '/__admin/requests' })
    expect(cleared.json()).toEqual({ cleared: 4 })
    expect(await journal()).toEqual({ requests: [], total: 0 })
  })

  it('names the near miss of an unknown route: another method, a trailing slash, a missing prefix, a typo', async () => {
    app = await appForTest()
    const store = DEMO.unbindStore.storeClientId
    await app.inject({ method: 'GET', url: `/api/v1/partner/stores/${store}/unbind` })
    await app.inject({ method: 'POST', url: '/v1/actions/store/delete-store/' })
    await app.inject({ method: 'POST', url: `/partner/stores/${store}/unbind` })
    await app.inject({ method: 'POST', url: '/api/v1/partner/stores/products/deletion' })
    await app.inject({ method: 'POST', url: '/api/v1/completely/elsewhere' })
    const misses = (await journal()).requests.reverse().map((entry) => [entry.status, entry.nearMiss])
    expect(misses).toEqual([
      [404, { method: 'POST', url: '/api/v1/partner/stores/:storeId/unbind', why: 'the route exists for POST, not GET' }],
      [404, { method: 'POST', url: '/v1/actions/store/delete-store', why: 'remove the trailing slash' }],
      [404, { method: 'POST', url: '/api/v1/partner/stores/:storeId/unbind', why: 'the path is missing the /api/v1 prefix' }],
      [404, { method: 'POST', url: '/api/v1/partner/stores/products/deletions', why: '"deletion" looks like "deletions"' }],
      [404, undefined]
    ])
  })

  it('caps bodies at 64 KiB, keeps JOURNAL_SIZE entries, and records nothing with JOURNAL_SIZE=0', async () => {
    app = await appForTest({ journalSize: 2 })
    const big = JSON.stringify({ ids: Array.from({ length: 3000 }, (_, i) => `id-${i}-${'x'.repeat(20)}`) })
    await toco(app, { path: '/partner/stores/products/deletions', store: DEMO.catalogueStore, body: big })
    const [entry] = (await journal()).requests
    expect(entry!.requestBodyTruncated).toBe(true)
    expect(typeof entry!.requestBody).toBe('string')
    expect(Buffer.byteLength(entry!.requestBody)).toBe(65_536)
    for (let i = 0; i < 3; i++) await app.inject({ method: 'GET', url: `/v1/n${i}` })
    expect((await journal()).requests.map((e) => e.path)).toEqual(['/v1/n2', '/v1/n1'])

    app = await appForTest({ journalSize: 0 })
    await app.inject({ method: 'GET', url: '/v1/n' })
    expect(await journal()).toEqual({ requests: [], total: 0 })
  })
})
