/**
 * The route table's contract: every route declares its auth (a scope of its API, or public with
 * a reason), has a response schema for its success status, and — unless public — refuses an
 * unsigned request with its API's own 401 envelope. A route added without any of these fails here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { APIS, apiFor } from '../src/apis/index.js'
import { TOCO_SCOPES } from '../src/apis/toco/auth.js'
import { WAFFO_SCOPES } from '../src/apis/waffo/auth.js'
import { WAFFO_ROUTE_LIST } from '../src/apis/waffo/routes/table.js'
import type { App } from '../src/app.js'
import type { Verdict } from '../src/core/auth.js'
import { createApp, toco, waffo, DEMO } from './helpers.js'

let app: App
const verdicts = new Map<string, Verdict | undefined>()
beforeAll(async () => {
  app = await createApp({ adminToken: 'contract-token' })
  app.addHook('onResponse', async (request) => { verdicts.set(request.id, request.verdict) })
  await app.ready()
})
afterAll(async () => { await app.close() })

const SCOPES: Record<string, readonly string[]> = { toco: TOCO_SCOPES, waffo: WAFFO_SCOPES, admin: ['admin'] }
const UNSIGNED_REFUSAL: Record<string, (body: unknown) => void> = {
  toco: (body) => expect(body).toMatchObject({ success: false, error: { code: 'AUTH_001', message: 'Missing authentication headers' } }),
  waffo: (body) => expect(body).toEqual({ data: null, errors: [{ message: 'Missing authentication', layer: 'user' }] }),
  admin: (body) => expect(body).toEqual({ error: { code: 'ADMIN_UNAUTHORIZED', message: 'Missing or invalid admin token' } })
}

/** Routes as registered, with the module that owns each (HEAD twins of GET routes share their declaration). */
const table = () => app.mock.routes.map((route) => ({ ...route, owner: apiFor(route.url)?.name ?? 'admin' }))
const concrete = (url: string) => url.replace(/:[^/]+/g, 'x').replace(/\*$/, 'x')

describe('the route table', () => {
  it('holds every API\'s routes and the admin API', () => {
    const owners = new Set(table().map((route) => route.owner))
    expect([...owners].sort()).toEqual([...APIS.map((api) => api.name), 'admin'].sort())
  })

  it('every route declares its auth: a scope of its API, or public with a reason', () => {
    for (const route of table()) {
      const declared = route.public ? 'public' : route.auth
      expect(declared, `${route.method} ${route.url} declares no auth`).toBeDefined()
      if (!route.public) expect(SCOPES[route.owner], `${route.method} ${route.url}`).toContain(route.auth)
      else expect(route.public.length, `${route.method} ${route.url}: say why it is public`).toBeGreaterThan(10)
    }
  })

  it('every route has a response schema for its success status', () => {
    for (const route of table()) {
      expect(route.responses.some((status) => /^[23]\d\d$/.test(status)), `${route.method} ${route.url} has no success response schema`).toBe(true)
    }
  })

  it('every API route that takes a body declares its schema', () => {
    // Unbind is a POST whose documented request has no body.
    const BODILESS = ['POST /api/v1/partner/stores/:storeId/unbind']
    const withBody = table().filter((route) => route.owner !== 'admin' && ['POST', 'PATCH', 'PUT'].includes(route.method) && !route.public &&
      !BODILESS.includes(`${route.method} ${route.url}`))
    expect(withBody.length).toBeGreaterThan(20)
    for (const route of withBody) expect(route.body, `${route.method} ${route.url} has no body schema`).toBe(true)
  })

  it('every Waffo route is declared in its table, and registered from it', () => {
    const declared = WAFFO_ROUTE_LIST.map((route) => `${route.method} /v1${route.url}`).sort()
    const registered = table().filter((route) => route.owner === 'waffo' && route.method !== 'HEAD').map((route) => `${route.method} ${route.url}`).sort()
    expect(registered).toEqual(declared)
  })

  it('every non-public route refuses an unsigned request with its API\'s 401 envelope, recording why', async () => {
    const guarded = table().filter((route) => !route.public && route.method !== 'HEAD')
    expect(guarded.length).toBeGreaterThan(2)
    for (const route of guarded) {
      const response = await app.inject({ method: route.method as 'GET', url: concrete(route.url), headers: { 'content-type': 'application/json' }, payload: route.method === 'GET' ? undefined : '{}' })
      expect(response.statusCode, `${route.method} ${route.url}`).toBe(401)
      UNSIGNED_REFUSAL[route.owner]!(response.json())
      if (route.owner !== 'admin') {
        expect([...verdicts.values()].at(-1)).toMatchObject({ outcome: 'refused', code: expect.any(String), reason: expect.stringContaining('missing') })
      }
    }
  })
})

describe('recorded verdicts', () => {
  const last = () => [...verdicts.values()].at(-1)

  it('an accepted Toco call is ok, with who it authenticated as', async () => {
    await toco(app, { path: `/partner/stores/${DEMO.unbindStore.storeClientId}/unbind` })
    expect(last()).toEqual({ outcome: 'ok', code: null, reason: `partner ${DEMO.partner.clientId} signature verified` })
  })

  it('a Toco signature mismatch records the expected base string, the store token replaced', async () => {
    const now = app.mock.clock.now()
    await toco(app, { path: '/partner/stores/products/deletions', body: { ids: ['a'] }, store: DEMO.catalogueStore, timestamp: now, partner: { ...DEMO.partner, secretKey: 'not-the-secret' } })
    const mismatch = last()!
    expect(mismatch.outcome).toBe('refused')
    expect(mismatch.code).toBe('AUTH_004')
    expect(mismatch.reason).toContain([
      'POST', '/partner/stores/products/deletions', `x-partner-client-id:${DEMO.partner.clientId}`,
      `x-store-client-id:${DEMO.catalogueStore.storeClientId}`, 'x-store-token:<x-store-token>', `x-timestamp:${now}`
    ].join('\n'))
    expect(mismatch.reason).not.toContain(DEMO.catalogueStore.storeToken)
    expect(mismatch.reason).not.toContain(DEMO.partner.secretKey)
  })

  it('an expired Toco timestamp says by how much, on the mock\'s clock', async () => {
    await toco(app, { path: `/partner/stores/${DEMO.unbindStore.storeClientId}/unbind`, timestamp: app.mock.clock.now() - 301_000 })
    expect(last()).toMatchObject({ outcome: 'refused', code: 'AUTH_003', reason: expect.stringMatching(/^x-timestamp is 301 s in the past; the window is ±300 s/) })
  })

  it('a Waffo refusal and acceptance are recorded too', async () => {
    await waffo(app, { body: { id: DEMO.waffoStores.clean }, merchant: { id: DEMO.owner.id, privateKeyPem: DEMO.outsider.privateKeyPem } })
    expect(last()).toMatchObject({ outcome: 'refused', code: 'SIGNATURE_MISMATCH', reason: expect.stringContaining('POST\n/v1/actions/store/delete-store\n') })
    await waffo(app, { body: { id: DEMO.waffoStores.clean } })
    expect(last()).toEqual({ outcome: 'ok', code: null, reason: `merchant ${DEMO.owner.id} signature verified with a test key` })
  })
})
