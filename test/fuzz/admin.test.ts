/**
 * The control plane under any headers and bodies: health always answers ok and writes nothing;
 * reset either restores the fixtures exactly or refuses in JSON and writes nothing; with
 * ADMIN_TOKEN, nothing short of the token resets, and the token is never echoed.
 */
import fc from 'fast-check'
import type { LightMyRequestResponse } from 'fastify'
import { describe, expect, it } from 'vitest'
import { DEMO, toco, waffo } from '../helpers.js'
import { anyBody } from './bodies.js'
import { decode, tooLarge } from './body-model.js'
import { dbState, FROZEN_AT, judgedRun, sendDrawn, useHarness, type Harness } from './harness.js'
import { contentType, extraHeaders, garbageHeader, type Headers } from './headers.js'
import { expectAdminJson } from './oracles.js'
import { params, TIMEOUT } from './settings.js'

const ADMIN_TOKEN = 'fuzz-admin-token-9f3c1e'

/** Headers a test client might send to the control plane, token-looking ones included. */
const adminHeaders = fc.tuple(extraHeaders, fc.record({
  authorization: fc.option(fc.oneof(garbageHeader, garbageHeader.map((value) => `Bearer ${String(value)}`)), { nil: undefined }),
  'x-admin-token': fc.option(garbageHeader, { nil: undefined })
})).map(([extra, auth]) => {
  const headers: Headers = { ...extra }
  for (const [name, value] of Object.entries(auth)) if (value !== undefined) headers[name] = value
  return headers
})

/** Writes something through each API, so that a reset has something to undo. */
const dirtyings = {
  none: async () => {},
  unbind: (h: Harness) => toco(h.app, { path: `/partner/stores/${DEMO.unbindStore.storeClientId}/unbind` }),
  deleteProduct: (h: Harness) => toco(h.app, {
    path: '/partner/stores/products/deletions', store: DEMO.catalogueStore, body: { ids: [DEMO.products.seedSuccess.id] }
  }),
  deleteStore: (h: Harness) => waffo(h.app, { body: { id: DEMO.waffoStores.clean } })
}
const dirtying = fc.constantFrom(...(Object.keys(dirtyings) as Array<keyof typeof dirtyings>))

/** Run options for a reset: dirty the database first; only a 200 may write (and must restore the fixtures exactly). */
const resetRun = (harness: Harness, how: keyof typeof dirtyings, secrets?: string[]) => ({
  setup: async () => {
    const response = await dirtyings[how](harness)
    if (response) expect(response.statusCode, `setup step ${how}`).toBe(200)
  },
  mayWrite: (response: LightMyRequestResponse) => response.statusCode === 200,
  secrets
})

function expectResetOutcome (harness: Harness, response: LightMyRequestResponse) {
  const body = expectAdminJson(response)!
  if (response.statusCode === 200) {
    // The harness froze the clock, and a whole reset puts it back to real time: the rows are the
    // fixtures', with today's timestamps. Refreeze, so later runs (and restore()) see the frozen clock.
    expect(body).toEqual({ status: 'reset', tenant: null, fixtures: [expect.any(String)], cleared: { faults: 0, requests: expect.any(Number), clock: true } })
    expect(harness.app.mock.clock.frozen).toBe(false)
    harness.app.mock.clock.freeze(FROZEN_AT)
    const withoutTimes = (state: string) => state.replace(/"\d{4}-\d\d-\d\dT[\d:.]+Z"/g, '"T"')
    expect(withoutTimes(dbState(harness.app)), 'a reset that answered 200 left rows that differ from the fixtures').toBe(withoutTimes(harness.pristine))
  } else {
    expect(response.statusCode).toBeGreaterThanOrEqual(400)
  }
}

describe('GET /__admin/health', () => {
  for (const [label, overrides] of [['open', {}], ['with ADMIN_TOKEN', { adminToken: ADMIN_TOKEN }]] as const) {
    describe(label, () => {
      const harness = useHarness(overrides)

      it('200 {"status":"ok"} whatever the headers, query or body; nothing written', async () => {
        const query = fc.option(fc.string({ unit: fc.constantFrom(...'ab=&%é?'.split('')), maxLength: 8 }), { nil: undefined })
        await fc.assert(fc.asyncProperty(fc.constantFrom('GET', 'HEAD'), query, adminHeaders, contentType, anyBody,
          async (method, search, headers, type, body) => {
            const url = search === undefined ? '/__admin/health' : `/__admin/health?${search}`
            await judgedRun(harness, sendDrawn(harness, { method, url, headers, type, raw: body.raw }), (response) => {
              expect(response.statusCode, response.body).toBe(200)
              if (method === 'GET') expect(response.body).toBe('{"status":"ok"}')
            })
          }), params)
      }, TIMEOUT)
    })
  }
})

describe('POST /__admin/reset, open', () => {
  const harness = useHarness()

  it('200 and exactly the fixtures again, or a JSON 4xx that wrote nothing; 200 for no body or an empty JSON object', async () => {
    await fc.assert(fc.asyncProperty(dirtying, adminHeaders, contentType, anyBody, async (how, headers, type, body) => {
      await judgedRun(harness, sendDrawn(harness, { method: 'POST', url: '/__admin/reset', headers, type, raw: body.raw }), (response) => {
        expectResetOutcome(harness, response)
        const decoded = decode(body.raw)
        // The body is {tenant?}: an empty JSON object resets everything, as no body does.
        const emptyObject = decoded.kind === 'json' && !decoded.poisoned && !tooLarge(body.raw) &&
          type?.toLowerCase().startsWith('application/json') &&
          typeof decoded.value === 'object' && decoded.value !== null && !Array.isArray(decoded.value) &&
          Object.keys(decoded.value).length === 0
        if ((decoded.kind === 'absent' && type === undefined) || emptyObject) expect(response.statusCode, response.body).toBe(200)
      }, resetRun(harness, how))
    }), params)
  }, TIMEOUT)
})

describe('POST /__admin/reset with ADMIN_TOKEN', () => {
  const harness = useHarness({ adminToken: ADMIN_TOKEN })

  const tokenHeaders = fc.record({
    'x-admin-token': fc.option(fc.oneof(fc.constant(ADMIN_TOKEN), fc.constant<string[]>([ADMIN_TOKEN, ADMIN_TOKEN]), garbageHeader), { nil: undefined }),
    authorization: fc.option(fc.oneof(fc.constantFrom(`Bearer ${ADMIN_TOKEN}`, `bearer ${ADMIN_TOKEN}`), garbageHeader), { nil: undefined })
  })

  it('200 with exactly `Bearer <token>` (x-admin-token no longer counts); 401 ADMIN_UNAUTHORIZED otherwise, nothing written; never echoes it', async () => {
    await fc.assert(fc.asyncProperty(dirtying, tokenHeaders, extraHeaders, async (how, auth, extra) => {
      const headers: Headers = { ...extra }
      for (const [name, value] of Object.entries(auth)) if (value !== undefined) headers[name] = value
      await judgedRun(harness, sendDrawn(harness, { method: 'POST', url: '/__admin/reset', headers }), (response) => {
        expectResetOutcome(harness, response)
        const sent = Object.values(auth).filter((value) => value !== undefined).map(String)
        // The scheme name is case-insensitive (RFC 7235); the token is not.
        const bearer = typeof auth.authorization === 'string' && /^bearer\s+/i.test(auth.authorization) &&
          auth.authorization.replace(/^bearer\s+/i, '') === ADMIN_TOKEN
        if (bearer) expect(response.statusCode, response.body).toBe(200)
        else {
          expect(response.statusCode).toBe(401)
          expect(response.json()).toEqual({ error: { code: 'ADMIN_UNAUTHORIZED', message: 'Missing or invalid admin token' } })
        }
        // Whatever the parsing above says: without the token in some header, never a reset.
        if (!sent.some((value) => value.includes(ADMIN_TOKEN))) expect(response.statusCode).toBe(401)
      }, resetRun(harness, how, [ADMIN_TOKEN]))
    }), params)
  }, TIMEOUT)
})
