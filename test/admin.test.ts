/** The minimal control plane: health and reset (DESIGN §7), optionally token-guarded. */
import { afterEach, describe, expect, it } from 'vitest'
import type { App } from '../src/app.js'
import { createApp, DEMO, snapshot, toco, waffo } from './helpers.js'

let app: App
afterEach(async () => { await app.close() })

describe('/__admin', () => {
  it('GET /health answers 200 once the app is ready', async () => {
    app = await createApp()
    const response = await app.inject({ method: 'GET', url: '/__admin/health' })
    expect(response.statusCode).toBe(200)
    expect(response.json()).toEqual({ status: 'ok' })
  })

  it('POST /reset wipes what the APIs changed and reloads the configured fixtures', async () => {
    app = await createApp()
    const pristine = snapshot(app)
    await toco(app, { path: `/partner/stores/${DEMO.unbindStore.storeClientId}/unbind` })
    await toco(app, { path: '/partner/stores/products/deletions', body: { ids: [DEMO.products.second.id] }, store: DEMO.catalogueStore })
    await waffo(app, { body: { id: DEMO.waffoStores.clean } })
    app.mock.db.prepare("INSERT INTO waffo_sender_bindings (store_id, kind, value, created_at) VALUES ('STO_2aUyqjCzEIiEcYMKj7TZtw', 'email', 'x@example.com', 'x')").run()
    expect(snapshot(app)).not.toEqual(pristine)

    const response = await app.inject({ method: 'POST', url: '/__admin/reset' })
    expect(response.statusCode).toBe(200)
    expect(response.json()).toEqual({ status: 'reset', tenant: null, fixtures: app.mock.fixtures.map((fixture) => fixture.file) })
    const asJson = await app.inject({ method: 'POST', url: '/__admin/reset', headers: { 'content-type': 'application/json' } })
    expect(asJson.statusCode).toBe(200)
    const after = snapshot(app)
    // Timestamps of the reload differ; everything else is as it was.
    const withoutTimes = (state: Record<string, unknown[]>) => JSON.stringify(state).replace(/"\d{4}-\d\d-\d\dT[\d:.]+Z"/g, '"T"')
    expect(withoutTimes(after)).toBe(withoutTimes(pristine))
    expect((await toco(app, { path: `/partner/stores/${DEMO.unbindStore.storeClientId}/unbind` })).statusCode).toBe(200)
  })

  describe('with ADMIN_TOKEN', () => {
    it('refuses reset without the token and accepts only `Authorization: Bearer` (constant time: admin-token.test.ts)', async () => {
      app = await createApp({ adminToken: 'let-me-in' })
      const refused = await app.inject({ method: 'POST', url: '/__admin/reset' })
      expect(refused.statusCode).toBe(401)
      expect(refused.json()).toEqual({ error: { code: 'ADMIN_UNAUTHORIZED', message: 'Missing or invalid admin token' } })
      expect((await app.inject({ method: 'POST', url: '/__admin/reset', headers: { authorization: 'Bearer nope' } })).statusCode).toBe(401)
      expect((await app.inject({ method: 'POST', url: '/__admin/reset', headers: { authorization: 'Bearer let-me-in' } })).statusCode).toBe(200)
      const legacy = await app.inject({ method: 'POST', url: '/__admin/reset', headers: { 'x-admin-token': 'let-me-in' } })
      expect(legacy.statusCode).toBe(401)
    })

    it('keeps health open for container probes', async () => {
      app = await createApp({ adminToken: 'let-me-in' })
      expect((await app.inject({ method: 'GET', url: '/__admin/health' })).statusCode).toBe(200)
    })
  })
})
