/**
 * The Toco second-wave routes, correctly signed, with any body, query or path segment: never a
 * 5xx, always Toco's envelope, a refusal writes nothing, and an accepted batch answers counts that
 * add up. The consent page answers HTML for any session id, query or form, and binds nothing
 * unless it redirects. Every run is undone so the next starts from the fixtures.
 */
import fc from 'fast-check'
import type { LightMyRequestResponse } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO, demoFixture, toco } from '../helpers.js'
import { dbState, expectUnchanged, restore, startHarness, type Harness } from './harness.js'
import { expectNoLeak, expectNoPrototypePollution, expectTocoError, expectTocoSuccess } from './oracles.js'
import { params, TIMEOUT } from './settings.js'
import { priceBody, productsBody, sessionBody, stockBody, updateProductBody, variantProductsBody } from './toco-catalog-bodies.js'
import type { Body } from './bodies.js'

const GUDANG = { storeClientId: 'str_wHouses3Demo', storeToken: 'stkn_Wh3DemoToken0001' }
const stores = fc.constantFrom(DEMO.catalogueStore, GUDANG)

let harness: Harness
beforeAll(async () => { harness = await startHarness() })
afterAll(async () => { await harness.app.close() })

async function judged (send: () => Promise<LightMyRequestResponse>, judge: (response: LightMyRequestResponse, before: string) => void) {
  const before = dbState(harness.app)
  const response = await send()
  try {
    expectNoLeak(response)
    expectNoPrototypePollution()
    judge(response, before)
    if (response.statusCode >= 400) expectUnchanged(harness, before, response)
  } finally {
    await restore(harness)
  }
}

/** A 200 batch answer adds up; a batch with no accepted row wrote nothing. */
function expectBatchAnswer (response: LightMyRequestResponse, before: string, message: string) {
  if (response.statusCode !== 200) {
    expect(expectTocoError(response)!.error.code).toMatch(/^(VAL_001|PAYLOAD_TOO_LARGE)$/)
    return
  }
  const { data, meta } = expectTocoSuccess(response, message) as unknown as {
    meta: { dispatch: boolean },
    data: { batchId: string | null, acceptedRows: number, errors: Array<{ code: string, rowIndex: number }>, summary: { total: number, accepted: number, rejected: number } }
  }
  expect(data.summary.accepted + data.summary.rejected).toBe(data.summary.total)
  expect(data.acceptedRows).toBe(data.summary.accepted)
  expect(data.errors).toHaveLength(data.summary.rejected)
  for (const error of data.errors) expect(error.code).toMatch(/^PRD_0\d\d$/)
  expect(data.errors.map((error) => error.rowIndex)).toEqual([...data.errors.map((error) => error.rowIndex)].sort((a, b) => a - b))
  expect(meta.dispatch).toBe(data.batchId !== null)
  if (data.batchId === null) expectUnchanged(harness, before, response)
}

const BATCHES: Array<[string, string, string, fc.Arbitrary<Body>]> = [
  ['POST', '/partner/stores/products/bulk', 'Products accepted for processing', productsBody],
  ['POST', '/partner/stores/catalog/sync', 'Catalog sync accepted for processing', productsBody],
  ['PATCH', '/partner/stores/inventory', 'Stock update accepted for processing', stockBody],
  ['PATCH', '/partner/stores/products/prices', 'Price update accepted for processing', priceBody],
  ['POST', '/partner/stores/products/with-variants/bulk', 'Products with variants accepted for processing', variantProductsBody],
  ['POST', '/partner/stores/catalog/with-variants/sync', 'Catalog with variants sync accepted for processing', variantProductsBody]
]

describe('Toco batch endpoints, signed, any body', () => {
  it.each(BATCHES)('%s %s', async (method, path, message, body) => {
    await fc.assert(fc.asyncProperty(body, stores, async (sent, store) => {
      await judged(async () => {
        const response = await toco(harness.app, { method, path, body: sent.raw, store })
        // Let the batch apply (the next request ticks): applying must not fail either.
        const applied = await harness.app.inject({ url: '/__admin/health' })
        expect(applied.statusCode).toBe(200)
        return response
      }, (response, before) => expectBatchAnswer(response, before, message))
    }), params)
  }, TIMEOUT)
})

describe('Update Product, signed, any body', () => {
  // The simple and the variant product of each demo store, a deleted one, another store's, an unknown one.
  const products = demoFixture.toco.products!
  const target = fc.oneof(
    fc.constantFrom(...products.map((product) => product.id), 'no-such-id').map((id) => `/partner/stores/products/${id}`),
    fc.constantFrom(...products.map((product) => product.externalId), 'no-such-external').map((id) => `/partner/products/${id}`)
  )

  it('PATCH /partner/stores/products/{productId} and /partner/products/{externalId}', async () => {
    await fc.assert(fc.asyncProperty(updateProductBody, target, stores, async (sent, path, store) => {
      await judged(() => toco(harness.app, { method: 'PATCH', path, body: sent.raw, store }), (response) => {
        if (response.statusCode !== 200) {
          expect(expectTocoError(response)!.error.code).toMatch(/^(VAL_001|PAYLOAD_TOO_LARGE|PRD_0\d\d)$/)
          return
        }
        const { data } = expectTocoSuccess(response, 'Product updated successfully') as unknown as { data: { hasVariants: boolean, sku: string | null, variants: Array<{ isActive: boolean }> } }
        // A product with variants has an active one and no SKU of its own.
        expect(data.hasVariants).toBe(data.variants.some((variant) => variant.isActive))
        if (data.hasVariants) expect(data.sku).toBeNull()
      })
    }), params)
  }, TIMEOUT)
})

describe('Toco reads, signed, any query or path segment', () => {
  const queryValue = fc.oneof(fc.constantFrom('true', 'false', '1', '0', '', 'name', 'price', 'asc', 'desc', '50', '100', '101', '-1', '%25', '_'),
    fc.string({ maxLength: 12 }))
  const query = fc.dictionary(fc.constantFrom('q', 'isArchived', 'isAvailableStock', 'isVerified', 'isVariantActive', 'sortBy', 'order', 'page', 'limit', 'other'),
    fc.oneof(queryValue, fc.array(queryValue, { minLength: 2, maxLength: 2 })), { maxKeys: 4 })

  it('GET /partner/stores/products', async () => {
    await fc.assert(fc.asyncProperty(query, stores, async (values, store) => {
      const search = new URLSearchParams()
      for (const [key, value] of Object.entries(values)) for (const one of [value].flat()) search.append(key, one)
      const path = search.size > 0 ? `/partner/stores/products?${search.toString()}` : '/partner/stores/products'
      await judged(() => toco(harness.app, { method: 'GET', path, store }), (response) => {
        if (response.statusCode !== 200) {
          expect(expectTocoError(response)!.error.code).toBe('VAL_001')
          return
        }
        const { meta, data } = expectTocoSuccess(response, 'Products retrieved successfully') as unknown as { meta: { pagination: { limit: number, total: number } }, data: unknown[] }
        expect(data.length).toBeLessThanOrEqual(meta.pagination.limit)
        expect(data.length).toBeLessThanOrEqual(meta.pagination.total)
      })
    }), params)
  }, TIMEOUT)

  const segment = fc.oneof(
    fc.constantFrom(DEMO.products.second.id, DEMO.products.otherStores, '019b0b32-44ef-7995-840e-ebb6fd84a545', 'INV%2F20260115%2FMPL%2F0001', 'SKU-KCM-HITAM-2', 'TSHIRT001'),
    fc.string({ maxLength: 30 }).map(encodeURIComponent),
    fc.stringMatching(/^[%A-Za-z0-9._~-]{1,30}$/)
  // A client sends `.` and `..` segments resolved (fetch and inject both do), so they never reach the route as such;
  // a URL parser reads `%2e` as `.` too (`.%2e`, `%2E%2e`, …), and the signed path would no longer be the one sent.
  ).filter((tail) => !/^(?:\.|%2e){1,2}$/i.test(tail))
  it.each([
    ['/partner/stores/products/', 'PRD_014'],
    ['/partner/stores/products/sku/', 'PRD_012'],
    ['/partner/stores/orders/', 'ORD_001']
  ])('GET %s{segment}', async (prefix, notFound) => {
    await fc.assert(fc.asyncProperty(segment, stores, async (tail, store) => {
      await judged(() => toco(harness.app, { method: 'GET', path: prefix + tail, store }), (response) => {
        if (response.statusCode === 200) return
        expect(expectTocoError(response)!.error.code).toMatch(new RegExp(`^(${notFound}|NOT_FOUND|BAD_REQUEST|VAL_001)$`))
      })
    }), params)
  }, TIMEOUT)
})

describe('Onboarding, any body, any consent link', () => {
  it('POST /partner/onboard/sessions', async () => {
    await fc.assert(fc.asyncProperty(sessionBody, async (sent) => {
      await judged(() => toco(harness.app, { path: '/partner/onboard/sessions', body: sent.raw }), (response) => {
        if (response.statusCode === 200) {
          expect(expectTocoSuccess(response, 'Onboard session created successfully').data).toMatchObject({ status: 'pending' })
          return
        }
        expect(expectTocoError(response)!.error.code).toMatch(/^(VAL_001|PAYLOAD_TOO_LARGE)$/)
      })
    }), params)
  }, TIMEOUT)

  const formValue = fc.oneof(fc.constantFrom('new', DEMO.unboundStore.storeClientId, DEMO.catalogueStore.storeClientId, DEMO.otherPartnersStore.storeClientId, '30', '365', '7', '1'),
    fc.string({ maxLength: 10 }))
  const pairs = fc.dictionary(fc.constantFrom('autoApprove', 'store', 'storeName', 'period', 'x'), fc.oneof(formValue, fc.array(formValue, { minLength: 2, maxLength: 2 })), { maxKeys: 4 })

  // Not "." or "..": a client resolves those away, and "/seller/onboard/.." is no consent link.
  const otherSession = fc.string({ maxLength: 20 }).filter((id) => id !== '.' && id !== '..').map(encodeURIComponent)

  it('GET and POST /seller/onboard/{sessionId}', async () => {
    await fc.assert(fc.asyncProperty(fc.boolean(), fc.constantFrom('GET', 'POST'), pairs, fc.option(otherSession, { nil: undefined }),
      async (realSession, method, values, otherId) => {
        const search = new URLSearchParams()
        for (const [key, value] of Object.entries(values)) for (const one of [value].flat()) search.append(key, one)
        const session = realSession
          ? (await toco(harness.app, { path: '/partner/onboard/sessions', body: { redirectUri: 'https://partner.example/cb' } })).json().data.sessionId as string
          : otherId || 'x'
        const before = dbState(harness.app)
        const url = `/api/v1/seller/onboard/${session}`
        const response = method === 'GET'
          ? await harness.app.inject({ url: search.size > 0 ? `${url}?${search.toString()}` : url })
          : await harness.app.inject({ method: 'POST', url, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: search.toString() })
        try {
          expect(response.statusCode).toBeLessThan(500)
          expectNoLeak(response, [])
          if (response.statusCode === 302) {
            expect(realSession).toBe(true)
            expect(response.headers.location).toMatch(/^https:\/\/partner\.example\/cb\?storeClientId=str_[\w-]+&storeToken=stkn_[\w-]{16}&sessionId=/)
          } else {
            expect(response.headers['content-type']).toBe('text/html; charset=utf-8')
            if (response.statusCode !== 200) expectUnchanged(harness, before, response)
          }
        } finally {
          await restore(harness)
        }
      }), params)
  }, TIMEOUT)
})
