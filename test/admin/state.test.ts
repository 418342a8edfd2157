/**
 * The control plane's state endpoints: per-tenant reset, runtime fixtures, state export and
 * snapshots — bodies and database state asserted.
 */
import Type from 'typebox'
import { describe, expect, it } from 'vitest'
import { firstError } from '../../src/core/state-files/documents.js'
import { DEMO, snapshot, toco, useApp, waffo } from '../helpers.js'
import { startSession } from '../toco/support.js'

const mock = useApp()

const admin = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
  mock.app.inject({ method, url: `/__admin${url}`, ...(payload === undefined ? {} : { payload: payload as object }) })
const row = (sql: string, ...params: unknown[]) => mock.app.mock.db.prepare(sql).get(...params) as Record<string, unknown> | undefined
const tokenRevokedAt = (token: string) => row('SELECT revoked_at FROM toco_store_tokens WHERE token = ?', token)!.revoked_at
const deletedAt = (id: string) => row('SELECT deleted_at FROM toco_products WHERE id = ?', id)!.deleted_at
const storeDeletedAt = (id: string) => row('SELECT deleted_at FROM waffo_stores WHERE id = ?', id)!.deleted_at

describe('POST /__admin/reset, whole', () => {
  it('puts back the rows, removes every fault rule, empties the journal and unfreezes the clock, in one call', async () => {
    await toco(mock.app, { path: `/partner/stores/${DEMO.unbindStore.storeClientId}/unbind` })
    expect((await admin('POST', '/faults', { path: '/v1/*', respond: { status: 503 } })).statusCode).toBe(201)
    expect((await admin('POST', '/clock', { freeze: '2030-01-01T00:00:00.000Z' })).json()).toMatchObject({ frozen: true })

    const response = await admin('POST', '/reset')
    expect(response.json()).toEqual({
      status: 'reset', tenant: null, fixtures: mock.app.mock.fixtures.map((fixture) => fixture.file), cleared: { faults: 1, requests: 1, clock: true }
    })
    expect(tokenRevokedAt(DEMO.unbindStore.storeToken)).toBeNull()
    expect((await admin('GET', '/faults')).json()).toEqual({ faults: [] })
    expect((await admin('GET', '/requests')).json()).toEqual({ requests: [], total: 0 })
    const clock = (await admin('GET', '/clock')).json()
    expect([clock.frozen, clock.offsetMs, Math.abs(clock.nowMs - Date.now()) < 5000]).toEqual([false, 0, true])
    // The rows are written on the real clock, not the frozen 2030 one.
    expect(row('SELECT granted_at FROM toco_store_authorizations WHERE store_client_id = ?', DEMO.unbindStore.storeClientId)!.granted_at).not.toMatch(/^2030/)
    expect((await waffo(mock.app, { body: { id: DEMO.waffoStores.clean } })).statusCode).toBe(200)
  })

  it('a tenant of null is a whole reset, as the answer writes it', async () => {
    await toco(mock.app, { path: `/partner/stores/${DEMO.unbindStore.storeClientId}/unbind` })
    expect((await admin('POST', '/reset', { tenant: null })).json()).toMatchObject({ status: 'reset', tenant: null })
    expect(tokenRevokedAt(DEMO.unbindStore.storeToken)).toBeNull()
  })

  it('keeps what `keep` names', async () => {
    await admin('POST', '/faults', { path: '/nothing', respond: { status: 503 } })
    await admin('POST', '/clock', { offsetMs: 60_000 })
    const response = await admin('POST', '/reset', { keep: ['faults', 'clock'] })
    expect(response.json().cleared).toEqual({ faults: 0, requests: 0, clock: false })
    expect((await admin('GET', '/faults')).json().faults).toHaveLength(1)
    expect((await admin('GET', '/clock')).json().offsetMs).toBe(60_000)
    // An offset clock that is not frozen is cleared too, and said so.
    expect((await admin('POST', '/reset', {})).json().cleared).toEqual({ faults: 1, requests: 0, clock: true })
    expect((await admin('GET', '/clock')).json()).toMatchObject({ frozen: false, offsetMs: 0 })
    const wrong = await admin('POST', '/reset', { keep: ['snapshots'] })
    expect(wrong.statusCode).toBe(400)
    expect(wrong.json().error.code).toBe('VALIDATION_FAILED')
  })
})

describe('POST /__admin/reset with a tenant', () => {
  it('restores one Toco partner and leaves the other partner\'s changed rows changed', async () => {
    await toco(mock.app, { path: `/partner/stores/${DEMO.unbindStore.storeClientId}/unbind` })
    await toco(mock.app, { path: '/partner/stores/products/deletions', body: { ids: [DEMO.products.second.id] }, store: DEMO.catalogueStore })
    await toco(mock.app, { path: `/partner/stores/${DEMO.otherPartnersStore.storeClientId}/unbind`, partner: DEMO.otherPartner })
    await waffo(mock.app, { body: { id: DEMO.waffoStores.clean } })
    expect(tokenRevokedAt(DEMO.otherPartnersStore.storeToken)).not.toBeNull()

    const response = await admin('POST', '/reset', { tenant: DEMO.partner.clientId })
    expect(response.statusCode).toBe(200)
    expect(response.json()).toEqual({
      status: 'reset', tenant: DEMO.partner.clientId, fixtures: mock.app.mock.fixtures.map((fixture) => fixture.file), cleared: { faults: 0, requests: 0, clock: false }
    })
    // The partner's rows are back…
    expect(tokenRevokedAt(DEMO.unbindStore.storeToken)).toBeNull()
    expect(deletedAt(DEMO.products.second.id)).toBeNull()
    expect((await toco(mock.app, { path: `/partner/stores/${DEMO.unbindStore.storeClientId}/unbind` })).statusCode).toBe(200)
    // …the other partner's and the Waffo merchant's changes are not.
    expect(tokenRevokedAt(DEMO.otherPartnersStore.storeToken)).not.toBeNull()
    expect(storeDeletedAt(DEMO.waffoStores.clean)).not.toBeNull()
  })

  it('restores one Toco partner\'s onboard sessions and keeps every other partner\'s session rows', async () => {
    const sessions = () => mock.app.mock.db.prepare('SELECT * FROM toco_onboard_sessions ORDER BY id').all() as Array<Record<string, unknown>>
    const mine = await startSession(mock.app, DEMO.partner)
    const theirs = await startSession(mock.app, DEMO.otherPartner)
    const theirRow = sessions().find((session) => session.id === theirs.sessionId)
    expect(theirRow).toMatchObject({ id: theirs.sessionId, partner_client_id: DEMO.otherPartner.clientId, completed_at: null })

    const response = await admin('POST', '/reset', { tenant: DEMO.partner.clientId })
    expect(response.json()).toMatchObject({ status: 'reset', tenant: DEMO.partner.clientId })
    // The reset partner's session is not in the fixtures, so it is gone; the other partner's row is exactly as it was.
    expect(sessions()).toEqual([theirRow])
    expect(sessions().some((session) => session.id === mine.sessionId)).toBe(false)
  })

  it('restores one Waffo merchant\'s owned stores and leaves other tenants\' rows exactly as they are', async () => {
    await waffo(mock.app, { body: { id: DEMO.waffoStores.clean } })
    await toco(mock.app, { path: `/partner/stores/${DEMO.unbindStore.storeClientId}/unbind` })
    const ticket = (await admin('POST', '/waffo/kyb-tickets', { storeId: DEMO.waffoStores.ownerIsAdmin })).json()
    const others = () => {
      const state = snapshot(mock.app)
      return { toco: [state.toco_stores, state.toco_store_tokens, state.toco_store_authorizations], ticket: row('SELECT * FROM waffo_kyb_tickets WHERE id = ?', ticket.id) }
    }
    const before = others()

    const response = await admin('POST', '/reset', { tenant: DEMO.owner.id })
    expect(response.json()).toMatchObject({ status: 'reset', tenant: DEMO.owner.id })
    expect(storeDeletedAt(DEMO.waffoStores.clean)).toBeNull()
    // A ticket on a store the owner merchant does not own survives, as does every Toco row.
    expect(others()).toEqual(before)
    expect((await waffo(mock.app, { body: { id: DEMO.waffoStores.clean } })).statusCode).toBe(200)
  })

  it('an unknown tenant → 404 with its path, nothing changed', async () => {
    const before = snapshot(mock.app)
    const response = await admin('POST', '/reset', { tenant: 'ptnr_nobody' })
    expect(response.statusCode).toBe(404)
    expect(response.json()).toEqual({ error: { code: 'UNKNOWN_TENANT', message: 'No partner or merchant "ptnr_nobody" in the state or the fixtures', path: '/tenant' } })
    expect(snapshot(mock.app)).toEqual(before)
  })

  it('a body with another key → 400 naming it', async () => {
    const response = await admin('POST', '/reset', { tennant: 'x' })
    expect(response.statusCode).toBe(400)
    expect(response.json()).toEqual({ error: { code: 'VALIDATION_FAILED', message: '/tennant is not allowed', path: '/tennant' } })
  })
})

const scenario = {
  toco: {
    partners: [{ clientId: 'ptnr_suite', secretKey: 'suite-secret' }],
    stores: [{ storeClientId: 'str_suite', partnerClientId: 'ptnr_suite' }],
    products: [{ id: 'prd-suite-1', storeClientId: 'str_suite', externalId: 'ext-1' }]
  }
}

describe('POST /__admin/fixtures', () => {
  it('merge adds the document\'s rows and answers counts per table; a reset keeps them', async () => {
    const response = await admin('POST', '/fixtures', scenario)
    expect(response.statusCode).toBe(200)
    expect(response.json()).toMatchObject({ mode: 'merge', fixture: 'admin:merge:1' })
    expect(response.json().counts).toMatchObject({ toco_partners: 1, toco_stores: 1, toco_store_tokens: 1, toco_products: 1, waffo_stores: 0 })
    expect(row('SELECT count(*) AS n FROM toco_partners')!.n).toBe(3)
    await toco(mock.app, { path: '/partner/stores/products/deletions', body: { ids: ['prd-suite-1'] }, partner: { clientId: 'ptnr_suite', secretKey: 'suite-secret' }, store: { storeClientId: 'str_suite', storeToken: row('SELECT token FROM toco_store_tokens WHERE store_client_id = ?', 'str_suite')!.token as string } })
    expect(deletedAt('prd-suite-1')).not.toBeNull()
    const reset = await admin('POST', '/reset')
    expect(reset.json().fixtures).toEqual([...mock.app.mock.fixtures.slice(0, -1).map((fixture) => fixture.file), 'admin:merge:1'])
    expect(deletedAt('prd-suite-1')).toBeNull()
  })

  it('a merged document that no longer loads (orders of a store made through the API) is skipped by a reset, answered and left out of the baseline', async () => {
    const created = await waffo(mock.app, { path: '/v1/actions/store/create-store', body: { name: 'Made by the SDK' } })
    const storeId = created.json().data.store.id as string
    const orders = { waffo: { orders: [{ id: 'ORD_Merged0000000000000001', storeId, type: 'onetime', status: 'pending' }] } }
    expect((await admin('POST', '/fixtures?mode=merge', orders)).statusCode).toBe(200)
    expect((await admin('POST', '/fixtures?mode=merge', scenario)).statusCode).toBe(200)
    const baseline = mock.app.mock.fixtures.slice(0, -2).map((fixture) => fixture.file)

    const reset = await admin('POST', '/reset')
    expect(reset.statusCode).toBe(200)
    expect(reset.json()).toEqual({
      status: 'reset',
      tenant: null,
      fixtures: [...baseline, 'admin:merge:2'],
      skipped: [{ fixture: 'admin:merge:1', path: '/waffo/orders/0/storeId', reason: `unknown store "${storeId}" (declare it under waffo.stores)` }],
      cleared: { faults: 0, requests: 1, clock: false }
    })
    // The other merged document is back, the skipped one's rows are not, and it is no longer tried.
    expect(row('SELECT count(*) AS n FROM toco_partners WHERE client_id = ?', 'ptnr_suite')!.n).toBe(1)
    expect(row('SELECT count(*) AS n FROM waffo_orders WHERE id = ?', 'ORD_Merged0000000000000001')!.n).toBe(0)
    expect((await admin('POST', '/reset')).json()).toEqual(expect.not.objectContaining({ skipped: expect.anything() }))
  })

  it('merge with an id that exists refuses the whole document with 409 naming its path; nothing changed', async () => {
    const before = snapshot(mock.app)
    const clash = { toco: { ...scenario.toco, products: [...scenario.toco.products, { id: DEMO.products.second.id, storeClientId: 'str_suite', externalId: 'x' }] } }
    const response = await admin('POST', '/fixtures?mode=merge', clash)
    expect(response.statusCode).toBe(409)
    expect(response.json()).toEqual({ error: { code: 'FIXTURE_CONFLICT', message: '/toco/products/1: duplicate: this id (or value) is already loaded', path: '/toco/products/1' } })
    expect(snapshot(mock.app)).toEqual(before)
    // A refused document takes no number: the next one loaded is the first.
    expect((await admin('POST', '/fixtures', scenario)).json().fixture).toBe('admin:merge:1')
  })

  it('a bad document → 400 with path and reason; nothing changed', async () => {
    const before = snapshot(mock.app)
    const response = await admin('POST', '/fixtures?mode=replace', { toco: { stores: [{ storeClientId: 'str_x', partnerClientId: 'ptnr_ghost' }] } })
    expect(response.statusCode).toBe(400)
    expect(response.json()).toEqual({ error: { code: 'FIXTURE_INVALID', message: '/toco/stores/0/partnerClientId: unknown partner "ptnr_ghost" (declare it under toco.partners)', path: '/toco/stores/0/partnerClientId' } })
    const schemaError = await admin('POST', '/fixtures', { waffo: { merchants: [{ id: 'MER_x' }] } })
    expect(schemaError.json()).toEqual({ error: { code: 'FIXTURE_INVALID', message: '/waffo/merchants/0/publicKeys: is required', path: '/waffo/merchants/0/publicKeys' } })
    expect(snapshot(mock.app)).toEqual(before)
  })

  it('a document with many bad rows names the first one, reading only it (TypeBox\'s Errors lists them all: 4 MB took 800 MB)', async () => {
    let reads = 0
    const rows = new Proxy(new Array(200_000).fill(1), { get (target, key, receiver) { if (typeof key === 'string' && /^\d+$/.test(key)) reads++; return Reflect.get(target, key, receiver) } })
    const first = firstError(Type.Object({ partners: Type.Array(Type.Object({ clientId: Type.String() })) }), { partners: rows })
    expect([first?.instancePath, first?.message]).toEqual(['/partners/0', 'must be object'])
    expect(reads).toBeLessThan(10)
    const keys = Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`k${i}`, i]))
    const unknown = await mock.app.inject({ method: 'POST', url: '/__admin/fixtures', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ toco: { partners: [{ clientId: 'ptnr_many', secretKey: 's', ...keys }] } }) })
    expect(unknown.json().error).toEqual({ code: 'FIXTURE_INVALID', message: '/toco/partners/0/k0: is not a known key (misspelt?)', path: '/toco/partners/0/k0' })
  })

  it('replace wipes and loads; later resets restore the replaced set', async () => {
    const response = await admin('POST', '/fixtures?mode=replace', scenario)
    expect(response.json()).toEqual({
      mode: 'replace',
      fixture: 'admin:replace:1',
      counts: expect.objectContaining({ toco_partners: 1, toco_products: 1, waffo_merchants: 0, waffo_stores: 0 })
    })
    expect(row('SELECT count(*) AS n FROM waffo_stores')!.n).toBe(0)
    const reset = await admin('POST', '/reset')
    expect(reset.json()).toMatchObject({ status: 'reset', tenant: null, fixtures: ['admin:replace:1'] })
    expect(snapshot(mock.app).toco_partners).toEqual([expect.objectContaining({ client_id: 'ptnr_suite' })])
  })
})

describe('GET /__admin/state', () => {
  it('exports deleted rows, revoked tokens and timestamps; replace with it, export again → byte-identical', async () => {
    await toco(mock.app, { path: `/partner/stores/${DEMO.unbindStore.storeClientId}/unbind` })
    await toco(mock.app, { path: '/partner/stores/products/deletions', body: { ids: [DEMO.products.second.id] }, store: DEMO.catalogueStore })
    await waffo(mock.app, { body: { id: DEMO.waffoStores.clean } })
    const exported = await admin('GET', '/state')
    expect(exported.statusCode).toBe(200)
    expect(exported.headers['content-type']).toMatch(/^application\/json/)
    const doc = exported.json()
    const unbound = doc.toco.stores.find((store: { storeClientId: string }) => store.storeClientId === DEMO.unbindStore.storeClientId)
    expect(unbound).toMatchObject({ status: 'unbound', tokens: [{ token: DEMO.unbindStore.storeToken, revokedAt: expect.any(String) }] })
    expect(doc.toco.products.find((product: { id: string }) => product.id === DEMO.products.second.id).deletedAt).toEqual(expect.any(String))
    expect(doc.waffo.stores.find((store: { id: string }) => store.id === DEMO.waffoStores.clean).deletedAt).toEqual(expect.any(String))

    const rows = snapshot(mock.app)
    const replaced = await admin('POST', '/fixtures?mode=replace', doc)
    expect(replaced.statusCode).toBe(200)
    expect((await admin('GET', '/state')).body).toBe(exported.body)
    expect(snapshot(mock.app)).toEqual(rows)
  })
})

describe('snapshots', () => {
  it('PUT saves, GET lists, restore brings the state back, DELETE forgets', async () => {
    mock.app.mock.clock.freeze(Date.parse('2026-03-01T10:00:00.000Z'))
    const saved = await admin('PUT', '/snapshots/before-unbind')
    expect(saved.json()).toEqual({ name: 'before-unbind', createdAt: '2026-03-01T10:00:00.000Z' })
    const rows = snapshot(mock.app)
    await toco(mock.app, { path: `/partner/stores/${DEMO.unbindStore.storeClientId}/unbind` })
    expect(snapshot(mock.app)).not.toEqual(rows)
    expect((await admin('GET', '/snapshots')).json()).toEqual({ snapshots: [{ name: 'before-unbind', createdAt: '2026-03-01T10:00:00.000Z' }] })

    const restored = await admin('POST', '/snapshots/before-unbind/restore')
    expect(restored.json()).toMatchObject({ status: 'restored', name: 'before-unbind', counts: expect.objectContaining({ toco_stores: 5 }) })
    expect(snapshot(mock.app)).toEqual(rows)
    expect((await admin('DELETE', '/snapshots/before-unbind')).json()).toEqual({ deleted: 'before-unbind' })
    const gone = await admin('POST', '/snapshots/before-unbind/restore')
    expect(gone.statusCode).toBe(404)
    expect(gone.json()).toEqual({ error: { code: 'UNKNOWN_SNAPSHOT', message: 'No snapshot "before-unbind"', path: '/name' } })
  })

  it('a name of dots alone is refused (clients resolve . and .. away, so it could never be restored); dots inside a name are fine', async () => {
    for (const name of ['%2E', '...', '....']) {
      const refused = await admin('PUT', `/snapshots/${name}`)
      expect(refused.statusCode, name).toBe(400)
      expect(refused.json().error).toMatchObject({ code: 'VALIDATION_FAILED', path: '/name' })
    }
    expect((await admin('PUT', '/snapshots/v1.2..3')).json()).toMatchObject({ name: 'v1.2..3' })
    expect((await admin('GET', '/snapshots')).json().snapshots.map((snapshot: { name: string }) => snapshot.name)).toEqual(['v1.2..3'])
  })
})

describe('/__admin/waffo: KYB tickets and sender bindings', () => {
  it('walks pending_tickets and the bindings categories of a store from 409 to 200', async () => {
    const storeId = DEMO.waffoStores.clean
    const ticket = await admin('POST', '/waffo/kyb-tickets', { storeId })
    expect(ticket.statusCode).toBe(201)
    expect(ticket.json()).toEqual({ id: expect.stringMatching(/^TKT_[0-9A-Za-z]{22}$/), storeId, status: 'pending', createdAt: expect.any(String), updatedAt: expect.any(String) })
    const email = (await admin('POST', '/waffo/bindings', { storeId, kind: 'email', value: 'support@example.com' })).json()
    const domain = (await admin('POST', '/waffo/bindings', { storeId, kind: 'domain', value: 'example.com' })).json()
    expect(email).toEqual({ id: expect.any(Number), storeId, kind: 'email', value: 'support@example.com', createdAt: expect.any(String) })
    const duplicate = await admin('POST', '/waffo/bindings', { storeId, kind: 'domain', value: 'example.com' })
    expect(duplicate.statusCode).toBe(409)

    const blocked = await waffo(mock.app, { body: { id: storeId } })
    expect(blocked.statusCode).toBe(409)
    expect(blocked.json().errors.map((error: { reason: string }) => error.reason)).toEqual(['pending_tickets', 'bound_emails', 'bound_domains'])
    expect((await admin('GET', `/waffo/kyb-tickets?storeId=${storeId}`)).json()).toEqual({ tickets: [ticket.json()] })
    expect((await admin('GET', `/waffo/bindings?storeId=${storeId}`)).json()).toEqual({ bindings: [email, domain] })

    const resolved = await admin('POST', `/waffo/kyb-tickets/${ticket.json().id}/resolve`, { status: 'succeeded' })
    expect(resolved.json()).toMatchObject({ id: ticket.json().id, status: 'succeeded' })
    expect((await admin('DELETE', `/waffo/bindings/${email.id}`)).json()).toEqual(email)
    expect((await waffo(mock.app, { body: { id: storeId } })).json().errors.map((error: { reason: string }) => error.reason)).toEqual(['bound_domains'])
    await admin('DELETE', `/waffo/bindings/${domain.id}`)
    const deleted = await waffo(mock.app, { body: { id: storeId } })
    expect(deleted.statusCode).toBe(200)
    expect(storeDeletedAt(storeId)).not.toBeNull()
  })

  it('lists fixture rows with their ids, and refuses unknown stores, tickets and bindings', async () => {
    const listed = (await admin('GET', `/waffo/kyb-tickets?storeId=${DEMO.waffoStores.blockedEverywhere}`)).json()
    expect(listed.tickets.map((ticket: { id: string }) => ticket.id)).toEqual(['TKT_EveryKybPending0000000', 'TKT_EveryKybSucceeded00000'])
    expect((await admin('GET', '/waffo/bindings')).json().bindings.length).toBe(3)
    const noStore = await admin('POST', '/waffo/kyb-tickets', { storeId: DEMO.waffoStores.deleted })
    expect(noStore.statusCode).toBe(404)
    expect(noStore.json()).toEqual({ error: { code: 'UNKNOWN_STORE', message: `No live Waffo store "${DEMO.waffoStores.deleted}"`, path: '/storeId' } })
    expect((await admin('POST', '/waffo/kyb-tickets/TKT_nope/resolve', { status: 'rejected' })).statusCode).toBe(404)
    expect((await admin('POST', '/waffo/kyb-tickets/TKT_EveryKybPending0000000/resolve', { status: 'pending' })).statusCode).toBe(400)
    expect((await admin('DELETE', '/waffo/bindings/999')).json()).toEqual({ error: { code: 'UNKNOWN_BINDING', message: 'No sender binding 999', path: '/id' } })
  })
})

describe('an export larger than any API body loads back', () => {
  it('12,000 products (over 1 MiB, an array past the 10,000 of API bodies): replace → 200, the same export again; other admin bodies keep 1 MiB, 413 in the control plane\'s shape', async () => {
    const state = (await admin('GET', '/state')).json()
    const [first] = state.toco.products as Array<Record<string, unknown>>
    const many = Array.from({ length: 12_000 }, (_, i) => ({ ...first, id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, externalId: `bulk-${i}`, sku: `BULK-${i}`, warehouses: undefined }))
    state.toco.products.push(...many.map((product) => JSON.parse(JSON.stringify(product))))
    const body = JSON.stringify(state)
    expect(body.length).toBeGreaterThan(1_048_576)
    const replaced = await mock.app.inject({ method: 'POST', url: '/__admin/fixtures?mode=replace', headers: { 'content-type': 'application/json' }, payload: body })
    expect(replaced.statusCode, replaced.body.slice(0, 300)).toBe(200)
    expect(replaced.json().counts.toco_products).toBe(state.toco.products.length)
    const again = (await admin('GET', '/state')).json()
    expect(again.toco.products).toHaveLength(state.toco.products.length)
    const twice = await mock.app.inject({ method: 'POST', url: '/__admin/fixtures?mode=replace', headers: { 'content-type': 'application/json' }, payload: JSON.stringify(again) })
    expect(twice.statusCode).toBe(200)

    // Other admin routes and the APIs keep their limits.
    const big = await mock.app.inject({ method: 'POST', url: '/__admin/faults', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ path: 'x'.repeat(1_100_000) }) })
    expect([big.statusCode, big.json()]).toEqual([413, { error: { code: 'PAYLOAD_TOO_LARGE', message: 'Request body is too large' } }])
    const ids = Array.from({ length: 10_001 }, (_, i) => `id-${i}`)
    const api = await toco(mock.app, { path: '/partner/stores/products/deletions', body: { ids }, store: DEMO.catalogueStore })
    expect(api.statusCode).toBe(400)
  })
})

describe('GET /__admin/state and its ETag', () => {
  it('304 for If-None-Match of the current tag; any write (an API call, the control plane) moves it; a reset too', async () => {
    const first = await admin('GET', '/state')
    const tag = first.headers.etag as string
    expect(tag).toMatch(/^"[0-9a-f-]{36}-\d+"$/)
    const again = await mock.app.inject({ method: 'GET', url: '/__admin/state', headers: { 'if-none-match': tag } })
    expect([again.statusCode, again.body, again.headers.etag]).toEqual([304, '', tag])
    // RFC 9110: a list of tags, compared weakly, or *; another tag is a full answer.
    for (const header of [`"x", W/${tag}`, ` ${tag} ,"y"`, '*']) {
      expect((await mock.app.inject({ method: 'GET', url: '/__admin/state', headers: { 'if-none-match': header } })).statusCode, header).toBe(304)
    }
    for (const header of ['"x"', tag.slice(1, -1), `${tag}x`, '']) {
      expect((await mock.app.inject({ method: 'GET', url: '/__admin/state', headers: { 'if-none-match': header } })).statusCode, header).toBe(200)
    }
    await admin('POST', '/waffo/kyb-tickets', { storeId: DEMO.waffoStores.clean })
    const moved = await mock.app.inject({ method: 'GET', url: '/__admin/state', headers: { 'if-none-match': tag } })
    expect(moved.statusCode).toBe(200)
    expect(moved.json().waffo.kybTickets.some((ticket: { storeId: string }) => ticket.storeId === DEMO.waffoStores.clean)).toBe(true)
    const after = moved.headers.etag as string
    expect(after).not.toBe(tag)
    await admin('POST', '/reset')
    expect((await mock.app.inject({ method: 'GET', url: '/__admin/state', headers: { 'if-none-match': after } })).statusCode).toBe(200)
  })
})
