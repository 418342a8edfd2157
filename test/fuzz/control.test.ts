/**
 * The clock, journal and fault routes under any body, query and headers: 2xx or a JSON 4xx
 * with the admin error body, never a 5xx, a stack trace or a changed database; a refused change
 * leaves the clock and the fault list as they were.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { bodies } from './bodies.js'
import { judgedRun, sendDrawn, useHarness, FROZEN_AT } from './harness.js'
import { contentType, extraHeaders } from './headers.js'
import { expectAdminJson } from './oracles.js'
import { params, TIMEOUT } from './settings.js'

/** JSON shaped like each route's body, near misses included. */
const clockShaped = fc.oneof(
  fc.record({ freeze: fc.oneof(fc.date({ noInvalidDate: false }).map((d) => Number.isNaN(d.getTime()) ? 'not a date' : d.toISOString()), fc.integer(), fc.constant(true), fc.constant(false), fc.double()) }, { requiredKeys: [] }),
  fc.record({ advanceMs: fc.oneof(fc.integer(), fc.double(), fc.string(), fc.constant(9e15)) }),
  fc.record({ offsetMs: fc.oneof(fc.integer(), fc.string()) }),
  fc.record({ unfreeze: fc.jsonValue({ maxDepth: 1 }) }),
  fc.record({ reset: fc.jsonValue({ maxDepth: 1 }), advanceMs: fc.integer() }, { requiredKeys: [] })
).map((value) => ({ raw: JSON.stringify(value) }))

const faultShaped = fc.record({
  api: fc.constantFrom('toco', 'waffo', '', 'x'),
  method: fc.constantFrom('GET', 'post', ''),
  path: fc.oneof(fc.constantFrom('/x', '*', '', '/v1/*'), fc.string({ maxLength: 10 })),
  tenant: fc.string({ maxLength: 5 }),
  times: fc.oneof(fc.integer({ min: -2, max: 3 }), fc.double()),
  probability: fc.oneof(fc.double(), fc.integer()),
  seed: fc.integer(),
  respond: fc.oneof(fc.record({ status: fc.integer({ min: 0, max: 700 }), body: fc.jsonValue({ maxDepth: 1 }) }, { requiredKeys: ['status'] }), fc.jsonValue({ maxDepth: 1 })),
  delayMs: fc.oneof(fc.integer({ min: -1, max: 2 }), fc.string()),
  drop: fc.oneof(fc.constant(true), fc.boolean(), fc.string())
}, { requiredKeys: [] }).map((value) => ({ raw: JSON.stringify(value) }))

const queryText = fc.string({ unit: fc.constantFrom(...'apimethodstuslnc=&%*/?1-:Z'.split('')), maxLength: 30 })

describe('control-plane routes', () => {
  const harness = useHarness()

  it('POST /__admin/clock: the new clock, or a 4xx that left the clock alone', async () => {
    await fc.assert(fc.asyncProperty(fc.oneof(clockShaped, bodies(clockShaped)), contentType, extraHeaders, async (body, type, headers) => {
      const { app } = harness
      app.mock.clock.freeze(FROZEN_AT)
      await judgedRun(harness, sendDrawn(harness, { method: 'POST', url: '/__admin/clock', headers, type, raw: body.raw }), (response) => {
        const answer = expectAdminJson(response)!
        if (response.statusCode === 200) {
          // An unfrozen clock runs on between the answer and this line.
          expect(Math.abs((answer.nowMs as number) - app.mock.clock.now())).toBeLessThan(1000)
          expect(answer.frozen).toBe(app.mock.clock.frozen)
        } else {
          expect(response.statusCode).toBeGreaterThanOrEqual(400)
          expect(Object.keys(answer.error as object).slice(0, 2)).toEqual(['code', 'message'])
          expect(app.mock.clock.now()).toBe(FROZEN_AT)
        }
      }, { cleanup: () => app.mock.clock.freeze(FROZEN_AT) })
    }), params)
  }, TIMEOUT)

  it('POST /__admin/faults: 201 with an id, or a 4xx that armed nothing', async () => {
    await fc.assert(fc.asyncProperty(fc.oneof(faultShaped, bodies(faultShaped)), contentType, extraHeaders, async (body, type, headers) => {
      const { app } = harness
      await judgedRun(harness, sendDrawn(harness, { method: 'POST', url: '/__admin/faults', headers, type, raw: body.raw }), (response) => {
        const answer = expectAdminJson(response)!
        if (response.statusCode === 201) {
          expect(answer.id).toMatch(/^flt_/)
          expect(app.mock.faults.list().map((fault) => fault.id)).toEqual([answer.id])
        } else {
          expect(response.statusCode).toBeGreaterThanOrEqual(400)
          expect(app.mock.faults.size).toBe(0)
        }
      }, { cleanup: () => app.mock.faults.clear() })
    }), params)
  }, TIMEOUT)

  it('GET /__admin/requests and DELETE /__admin/faults/{id}: 200 or a JSON 4xx for any query or id', async () => {
    await fc.assert(fc.asyncProperty(queryText, fc.string({ maxLength: 20 }), async (query, id) => {
      await judgedRun(harness, sendDrawn(harness, { method: 'GET', url: `/__admin/requests?${query}` }), (listed) => {
        const list = expectAdminJson(listed)!
        if (listed.statusCode === 200) expect(list.total).toBeTypeOf('number')
        else expect(listed.statusCode).toBeGreaterThanOrEqual(400)
      })
      await judgedRun(harness, sendDrawn(harness, { method: 'DELETE', url: `/__admin/faults/${encodeURIComponent(id)}` }), (deleted) => {
        expectAdminJson(deleted)
        expect(deleted.statusCode).toBeGreaterThanOrEqual(400)
      })
    }), params)
  }, TIMEOUT)
})
