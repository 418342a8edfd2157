/**
 * AUTH_CLOCK: signed timestamps pass within the window of the mock clock or (either, the default)
 * the wall clock, so a client signing with the real time survives time travel; `mock` keeps the
 * mock clock alone. The mock clock is frozen years away from the wall clock, so no assertion
 * depends on where the real second boundary falls.
 */
import { describe, expect, it } from 'vitest'
import { appForTest, DEMO, toco, waffo } from './helpers.js'

const FAR = Date.parse('2031-05-01T00:00:00.000Z')
const PRODUCTS = '/partner/stores/products'
const GRAPHQL = { path: '/v1/graphql', body: { query: '{ stores { id } }' } }

async function farApp (authClock?: 'either' | 'mock') {
  const app = await appForTest(authClock === undefined ? {} : { authClock })
  app.mock.clock.freeze(FAR)
  return app
}

describe('AUTH_CLOCK=either (default)', () => {
  it('accepts requests signed with the wall clock after the mock clock moved, and those signed with the mock clock', async () => {
    const app = await farApp()
    const tocoWall = await toco(app, { method: 'GET', path: PRODUCTS, store: DEMO.catalogueStore, timestamp: Date.now() })
    expect(tocoWall.statusCode, tocoWall.body).toBe(200)
    const tocoMock = await toco(app, { method: 'GET', path: PRODUCTS, store: DEMO.catalogueStore, timestamp: FAR })
    expect(tocoMock.statusCode).toBe(200)
    const waffoWall = await waffo(app, { ...GRAPHQL, timestamp: Math.floor(Date.now() / 1000) })
    expect(waffoWall.statusCode, waffoWall.body).toBe(200)
    const waffoMock = await waffo(app, { ...GRAPHQL, timestamp: FAR / 1000 })
    expect(waffoMock.statusCode).toBe(200)
  })

  it('still refuses a timestamp outside both windows, AUTH_003 reporting the mock time', async () => {
    const app = await farApp()
    const stale = await toco(app, { method: 'GET', path: PRODUCTS, store: DEMO.catalogueStore, timestamp: FAR - 301_000 })
    expect(stale.statusCode).toBe(401)
    expect(stale.json().error).toMatchObject({ code: 'AUTH_003', details: { context: { providedTimestamp: FAR - 301_000, currentTime: FAR, ageSeconds: 301 } } })
    const waffoStale = await waffo(app, { ...GRAPHQL, timestamp: FAR / 1000 - 301 })
    expect(waffoStale.json()).toEqual({ data: null, errors: [{ message: 'Authentication failed', layer: 'user' }] })
  })
})

describe('AUTH_CLOCK=mock', () => {
  it('refuses the wall clock once the mock clock moved', async () => {
    const app = await farApp('mock')
    const tocoWall = await toco(app, { method: 'GET', path: PRODUCTS, store: DEMO.catalogueStore, timestamp: Date.now() })
    expect(tocoWall.statusCode).toBe(401)
    expect(tocoWall.json().error).toMatchObject({ code: 'AUTH_003', details: { context: { currentTime: FAR } } })
    const waffoWall = await waffo(app, { ...GRAPHQL, timestamp: Math.floor(Date.now() / 1000) })
    expect(waffoWall.statusCode).toBe(401)
    expect((await toco(app, { method: 'GET', path: PRODUCTS, store: DEMO.catalogueStore, timestamp: FAR })).statusCode).toBe(200)
  })
})

describe('windows', () => {
  it('Waffo: 60 s into the future passes, 61 s does not; 300 s in the past passes, 301 s does not', async () => {
    const app = await farApp('mock')
    const at = async (offset: number) => (await waffo(app, { ...GRAPHQL, timestamp: FAR / 1000 + offset })).statusCode
    expect([await at(60), await at(61), await at(-300), await at(-301)]).toEqual([200, 401, 200, 401])
  })

  it('Toco: ±TIMESTAMP_WINDOW_SECONDS both ways', async () => {
    const app = await farApp('mock')
    const at = async (offset: number) => (await toco(app, { method: 'GET', path: PRODUCTS, store: DEMO.catalogueStore, timestamp: FAR + offset })).statusCode
    expect([await at(300_000), await at(300_001), await at(-300_000), await at(-300_001)]).toEqual([200, 401, 200, 401])
  })
})
