/** The minimal control plane: health and reset (DESIGN §7), optionally token-guarded. */
import { describe, expect, it } from 'vitest'
import type { App } from '../src/app.js'
import { DEMO, snapshot, toco, useApp, waffo } from './helpers.js'

const UNAUTHORIZED = { error: { code: 'ADMIN_UNAUTHORIZED', message: 'Missing or invalid admin token' } }
/** Timestamps written by a reload differ; everything else must be as it was. */
const withoutTimes = (state: Record<string, unknown[]>) => JSON.stringify(state).replace(/"\d{4}-\d\d-\d\dT[\d:.]+Z"/g, '"T"')

/** Changes rows in both APIs (and one the APIs cannot reach), so a reset has something to undo. */
async function changeEverything (app: App) {
  await toco(app, { path: `/partner/stores/${DEMO.unbindStore.storeClientId}/unbind` })
  await toco(app, { path: '/partner/stores/products/deletions', body: { ids: [DEMO.products.second.id] }, store: DEMO.catalogueStore })
  await waffo(app, { body: { id: DEMO.waffoStores.clean } })
  app.mock.db.prepare("INSERT INTO waffo_sender_bindings (store_id, kind, value, created_at) VALUES ('STO_2aUyqjCzEIiEcYMKj7TZtw', 'email', 'x@example.com', 'x')").run()
}

describe('/__admin', () => {
  const mock = useApp()

  it('GET /health answers 200 once the app is ready', async () => {
    const response = await mock.app.inject({ method: 'GET', url: '/__admin/health' })
    expect(response.statusCode).toBe(200)
    expect(response.json()).toEqual({ status: 'ok' })
  })

  it('an unknown control-plane path is a 404 in the control plane\'s own shape', async () => {
    for (const [method, url, path] of [['GET', '/__admin/nothing', '/__admin/nothing'], ['GET', '/__admin//', '/__admin//'], ['DELETE', '/__admin/health?x=1', '/__admin/health']] as const) {
      const response = await mock.app.inject({ method, url })
      expect(response.statusCode, url).toBe(404)
      expect(response.json()).toEqual({ error: { code: 'NOT_FOUND', message: `No control-plane route ${method} ${path} (README: "Control plane")` } })
    }
  })

  it('POST /reset wipes what the APIs changed and reloads the configured fixtures', async () => {
    const { app } = mock
    const pristine = snapshot(app)
    await changeEverything(app)
    expect(snapshot(app)).not.toEqual(pristine)

    const response = await app.inject({ method: 'POST', url: '/__admin/reset' })
    expect(response.statusCode).toBe(200)
    expect(response.json()).toMatchObject({ status: 'reset', tenant: null, fixtures: app.mock.fixtures.map((fixture) => fixture.file) })
    expect(response.json().cleared).toEqual({ faults: 0, requests: expect.any(Number), clock: false })
    expect(withoutTimes(snapshot(app))).toBe(withoutTimes(pristine))

    // The store unbound before the reset is bound again: unbinding it works a second time.
    const again = await toco(app, { path: `/partner/stores/${DEMO.unbindStore.storeClientId}/unbind` })
    expect(again.statusCode).toBe(200)
    expect(again.json().data).toEqual({ storeClientId: DEMO.unbindStore.storeClientId, status: 'unbound' })
  })

  it('POST /reset with `Content-Type: application/json` and no body resets too (what test suites send)', async () => {
    const { app } = mock
    const pristine = snapshot(app)
    await changeEverything(app)
    const response = await app.inject({ method: 'POST', url: '/__admin/reset', headers: { 'content-type': 'application/json' } })
    expect(response.statusCode).toBe(200)
    expect(response.json()).toMatchObject({ status: 'reset', tenant: null, fixtures: app.mock.fixtures.map((fixture) => fixture.file) })
    expect(withoutTimes(snapshot(app))).toBe(withoutTimes(pristine))
  })
})

describe('/__admin with ADMIN_TOKEN', () => {
  const mock = useApp({ adminToken: 'let-me-in' })
  const reset = (headers: Record<string, string> = {}) => mock.app.inject({ method: 'POST', url: '/__admin/reset', headers })

  it.each([
    ['no token', {}],
    ['a wrong bearer token', { authorization: 'Bearer nope' }],
    ['the right token in another scheme', { authorization: 'Basic let-me-in' }],
    ['the right token without the Bearer scheme', { authorization: 'let-me-in' }],
    ['the right token in x-admin-token', { 'x-admin-token': 'let-me-in' }]
  ])('refuses reset with %s, and resets nothing (constant time: admin-token.test.ts)', async (_name, headers) => {
    await changeEverything(mock.app)
    const changed = snapshot(mock.app)
    const refused = await reset(headers)
    expect(refused.statusCode).toBe(401)
    expect(refused.json()).toEqual(UNAUTHORIZED)
    expect(snapshot(mock.app)).toEqual(changed)
  })

  it('resets with `Authorization: Bearer <token>`', async () => {
    const pristine = snapshot(mock.app)
    await changeEverything(mock.app)
    const accepted = await reset({ authorization: 'Bearer let-me-in' })
    expect(accepted.statusCode).toBe(200)
    expect(accepted.json()).toMatchObject({ status: 'reset', tenant: null })
    expect(withoutTimes(snapshot(mock.app))).toBe(withoutTimes(pristine))
  })

  it('keeps health open for container probes', async () => {
    const response = await mock.app.inject({ method: 'GET', url: '/__admin/health' })
    expect(response.statusCode).toBe(200)
    expect(response.json()).toEqual({ status: 'ok' })
  })
})
