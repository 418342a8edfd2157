/**
 * Finding 7, the smaller ones: `replace` validates like `merge`; ids range-checked; the clock
 * refuses dates its consumers cannot format; fault `respond` validated; credentials redacted in
 * the journal; snapshots capped (SNAPSHOT_LIMIT); the journal paged (limit, cursor).
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { App } from '../../src/app.js'
import { CLOCK_MAX_MS } from '../../src/admin/routes/clock.js'
import { BODY_CAP } from '../../src/core/journal.js'
import { appForTest, DEMO, snapshot, toco, waffo } from '../helpers.js'
import { act } from '../waffo/support.js'

let app: App | undefined
afterEach(async () => { await app?.close(); app = undefined })
const fresh = async (overrides = {}) => { app = await appForTest(overrides); return app }
const admin = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
  app!.inject({ method, url: `/__admin${url}`, ...(payload === undefined ? {} : { headers: { 'content-type': 'application/json' }, payload: JSON.stringify(payload) }) })

describe('fixtures?mode=replace validates like merge', () => {
  it.each([
    ['null', null, 'FIXTURE_INVALID'],
    ['an empty object', {}, 'FIXTURE_INVALID'],
    ['only a description', { description: 'nothing' }, 'FIXTURE_INVALID'],
    ['an unknown key', { wafo: { stores: [] } }, 'FIXTURE_INVALID']
  ])('%s → 400 and the baseline survives later resets', async (_name, doc, code) => {
    await fresh()
    const before = snapshot(app!)
    const response = await admin('POST', '/fixtures?mode=replace', doc)
    expect(response.statusCode).toBe(400)
    expect(response.json().error.code).toBe(code)
    expect(snapshot(app!)).toEqual(before)
    expect((await admin('POST', '/reset')).statusCode).toBe(200)
    // Reseeded rows carry the reset's time: compare what is there, table by table.
    const counts = (state: Record<string, unknown[]>) => Object.fromEntries(Object.entries(state).map(([table, rows]) => [table, rows.length]))
    expect(counts(snapshot(app!))).toEqual(counts(before))
  })

  it('the messages: null is not a document; an empty one cannot replace', async () => {
    await fresh()
    expect((await admin('POST', '/fixtures?mode=replace', null)).json()).toEqual({ error: { code: 'FIXTURE_INVALID', message: '/: must be object', path: '/' } })
    expect((await admin('POST', '/fixtures?mode=replace', {})).json()).toEqual({ error: { code: 'FIXTURE_INVALID', message: '/: replace needs a fixture document with at least one API section', path: '/' } })
  })
})

describe('ids are range-checked', () => {
  it('DELETE /__admin/waffo/bindings/1e20 and a fixture binding id of 1e20 → 400, never SQLITE_MISMATCH', async () => {
    await fresh()
    const before = snapshot(app!)
    const deleted = await admin('DELETE', '/waffo/bindings/100000000000000000000')
    expect(deleted.statusCode).toBe(400)
    expect(deleted.json().error.code).toBe('VALIDATION_FAILED')
    const loaded = await admin('POST', '/fixtures?mode=merge', { waffo: { bindings: [{ id: 1e20, storeId: DEMO.waffoStores.clean, kind: 'email', value: 'a@example.com' }] } })
    expect(loaded.statusCode).toBe(400)
    expect(loaded.json()).toEqual({ error: { code: 'FIXTURE_INVALID', message: '/waffo/bindings/0/id: must be <= 9007199254740991', path: '/waffo/bindings/0/id' } })
    expect(snapshot(app!)).toEqual(before)
  })

  it('an integer path or query parameter written as a decimal is refused, not truncated (bindings/2.9999 revoked binding 2)', async () => {
    await fresh()
    const binding = (await admin('POST', '/waffo/bindings', { storeId: DEMO.waffoStores.clean, kind: 'email', value: 'x@example.com' })).json()
    const before = snapshot(app!)
    for (const id of [`${binding.id}.9999`, `${binding.id}.0`, `${binding.id}e0`, ` ${binding.id}`, '0x1']) {
      const refused = await admin('DELETE', `/waffo/bindings/${encodeURIComponent(id)}`)
      expect([refused.statusCode, refused.json().error.code, refused.json().error.path], id).toEqual([400, 'VALIDATION_FAILED', '/id'])
    }
    expect(snapshot(app!)).toEqual(before)
    for (const url of ['/requests?limit=1.5', '/webhooks/deliveries?limit=2.5']) {
      const refused = await admin('GET', url)
      expect([refused.statusCode, refused.json().error.code, refused.json().error.path], url).toEqual([400, 'VALIDATION_FAILED', '/limit'])
    }
    expect((await admin('GET', '/requests?limit=2')).statusCode).toBe(200)
    expect((await admin('DELETE', `/waffo/bindings/${binding.id}`)).json()).toEqual(binding)
  })
})

describe('the clock refuses dates its consumers cannot format', () => {
  it('freezing at the largest JavaScript date → 400; at the largest allowed one, onboarding and session tokens work', async () => {
    await fresh()
    for (const freeze of [8.64e15, '+275760-09-13T00:00:00.000Z', '9999-12-31T23:59:59.999Z']) {
      const response = await admin('POST', '/clock', { freeze })
      expect(response.statusCode).toBe(400)
      expect(response.json().error).toEqual({ code: 'VALIDATION_FAILED', message: '/freeze moves the clock outside 1970-01-01T00:00:00.000Z … 9998-01-01T00:00:00.000Z, the dates every consumer can format', path: '/freeze' })
    }
    expect((await admin('POST', '/clock', { advanceMs: 8e15 })).statusCode).toBe(400)
    expect((await admin('POST', '/clock', { freeze: CLOCK_MAX_MS })).json()).toMatchObject({ now: '9998-01-01T00:00:00.000Z', frozen: true })
    const session = await toco(app!, { path: '/partner/onboard/sessions', body: { redirectUri: 'https://partner.example/cb' } })
    expect(session.statusCode, session.body).toBe(200)
    const approved = await app!.inject({ url: `${new URL(session.json().data.onboardUrl).pathname}?autoApprove=1` })
    expect(approved.statusCode).toBe(302)
    const token = await act(app!, 'auth/issue-session-token', { storeId: DEMO.waffoStores.clean, buyerIdentity: 'b@example.com' })
    expect(token.status).toBe(200)
  })
})

describe('fault respond is validated', () => {
  it.each([
    [{ status: 100 }, '/respond/status'],
    [{ status: 101 }, '/respond/status'],
    [{ status: 503, headers: { 'bad name': 'x' } }, '/respond/headers/bad name'],
    [{ status: 503, headers: { 'x-ok': 'a\r\nb' } }, '/respond/headers/x-ok'],
    [{ status: 503, headers: { 'x-ok': '\u2603' } }, '/respond/headers/x-ok'],
    [{ status: 503, headers: { 'Content-Length': '5' } }, '/respond/headers/Content-Length']
  ])('%j → 400 at %s, no rule added', async (respond, path) => {
    await fresh()
    const response = await admin('POST', '/faults', { path: '*', respond })
    expect(response.statusCode).toBe(400)
    expect(response.json().error).toMatchObject({ code: 'VALIDATION_FAILED', path })
    expect((await admin('GET', '/faults')).json()).toEqual({ faults: [] })
  })

  it.each([
    [{ api: 'foo' }, '/api'],
    [{ method: 'FOO' }, '/method']
  ])('a rule that could never apply (%j) → 400 at %s, no rule added; a known API and a method in any case are fine', async (rule, path) => {
    await fresh()
    const response = await admin('POST', '/faults', { path: '*', respond: { status: 503 }, ...rule })
    expect([response.statusCode, response.json().error?.path]).toEqual([400, path])
    expect((await admin('GET', '/faults')).json()).toEqual({ faults: [] })
    expect((await admin('POST', '/faults', { path: '*', respond: { status: 503 }, api: 'waffo', method: 'post' })).statusCode).toBe(201)
  })
})

describe('the journal never shows a credential', () => {
  it('a buyer JWT in an issue-session-token answer is [redacted]', async () => {
    await fresh()
    const issued = await act(app!, 'auth/issue-session-token', { storeId: DEMO.waffoStores.clean, buyerIdentity: 'b@example.com' })
    const token = issued.body.data.token as string
    const { requests } = (await admin('GET', '/requests?limit=1')).json()
    expect(requests[0].responseBody.data.token).toBe('[redacted]')
    expect(JSON.stringify(requests)).not.toContain(token)
  })

  it('a webhook secret, sent and answered, is [redacted] in both bodies', async () => {
    await fresh()
    const added = await act(app!, 'store/add-webhook', { storeId: DEMO.waffoStores.clean, channel: 'http', url: 'https://hooks.example/in', events: ['order.completed'], testMode: true, secret: 'TOPSECRET-webhook-123' })
    expect(added.status).toBe(200)
    const { requests } = (await admin('GET', '/requests?limit=1')).json()
    expect(requests[0].requestBody.secret).toBe('[redacted]')
    expect(JSON.stringify(requests[0].responseBody)).toContain('"secret":"[redacted]"')
    expect(JSON.stringify(requests)).not.toContain('TOPSECRET')
  })

  it('a secret whose name is spelt with an escape, or whose value the body cap cut, is [redacted] too', async () => {
    await fresh()
    const body = `{"storeId":"${DEMO.waffoStores.clean}","channel":"http","url":"https://hooks.example/in","events":["order.completed"],"testMode":true,"secr\\u0065t":"LEAK-ESCAPED-0001"}`
    expect((await waffo(app!, { path: '/v1/actions/store/add-webhook', body })).statusCode).toBe(200)
    // Padding puts the 64 KiB cap (BODY_CAP) inside the secret's value: 20 of its characters are kept.
    const head = `{"storeId":"${DEMO.waffoStores.clean}","channel":"http","url":"https://hooks.example/in2","events":["order.completed"],"testMode":true,`
    const padded = `${head}${' '.repeat(BODY_CAP - head.length - '"secret":"'.length - 20)}"secret":"LEAKTRUNC-abcdefghijklmnopqrstuvwxyz0123456789"}`
    expect((await waffo(app!, { path: '/v1/actions/store/add-webhook', body: padded })).statusCode).toBe(200)
    const { requests } = (await admin('GET', '/requests?limit=2')).json()
    expect(JSON.stringify(requests)).not.toMatch(/LEAK-ESCAPED|LEAKTRUNC/)
  })

  it('with MOCK_DEBUG_SIGNATURES=1 the store token is not in the expected base string the journal shows', async () => {
    await fresh({ debugSignatures: true })
    const response = await toco(app!, { path: '/partner/stores/products/deletions', body: { ids: [] }, store: DEMO.catalogueStore, headers: { 'x-signature': 'f'.repeat(64) } })
    expect(response.statusCode).toBe(401)
    const { requests } = (await admin('GET', '/requests?limit=1')).json()
    const shown = JSON.stringify(requests[0])
    expect(requests[0].auth.reason).toContain('x-store-token:<x-store-token>')
    // The answer's debug base string carried the token itself; the journal's copy does not.
    expect(response.body).toContain(DEMO.catalogueStore.storeToken)
    expect(JSON.stringify(requests[0].responseBody)).toContain('x-store-token:[redacted]')
    expect(shown).not.toContain(DEMO.catalogueStore.storeToken)
  })
})

describe('snapshots are capped (SNAPSHOT_LIMIT)', () => {
  it('count: the third of two is 409; replacing one by name is fine; deleting frees a slot', async () => {
    await fresh({ snapshotLimit: 2 })
    expect((await admin('PUT', '/snapshots/a')).statusCode).toBe(200)
    expect((await admin('PUT', '/snapshots/b')).statusCode).toBe(200)
    expect((await admin('PUT', '/snapshots/a')).statusCode).toBe(200)
    const third = await admin('PUT', '/snapshots/c')
    expect(third.statusCode).toBe(409)
    expect(third.json()).toEqual({ error: { code: 'SNAPSHOT_LIMIT', message: 'At most 2 snapshots are kept (SNAPSHOT_LIMIT); delete one first', path: '/name' } })
    expect((await admin('DELETE', '/snapshots/b')).statusCode).toBe(200)
    expect((await admin('PUT', '/snapshots/c')).statusCode).toBe(200)
  })

  it('bytes: a state larger than SNAPSHOT_LIMIT × 4 MiB is refused', async () => {
    await fresh({ snapshotLimit: 1 })
    for (let batch = 0; batch < 5; batch++) {
      const products = Array.from({ length: 15 }, (_, i) => ({
        id: `PROD_Big${String(batch * 100 + i).padStart(19, '0')}`, storeId: DEMO.waffoStores.clean, type: 'onetime', description: 'd'.repeat(60_000)
      }))
      expect((await admin('POST', '/fixtures?mode=merge', { waffo: { products } })).statusCode).toBe(200)
    }
    const response = await admin('PUT', '/snapshots/big')
    expect(response.statusCode).toBe(409)
    expect(response.json().error.message).toMatch(/^Snapshots may hold 4194304 bytes in all \(SNAPSHOT_LIMIT × 4194304\); this one needs \d+ and 0 are in use; delete one first$/)
    expect((await admin('GET', '/snapshots')).json()).toEqual({ snapshots: [] })
  })
})

describe('the journal is paged (limit, cursor)', () => {
  it('100 by default with nextCursor; the cursor walks older entries; total counts every match', async () => {
    await fresh()
    for (let i = 0; i < 105; i++) await app!.inject({ method: 'POST', url: `/v1/nope-${i}` })
    const first = (await admin('GET', '/requests')).json()
    expect(first.requests).toHaveLength(100)
    expect(first.total).toBe(105)
    expect(first.requests[0].path).toBe('/v1/nope-104')
    expect(first.nextCursor).toMatch(/^\d+$/)
    const second = (await admin('GET', `/requests?cursor=${first.nextCursor}`)).json()
    expect(second.requests.map((entry: { path: string }) => entry.path)).toEqual(['/v1/nope-4', '/v1/nope-3', '/v1/nope-2', '/v1/nope-1', '/v1/nope-0'])
    expect(second.total).toBe(105)
    expect(second.nextCursor).toBeUndefined()
    const small = (await admin('GET', '/requests?limit=2&path=/v1/nope-1*')).json()
    expect(small.requests.map((entry: { path: string }) => entry.path)).toEqual(['/v1/nope-104', '/v1/nope-103'])
    const next = (await admin('GET', `/requests?limit=2&path=/v1/nope-1*&cursor=${small.nextCursor}`)).json()
    expect(next.requests.map((entry: { path: string }) => entry.path)).toEqual(['/v1/nope-102', '/v1/nope-101'])
    expect((await admin('GET', '/requests?limit=5000')).json().requests).toHaveLength(105)
    expect((await admin('GET', '/requests?cursor=abc')).statusCode).toBe(400)
  })
})
