/**
 * The Toco route table (src/apis/toco/routes/table.ts) is what the app registers, and the signing
 * CLI's curl line carries exactly the headers each route's declared scope needs.
 */
import { describe, expect, it } from 'vitest'
import { toco } from '../../src/apis/toco/index.js'
import { TOCO_ROUTES } from '../../src/apis/toco/routes/table.js'
import { DEFAULT_FIXTURES } from '../../src/config.js'
import { readFixtures, testConfig } from '../../src/apis/index.js'
import { parseCurlLine } from '../../src/signing/curl.js'
import { useApp } from '../helpers.js'

const mock = useApp()

describe('TOCO_ROUTES', () => {
  it('equals the Toco routes the app registered, with their declared auth', () => {
    const registered = mock.app.mock.routes
      .filter((route) => route.method !== 'HEAD' && route.url.startsWith('/api/v1/'))
      .map((route) => `${route.method} ${route.url.slice('/api/v1'.length)} ${route.auth ?? `public:${route.public!}`}`)
      .sort()
    const declared = Object.values(TOCO_ROUTES)
      .map((route) => `${route.method} ${route.url} ${'auth' in route.access ? route.access.auth : `public:${route.access.public}`}`)
      .sort()
    expect(registered).toEqual(declared)
  })
})

describe('toco.demo.curl', () => {
  const curl = (method: string, path: string, options: Record<string, string | undefined> = {}, body?: string) => toco.demo.curl({
    fixtures: readFixtures([DEFAULT_FIXTURES]) as never, baseUrl: 'http://127.0.0.1:8080', config: testConfig(), method, path, body, options
  })
  const headersOf = (line: string) => Object.keys(parseCurlLine(line).headers)

  it.each([
    ['GET', '/partner/stores/products?page=2&limit=50'],
    ['GET', '/partner/stores/products/sku/SKU-GRY-XL'],
    ['GET', '/partner/stores/orders/INV%2F20260115%2FMPL%2F0001'],
    ['PATCH', '/partner/stores/inventory'],
    ['PATCH', '/partner/stores/products/prices'],
    ['POST', '/partner/stores/products/bulk'],
    ['POST', '/partner/stores/catalog/sync'],
    ['POST', '/partner/stores/products/with-variants/bulk'],
    ['POST', '/partner/stores/catalog/with-variants/sync'],
    ['PATCH', '/partner/stores/products/7b0e7d2a-3c1f-4e55-9a51-2f0c3a1d9e01'],
    ['PATCH', '/partner/products/bace66be-47c4-4f72-868c-ad792da8b210']
  ])('%s %s: a store-scoped route gets the store headers', (method, path) => {
    const line = curl(method, path)
    expect(headersOf(line)).toEqual(['Content-Type', 'x-signature', 'x-partner-client-id', 'x-store-client-id', 'x-store-token', 'x-timestamp'])
    expect(parseCurlLine(line)).toMatchObject({ method, url: `http://127.0.0.1:8080/api/v1${path}` })
  })

  it.each([
    ['POST', '/partner/onboard/sessions'],
    ['POST', '/partner/stores/str_bG7SUfKOqSQt/unbind']
  ])('%s %s: a partner-scoped route does not', (method, path) => {
    expect(headersOf(curl(method, path))).toEqual(['Content-Type', 'x-signature', 'x-partner-client-id', 'x-timestamp'])
  })

  it('a curl line the server accepts: Update Product of a variant product in the warehouse store', async () => {
    const body = '{"variants":{"items":[{"sku":"SKU-MRON-L","price":151000}]}}'
    const line = curl('PATCH', '/partner/stores/products/7b0e7d2a-3c1f-4e55-9a51-2f0c3a1d9e01', { store: 'str_wHouses3Demo' }, body)
    const { headers } = parseCurlLine(line)
    const response = await mock.app.inject({ method: 'PATCH', url: '/api/v1/partner/stores/products/7b0e7d2a-3c1f-4e55-9a51-2f0c3a1d9e01', headers, payload: body })
    expect(response.statusCode).toBe(200)
    expect(response.json().data.variants.map((variant: { sku: string, isActive: boolean, price: number }) => [variant.sku, variant.isActive, variant.price]))
      .toEqual([['SKU-KCM-HITAM-2', false, 150000], ['SKU-MRON-L', true, 151000], ['SKU-BLK-XL', false, 160000]])
  })

  it('a curl line the server accepts: signed list of the catalogue store', async () => {
    const line = curl('GET', '/partner/stores/products?limit=2', { store: 'str_TGIxyboe7-Rz' })
    const { headers } = parseCurlLine(line)
    const response = await mock.app.inject({ method: 'GET', url: '/api/v1/partner/stores/products?limit=2', headers })
    expect(response.statusCode).toBe(200)
    expect(response.json().meta.pagination).toEqual({ page: 1, limit: 2, total: 4, totalPages: 2 })
  })
})
