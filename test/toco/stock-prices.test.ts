/** Update Stocks (guide §7.1) and Update Price (§6.4): keys, warehouse forms, variant rules, applied on the mock clock. */
import { describe, expect, it } from 'vitest'
import { DEMO, snapshot, toco, useApp } from '../helpers.js'
import { batch, GUDANG, read, WAREHOUSES } from './support.js'

const mock = useApp()
const INVENTORY = '/partner/stores/inventory'
const PRICES = '/partner/stores/products/prices'
const KAOS = { id: '5d1f9a4e-2b7c-4e8a-9f3d-1a2b3c4d5e6f', externalId: 'a3c9e1f2-4b6d-4e8f-9a1b-2c3d4e5f6a7b', sku: 'SKU-KPH-M' }
const KEMEJA = '7b0e7d2a-3c1f-4e55-9a51-2f0c3a1d9e01'

const patch = async (path: string, items: unknown, store = GUDANG) => {
  const response = await toco(mock.app, { method: 'PATCH', path, body: { items }, store })
  if (response.statusCode === 200 && response.json().data.batchId) await batch(mock.app, response.json().data.batchId)
  return response
}
const product = async (id: string, store = GUDANG) => (await read(mock.app, `/partner/stores/products/${id}`, store)).json().data
const levels = (item: { warehouses: Array<{ stock: number }> }) => item.warehouses.map((level) => level.stock)

describe('PATCH /api/v1/partner/stores/inventory', () => {
  it('the docs\' item shapes: global stock by sku, id and externalId on a store without warehouses', async () => {
    const response = await patch(INVENTORY, [
      { sku: 'SKU-GRY-XL', stock: 200 },
      { id: 'c16785c6-f55a-4b1d-943c-621db1296357', stock: 99 },
      { externalId: 'bee2f8e5-ed8c-4b8e-97dc-208e45521909', stock: 32 }
    ], DEMO.catalogueStore)
    expect(response.json()).toMatchObject({
      message: 'Stock update accepted for processing',
      meta: { dispatch: true },
      data: { acceptedRows: 3, errors: [], summary: { total: 3, accepted: 3, rejected: 0 } }
    })
    expect((await product('c16785c6-f55a-4b1d-943c-621db1296357', DEMO.catalogueStore)).stock).toBe(99)
    // SKU-GRY-XL and that externalId are the same product: the later row wins.
    expect((await product('d4a8b8bc-de1d-40cb-98de-6783b3fdeab3', DEMO.catalogueStore)).stock).toBe(32)
  })

  it('sets stock where it lives and sums it upwards', async () => {
    const response = await patch(INVENTORY, [
      { sku: 'SKU-GRY-XL', stock: 200 },
      { externalId: DEMO.products.third.externalId, stock: 32 }
    ], DEMO.catalogueStore)
    expect(response.json().data).toMatchObject({ acceptedRows: 2, errors: [], summary: { total: 2, accepted: 2, rejected: 0 } })
    expect((await product('d4a8b8bc-de1d-40cb-98de-6783b3fdeab3', DEMO.catalogueStore)).stock).toBe(200)
    expect((await product(DEMO.products.third.id, DEMO.catalogueStore)).stock).toBe(32)
  })

  it('with warehouses: global stock distributed, ids + stock, {clientId, stock} objects', async () => {
    await patch(INVENTORY, [{ id: KAOS.id, stock: 7 }])
    expect(levels(await product(KAOS.id))).toEqual([3, 2, 2])
    await patch(INVENTORY, [{ sku: KAOS.sku, stock: 55, warehouses: [WAREHOUSES[2]] }])
    expect(levels(await product(KAOS.id))).toEqual([3, 2, 55])
    await patch(INVENTORY, [{ externalId: KAOS.externalId, warehouses: [{ stock: 8, clientId: WAREHOUSES[0] }, { stock: 12, clientId: WAREHOUSES[1] }] }])
    const after = await product(KAOS.id)
    expect(levels(after)).toEqual([8, 12, 55])
    expect(after.stock).toBe(75)
  })

  it('a variant by SKU: its warehouses change, the product\'s stock follows its active variants', async () => {
    await patch(INVENTORY, [{ sku: 'SKU-KCM-HITAM-2', warehouses: [{ stock: 8, clientId: WAREHOUSES[0] }, { stock: 12, clientId: WAREHOUSES[1] }, { stock: 2, clientId: WAREHOUSES[2] }] }])
    const kemeja = await product(KEMEJA)
    expect(kemeja.variants[0]).toMatchObject({ sku: 'SKU-KCM-HITAM-2', stock: 22 })
    expect(levels(kemeja.variants[0])).toEqual([8, 12, 2])
    // 22 (Hitam) + 30 (Maroon); Black / XL is inactive.
    expect(kemeja.stock).toBe(52)
  })

  it.each([
    ['no key', { stock: 1 }, 'PRD_011', 'Exactly one of sku, id or externalId is required'],
    ['two keys', { sku: KAOS.sku, id: KAOS.id, stock: 1 }, 'PRD_011', 'Exactly one of sku, id or externalId is required'],
    ['no stock at all', { sku: KAOS.sku }, 'PRD_001', 'stock or warehouses is required'],
    ['warehouse ids without stock', { sku: KAOS.sku, warehouses: [WAREHOUSES[0]] }, 'PRD_001', 'stock is required'],
    ['objects and stock', { sku: KAOS.sku, stock: 1, warehouses: [{ clientId: WAREHOUSES[0], stock: 1 }] }, 'PRD_003', 'Provide either stock or warehouses, not both'],
    ['a mixed list', { sku: KAOS.sku, stock: 1, warehouses: [WAREHOUSES[0], { clientId: WAREHOUSES[1], stock: 1 }] }, 'PRD_002',
      'warehouses must be a list of warehouse ids or a list of {clientId, stock}'],
    ['an unknown warehouse', { sku: KAOS.sku, stock: 1, warehouses: ['2026012714314318226016'] }, 'PRD_005', 'Warehouse 2026012714314318226016 not found in this store'],
    ['an empty list', { sku: KAOS.sku, stock: 1, warehouses: [] }, 'PRD_006', 'warehouses should not be empty'],
    ['a negative stock', { sku: KAOS.sku, stock: -1 }, 'PRD_002', 'stock must be >= 0'],
    ['an unknown SKU', { sku: 'SKU-NOPE', stock: 1 }, 'PRD_012', 'Product SKU not found'],
    ['an unknown id', { id: DEMO.products.unknown, stock: 1 }, 'PRD_014', 'Product ID not found'],
    ['an unknown externalId', { externalId: 'nope', stock: 1 }, 'PRD_013', 'Product external ID not found'],
    ['a product with variants by id', { id: KEMEJA, stock: 1 }, 'PRD_015', 'Product has variants: update the stock of its variants by sku']
  ])('%s → row error, nothing written', async (_name, item, code, message) => {
    const before = snapshot(mock.app)
    const response = await patch(INVENTORY, [item])
    expect(response.statusCode).toBe(200)
    expect(response.json().data.errors).toEqual([{ code, message, rowIndex: 0, ...Object.fromEntries(Object.entries(item).filter(([key, value]) => ['sku', 'id', 'externalId'].includes(key) && typeof value === 'string')) }])
    expect(response.json().data.batchId).toBeNull()
    expect(snapshot(mock.app)).toEqual(before)
  })

  it('warehouses on a store without any → PRD_004', async () => {
    const response = await patch(INVENTORY, [{ sku: 'SKU-GRY-XL', warehouses: [{ clientId: WAREHOUSES[0], stock: 1 }] }], DEMO.catalogueStore)
    expect(response.json().data.errors[0]).toMatchObject({ code: 'PRD_004', message: 'This store has no warehouses: send stock instead of warehouses' })
  })

  it('deleted products and other stores\' products are not found', async () => {
    const response = await patch(INVENTORY, [{ id: DEMO.products.alreadyDeleted, stock: 1 }, { id: DEMO.products.otherStores, stock: 1 }, { sku: 'OTHER-1', stock: 1 }], DEMO.catalogueStore)
    expect(response.json().data.errors.map((error: { code: string }) => error.code)).toEqual(['PRD_014', 'PRD_014', 'PRD_012'])
  })

  it('VAL_001 for a body without items', async () => {
    const response = await toco(mock.app, { method: 'PATCH', path: INVENTORY, body: { items: [] }, store: GUDANG })
    expect(response.statusCode).toBe(400)
    expect(response.json().error.details.context.validationErrors).toEqual({ items: 'items should not be empty' })
  })
})

describe('PATCH /api/v1/partner/stores/products/prices', () => {
  it('id for a simple product, sku for a variant; the product shows its lowest active variant price', async () => {
    const response = await patch(PRICES, [
      { id: KAOS.id, price: 80000, specialPrice: 70000 },
      { sku: 'SKU-KCM-HITAM-2', price: 140000 },
      { sku: 'SKU-MRON-L', specialPrice: null }
    ])
    expect(response.json()).toMatchObject({ message: 'Price update accepted for processing', data: { acceptedRows: 3, errors: [] } })
    expect(await product(KAOS.id)).toMatchObject({ price: 80000, specialPrice: 70000 })
    const kemeja = await product(KEMEJA)
    expect(kemeja.variants.map((variant: { price: number, specialPrice: number | null }) => [variant.price, variant.specialPrice]))
      .toEqual([[140000, null], [155000, null], [160000, null]])
    expect(kemeja).toMatchObject({ price: 140000, specialPrice: null })
  })

  it('specialPrice alone keeps the price; null clears it', async () => {
    await patch(PRICES, [{ sku: KAOS.sku, specialPrice: 60000 }])
    expect(await product(KAOS.id)).toMatchObject({ price: 75000, specialPrice: 60000 })
    await patch(PRICES, [{ sku: KAOS.sku, specialPrice: null }])
    expect(await product(KAOS.id)).toMatchObject({ price: 75000, specialPrice: null })
  })

  it.each([
    ['id of a product with variants', { id: KEMEJA, price: 1 }, 'PRD_010', 'id cannot target a product with variants; use the variant sku'],
    ['externalId is not a price key', { externalId: KAOS.externalId, price: 1 }, 'PRD_011', 'Exactly one of sku or id is required'],
    ['sku and id', { sku: KAOS.sku, id: KAOS.id, price: 1 }, 'PRD_011', 'Exactly one of sku or id is required'],
    ['no price', { sku: KAOS.sku }, 'PRD_001', 'price or specialPrice is required'],
    ['a price that is a string', { sku: KAOS.sku, price: '100000' }, 'PRD_002', 'price must be integer'],
    ['an unknown SKU', { sku: 'ABC', price: 100000 }, 'PRD_012', 'Product SKU not found']
  ])('%s → row error, nothing written', async (_name, item, code, message) => {
    const before = snapshot(mock.app)
    const response = await patch(PRICES, [item])
    expect(response.json().data.errors).toEqual([expect.objectContaining({ code, message, rowIndex: 0 })])
    expect(snapshot(mock.app)).toEqual(before)
  })
})
