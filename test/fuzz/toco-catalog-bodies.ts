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

const label = fc.oneof(fc.constantFrom('Warna', 'Ukuran', 'Hitam', 'Putih', 'M', 'L', ''), fc.string({ maxLength: 6 }))
const optionGroups = fc.array(fc.record({ name: maybe(label), options: maybe(fc.array(label, { maxLength: 3 })) }, { requiredKeys: [] }), { maxLength: 3 })
const variantItem = fc.record({
  sku: maybe(fc.constantFrom(...skus, 'V-NEW-1', 'V-NEW-2')),
  name: maybe(fc.string({ maxLength: 10 })),
  options: maybe(fc.array(fc.record({ name: maybe(label), value: maybe(label) }, { requiredKeys: [] }), { maxLength: 3 })),
  price: maybe(count),
  specialPrice: maybe(fc.option(count, { nil: null })),
  stock: maybe(count),
  warehouses: maybe(warehouseList)
}, { requiredKeys: [] })
/** Variants: a few items, none, or junk in place of the container or its list. */
const variants = fc.oneof(
  { arbitrary: fc.record({ items: fc.array(fc.oneof({ arbitrary: variantItem, weight: 8 }, { arbitrary: junk, weight: 1 }), { maxLength: 4 }) }), weight: 8 },
  { arbitrary: junk, weight: 1 }
)
/**
 * Well-formed rows and bodies too (a valid shape, real SKUs and warehouses, option values from
 * the groups), so the rules past the schema — SKU claims, stock levels, option combinations,
 * conversions — run as often as the refusals.
 */
const SIZES = ['S', 'M', 'L']
const goodLevel = fc.record({ clientId: fc.constantFrom(...warehouses), stock: fc.integer({ min: 0, max: 50 }) })
const cleanStock = fc.oneof(
  { arbitrary: fc.integer({ min: 0, max: 50 }).map((stock) => ({ stock })), weight: 3 },
  { arbitrary: fc.uniqueArray(goodLevel, { minLength: 1, maxLength: 2, selector: (entry) => entry.clientId }).map((levels) => ({ warehouses: levels })), weight: 3 },
  { arbitrary: fc.constant({}), weight: 1 }
)
/** Option groups and items that fit them: distinct SKUs, distinct sizes, one stock level each (mostly). */
const cleanVariantSet = fc.tuple(fc.boolean(), fc.shuffledSubarray(SIZES, { minLength: 1 })).chain(([grouped, sizes]) => fc.tuple(
  fc.constant(grouped ? [{ name: 'Ukuran', options: SIZES }] : []),
  fc.tuple(...sizes.map((size) => fc.record({
    sku: fc.oneof({ arbitrary: fc.constantFrom(`V-${size}-1`, `V-${size}-2`), weight: 4 }, { arbitrary: fc.constantFrom(...skus.slice(0, 4)), weight: 1 }),
    price: fc.option(fc.integer({ min: 0, max: 500000 }), { nil: undefined, freq: 12 }),
    stock: cleanStock
  }).map(({ sku, price, stock }) => ({ sku, ...(grouped ? { options: [{ name: 'Ukuran', value: size }] } : {}), ...(price === undefined ? {} : { price }), ...stock }))))
))
const noisyVariantRow = fc.record({
  externalId: maybe(fc.constantFrom(...externalIds)),
  name: maybe(fc.string({ maxLength: 20 })),
  optionGroups: maybe(optionGroups),
  variants: maybe(variants),
  price: fc.option(count, { nil: undefined, freq: 8 }),
  stock: fc.option(count, { nil: undefined, freq: 8 }),
  hashtags: maybe(fc.array(fc.string({ maxLength: 6 }), { maxLength: 3 })),
  isArchived: maybe(fc.boolean())
}, { requiredKeys: [] })
const cleanVariantRow = fc.tuple(fc.constantFrom(...externalIds), cleanVariantSet)
  .map(([externalId, [optionGroups, items]]) => ({ externalId, name: 'Kaos', optionGroups, variants: { items } }))
const variantProductRow = fc.oneof({ arbitrary: cleanVariantRow, weight: 2 }, { arbitrary: noisyVariantRow, weight: 1 })

/** An Update Product body: product-level fields, option groups and variants, each maybe. */
const noisyUpdate = fc.record({
  name: maybe(fc.string({ maxLength: 20 })),
  sku: maybe(fc.option(fc.constantFrom(...skus, 'NEW-SKU'), { nil: null })),
  price: maybe(count),
  specialPrice: maybe(fc.option(count, { nil: null })),
  stock: maybe(count),
  warehouses: maybe(warehouseList),
  isArchived: maybe(fc.boolean()),
  optionGroups: maybe(optionGroups),
  variants: maybe(variants)
}, { requiredKeys: [] })
const cleanUpdate = fc.tuple(fc.record({
  name: fc.constantFrom('Renamed', 'Kaos Baru'),
  sku: fc.constantFrom('NEW-SKU', ...skus.slice(0, 3)),
  price: fc.integer({ min: 0, max: 500000 }),
  stock: fc.integer({ min: 0, max: 50 }),
  warehouses: fc.uniqueArray(goodLevel, { minLength: 1, maxLength: 2, selector: (entry) => entry.clientId })
}, { requiredKeys: [] }), fc.oneof(
  fc.constant({}),
  fc.constant({ variants: { items: [] } }),
  cleanVariantSet.map(([optionGroups, items]) => ({ optionGroups, variants: { items } }))
)).map(([fields, variantsPart]) => ({ ...fields, ...variantsPart }))
const updateRow = fc.oneof({ arbitrary: cleanUpdate, weight: 2 }, { arbitrary: noisyUpdate, weight: 1 })

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
export const variantProductsBody = bodies(listBody('products', variantProductRow), { deep: false })
export const updateProductBody = bodies(fc.oneof({ arbitrary: updateRow, weight: 8 }, { arbitrary: junk, weight: 1 }).map((body) => ({ raw: JSON.stringify(body) })), { deep: false })
export const sessionBody = bodies(fc.oneof(
  fc.constantFrom('https://partner.example/cb?x=1', 'http://a.b', 'ftp://x', 'not a url', '', 'javascript:alert(1)').map((redirectUri) => ({ raw: JSON.stringify({ redirectUri }) })),
  junk.map((redirectUri) => ({ raw: JSON.stringify({ redirectUri }) }))
), { deep: false })
