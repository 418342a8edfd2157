/**
 * Every signed Toco route of the second wave (from the route table), unsigned or badly signed,
 * with any body: only the guard answers, in Toco's envelope, and nothing is written.
 */
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TOCO_ROUTES } from '../../src/apis/toco/routes/table.js'
import { tooLarge } from './body-model.js'
import { contentType, MEDIA_TYPES } from './headers.js'
import { dbState, expectUnchanged, restore, startHarness, type Harness } from './harness.js'
import { expectNoLeak, expectNoPrototypePollution, expectTocoError } from './oracles.js'
import { params, TIMEOUT } from './settings.js'
import { tocoAuthPlan, tocoHeaders } from './toco-auth-plans.js'
import { priceBody, productsBody, sessionBody, updateProductBody, variantProductsBody } from './toco-catalog-bodies.js'

const SEGMENTS: Record<string, string> = { productId: '015c28c3-b48c-4e1f-a8a1-9a1cc07022c4', externalProductId: '52a3bcfb-62ea-4711-a4c1-b6847a981256', sku: 'TSHIRT001', orderId: 'INV%2F20260115%2FMPL%2F0001', storeId: 'str_9xyZ' }
const GUARDED = Object.values(TOCO_ROUTES)
  .filter((route) => 'auth' in route.access && route.url !== TOCO_ROUTES.unbindStore.url && route.url !== TOCO_ROUTES.deleteProducts.url)
  .map((route) => ({ method: route.method as string, url: `/api/v1${route.url.replace(/:(\w+)/g, (_, name: string) => SEGMENTS[name]!)}` }))

let harness: Harness
beforeAll(async () => { harness = await startHarness() })
afterAll(async () => { await harness.app.close() })

describe('Toco second-wave routes, unsigned or badly signed', () => {
  it('covers every signed route the second and third waves added', () => {
    expect(GUARDED.map((route) => route.method + ' ' + route.url)).toHaveLength(13)
  })

  it('never 5xx, only auth refusals, nothing written', async () => {
    await fc.assert(fc.asyncProperty(fc.constantFrom(...GUARDED), tocoAuthPlan, contentType, fc.oneof(productsBody, priceBody, sessionBody, variantProductsBody, updateProductBody),
      async (route, plan, type, body) => {
        const { app } = harness
        const raw = route.method === 'GET' ? undefined : body.raw
        const headers: Record<string, unknown> = tocoHeaders(plan, { method: route.method, url: route.url, raw, nowMs: app.mock.clock.now() })
        if (type !== undefined) headers['content-type'] = type
        const before = dbState(app)
        const response = await app.inject({ method: route.method as 'GET', url: route.url, headers: headers as Record<string, string>, payload: raw })
        try {
          const error = expectTocoError(response)!
          expect(error.error.code).toMatch(/^(AUTH_00[1-6]|PAYLOAD_TOO_LARGE|BAD_REQUEST)$/)
          if (error.error.code === 'PAYLOAD_TOO_LARGE') expect(tooLarge(raw)).toBe(true)
          if (error.error.code === 'BAD_REQUEST') expect(MEDIA_TYPES).not.toContain(type)
          expectNoLeak(response)
          expectNoPrototypePollution()
          expectUnchanged(harness, before, response)
        } finally {
          await restore(harness)
        }
      }), params)
  }, TIMEOUT)
})
