/**
 * Row-shaped bodies for the Toco batch endpoints (bulk create, catalog sync, stocks, prices) and
 * the onboarding session: real keys and values from the fixtures mixed with wrong types, near
 * misses and junk, so the per-row rules run with everything a client could get wrong.
 */
import fc from 'fast-check'
import { demoFixture } from '../helpers.js'
import { bodies, type Body } from './bodies.js'

const smallJson = fc.jsonValue({ maxDepth: 2 })
const junk = fc.oneof(fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.string({ maxLength: 8 }), smallJson)
const maybe = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(fc.oneof({ arbitrary, weight: 6 }, { arbitrary: junk as fc.Arbitrary<unknown>, weight: 1 }), { nil: undefined, freq: 3 })

const products = demoFixture.toco.products!
const skus = [...products.flatMap((product) => [product.sku, ...(product.variants ?? []).map((variant) => variant.sku)]).filter(Boolean) as string[], 'SKU-NOPE']
const ids = [...products.map((product) => product.id), 'no-such-id']
const externalIds = [...products.map((product) => product.externalId), 'fresh-ext-1', 'fresh-ext-2']
const warehouses = [...demoFixture.toco.warehouses!.map((warehouse) => warehouse.clientId), 'wh_nope']
const count = fc.oneof(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: -5, max: -1 }), fc.constant(2 ** 53))
const level = fc.record({ clientId: fc.constantFrom(...warehouses), stock: count }, { requiredKeys: [] })
const warehouseList = fc.oneof(fc.array(level, { maxLength: 4 }), fc.array(fc.constantFrom(...warehouses), { maxLength: 4 }), fc.array(junk, { maxLength: 2 }))

const productRow = fc.record({
  externalId: maybe(fc.constantFrom(...externalIds)),
  name: maybe(fc.string({ maxLength: 20 })),
  sku: maybe(fc.constantFrom(...skus, 'NEW-SKU')),
  price: maybe(count),
  specialPrice: maybe(fc.option(count, { nil: null })),
  stock: maybe(count),
  warehouses: maybe(warehouseList),
  dimensions: maybe(fc.record({ length: count, width: count, height: count }, { requiredKeys: [] })),
  hashtags: maybe(fc.array(fc.string({ maxLength: 6 }), { maxLength: 3 })),
  condition: maybe(fc.constantFrom('NEW', 'USED', 'new')),
  isArchived: maybe(fc.boolean())
}, { requiredKeys: [] })

const keyed = {
  sku: maybe(fc.constantFrom(...skus)),
  id: maybe(fc.constantFrom(...ids)),
  externalId: maybe(fc.constantFrom(...externalIds))
}
const stockItem = fc.record({ ...keyed, stock: maybe(count), warehouses: maybe(warehouseList) }, { requiredKeys: [] })
const priceItem = fc.record({ sku: keyed.sku, id: keyed.id, price: maybe(count), specialPrice: maybe(fc.option(count, { nil: null })) }, { requiredKeys: [] })

const rowsOf = (row: fc.Arbitrary<unknown>) => fc.oneof(
  { arbitrary: fc.array(fc.oneof({ arbitrary: row, weight: 8 }, { arbitrary: junk, weight: 1 }), { minLength: 1, maxLength: 6 }), weight: 8 },
  { arbitrary: fc.constant([]), weight: 1 },
  { arbitrary: junk, weight: 1 }
)
const listBody = (field: string, row: fc.Arbitrary<unknown>): fc.Arbitrary<Body> => fc.tuple(rowsOf(row), fc.boolean())
  .map(([list, wrongKey]) => ({ raw: JSON.stringify({ [wrongKey ? `${field}s` : field]: list }) }))

export const productsBody = bodies(listBody('products', productRow), { deep: false })
export const stockBody = bodies(listBody('items', stockItem), { deep: false })
export const priceBody = bodies(listBody('items', priceItem), { deep: false })
export const sessionBody = bodies(fc.oneof(
  fc.constantFrom('https://partner.example/cb?x=1', 'http://a.b', 'ftp://x', 'not a url', '', 'javascript:alert(1)').map((redirectUri) => ({ raw: JSON.stringify({ redirectUri }) })),
  junk.map((redirectUri) => ({ raw: JSON.stringify({ redirectUri }) }))
), { deep: false })
