/**
 * Finding 2: one JSON nesting limit (32) and string/array limits for every API and admin body,
 * refused in each API's own 400 envelope with nothing written, so whatever is stored can always
 * be exported (GET /__admin/state) and restored (snapshots).
 */
import { describe, expect, it } from 'vitest'
import { JSON_LIMITS, jsonLimitViolation } from '../../src/http/json-limits.js'
import { DEMO, snapshot, toco, useApp } from '../helpers.js'
import { act, PRICES } from '../waffo/support.js'

const mock = useApp()
/** `{"a":{"a":…{}…}}`, `levels` objects deep (the outermost is level 1). */
const nested = (levels: number): unknown => {
  let value: unknown = {}
  for (let i = 1; i < levels; i++) value = { a: value }
  return value
}
const DEEP = 'JSON nested deeper than 32 levels'

async function exportAndRestoreWork () {
  const state = await mock.app.inject({ method: 'GET', url: '/__admin/state' })
  expect(state.statusCode).toBe(200)
  expect((await mock.app.inject({ method: 'PUT', url: '/__admin/snapshots/limits' })).statusCode).toBe(200)
  const restored = await mock.app.inject({ method: 'POST', url: '/__admin/snapshots/limits/restore' })
  expect(restored.statusCode, restored.body).toBe(200)
  // And the export itself loads back: the document wraps each row a few levels deeper than its body did.
  const reloaded = await mock.app.inject({ method: 'POST', url: '/__admin/fixtures?mode=replace', headers: { 'content-type': 'application/json' }, payload: state.body })
  expect(reloaded.statusCode, reloaded.body).toBe(200)
  return state.json()
}

describe('the scanner', () => {
  it('counts depth, string and array length, ignoring brackets and commas inside strings', () => {
    expect(jsonLimitViolation(JSON.stringify(nested(32)))).toBeUndefined()
    expect(jsonLimitViolation(JSON.stringify(nested(33)))).toBe(DEEP)
    expect(jsonLimitViolation(JSON.stringify({ s: '[[[[{{{{'.repeat(100) }))).toBeUndefined()
    expect(jsonLimitViolation(JSON.stringify({ s: 'x'.repeat(JSON_LIMITS.string) }))).toBeUndefined()
    expect(jsonLimitViolation(JSON.stringify({ s: 'x'.repeat(JSON_LIMITS.string + 1) }))).toBe('JSON string longer than 65536 characters')
    expect(jsonLimitViolation(JSON.stringify({ s: '\\"'.repeat(40_000) }))).toBe('JSON string longer than 65536 characters')
    expect(jsonLimitViolation(JSON.stringify(Array(JSON_LIMITS.array).fill(0)))).toBeUndefined()
    expect(jsonLimitViolation(JSON.stringify(Array(JSON_LIMITS.array + 1).fill(0)))).toBe('JSON array longer than 10000 elements')
    expect(jsonLimitViolation(JSON.stringify([Array(9000).fill(','), Array(9000).fill(0)]))).toBeUndefined()
  })
})

describe('every body, each API\'s own 400, nothing written', () => {
  it('Waffo: metadata 4,100 levels deep (8 KB) → 400 layer gateway; state export and snapshot restore still work', async () => {
    const before = snapshot(mock.app)
    const created = await act(mock.app, 'onetime-product/create-product', { storeId: DEMO.waffoStores.clean, name: 'Deep', prices: PRICES, metadata: nested(4100) })
    expect(created).toEqual({ status: 400, body: { data: null, errors: [{ message: DEEP, layer: 'gateway' }] } })
    expect(snapshot(mock.app)).toEqual(before)
    await exportAndRestoreWork()
  })

  it('Waffo: update-product with 3,000 levels → 400, not 500; 31 levels of metadata (the most a body holds) are stored and round-trip', async () => {
    const product = (await act(mock.app, 'onetime-product/create-product', { storeId: DEMO.waffoStores.clean, name: 'Shallow', prices: PRICES, metadata: nested(31) })).body.data.product
    expect(product.id).toMatch(/^PROD_/)
    const before = snapshot(mock.app)
    expect(await act(mock.app, 'onetime-product/update-product', { id: product.id, metadata: nested(3000) }))
      .toEqual({ status: 400, body: { data: null, errors: [{ message: DEEP, layer: 'gateway' }] } })
    expect(snapshot(mock.app)).toEqual(before)
    const state = await exportAndRestoreWork()
    expect(JSON.stringify(state)).toContain(JSON.stringify(nested(31)))
  })

  it('Toco: a bulk-create row nested 4,100 levels → VAL_001 naming the limit', async () => {
    const before = snapshot(mock.app)
    const response = await toco(mock.app, { path: '/partner/stores/products/bulk', body: { products: [{ externalId: 'deep', name: 'Deep', price: 1, stock: 1, dimensions: nested(4100) }] }, store: DEMO.catalogueStore })
    expect(response.statusCode).toBe(400)
    expect(response.json().error).toMatchObject({ code: 'VAL_001', message: 'Validation failed', details: { context: { validationErrors: { body: DEEP } } } })
    expect(snapshot(mock.app)).toEqual(before)
    await exportAndRestoreWork()
  })

  it('Toco: a 70,000-character name → VAL_001 "JSON string longer than 65536 characters"', async () => {
    const before = snapshot(mock.app)
    const response = await toco(mock.app, { path: '/partner/stores/products/bulk', body: { products: [{ externalId: 'long', name: 'n'.repeat(70_000), price: 1, stock: 1 }] }, store: DEMO.catalogueStore })
    expect(response.statusCode).toBe(400)
    expect(response.json().error.details.context.validationErrors).toEqual({ body: 'JSON string longer than 65536 characters' })
    expect(snapshot(mock.app)).toEqual(before)
  })

  it('admin: a deep fixtures merge → 400 JSON_LIMIT at /; an unsigned API call learns nothing of its body', async () => {
    const before = snapshot(mock.app)
    const merged = await mock.app.inject({ method: 'POST', url: '/__admin/fixtures?mode=merge', payload: { waffo: { products: [{ id: 'PROD_x', metadata: nested(100) }] } } })
    expect(merged.statusCode).toBe(400)
    // A state document may nest twice as deep as a body (it wraps rows a body held: see exportAndRestoreWork).
    expect(merged.json()).toEqual({ error: { code: 'JSON_LIMIT', message: 'JSON nested deeper than 64 levels', path: '/' } })
    expect(snapshot(mock.app)).toEqual(before)
    // Authentication still comes first: an unsigned deep body is a 401, not a 400.
    const unsigned = await mock.app.inject({ method: 'POST', url: '/v1/actions/store/create-store', headers: { 'content-type': 'application/json' }, payload: JSON.stringify(nested(100)) })
    expect(unsigned.statusCode).toBe(401)
  })
})
