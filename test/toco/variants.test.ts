/**
 * Products with variants through the API (issue 19): Create Products With Variants, Catalog With
 * Variants Sync, Update Product, and what the existing endpoints do with the variants they make.
 */
import { describe, expect, it } from 'vitest'
import { createApp, DEMO, snapshot, toco, useApp, UUID_V4 } from '../helpers.js'
import { batch, GUDANG, read, row, rows, WAREHOUSES } from './support.js'

const mock = useApp()
const BULK = '/partner/stores/products/with-variants/bulk'
const SYNC = '/partner/stores/catalog/with-variants/sync'
const T0 = Date.parse('2026-03-01T10:00:00.000Z')
const T0_ISO = '2026-03-01T10:00:00.000Z'
const CATALOGUE = DEMO.catalogueStore

type Store = { storeClientId: string, storeToken: string }
/** Sends a batch and lets it apply (TOCO_BATCH_DELAY_MS is 0: the next request ticks). */
async function post (path: string, products: unknown[], store: Store = GUDANG) {
  const response = await toco(mock.app, { path, body: { products }, store })
  await mock.app.inject({ url: '/__admin/health' })
  return response
}
const patch = (path: string, body: unknown, store: Store = GUDANG) => toco(mock.app, { method: 'PATCH', path, body, store })
const product = async (id: string, store: Store = GUDANG) => (await read(mock.app, `/partner/stores/products/${id}`, store)).json().data
const idOf = (store: string, externalId: string) =>
  row(mock.app, 'SELECT id FROM toco_products WHERE store_client_id = ? AND external_id = ? AND deleted_at IS NULL', store, externalId)?.id as string

const GROUPS = [{ name: 'Warna', options: ['Hitam', 'Putih'] }, { name: 'Ukuran', options: ['M', 'L'] }]
const opts = (warna: string, ukuran: string) => [{ name: 'Warna', value: warna }, { name: 'Ukuran', value: ukuran }]

/** The docs' PRD2 example parent, with option groups and three variants of ours. */
const TSHIRT = {
  externalId: '946b3ffa-5f9e-412e-acf4-eea306736e64',
  name: 'Regular Fit Printed T-shirt',
  description: 'Comfortable cotton t-shirt, available in multiple colors.',
  minOrder: 1,
  subCategoryId: '0e882586-c506-4792-a831-02767a68dae2',
  categoryId: '2fde2994-28a8-4d09-a128-6d744b9e1323',
  typeId: 'd86db295-41c3-423d-a2c2-a59724f38316',
  hashtags: ['hnm', 'regular-fit'],
  condition: 'NEW',
  photos: ['https://example.com/hnm-1.jpg'],
  optionGroups: GROUPS,
  variants: {
    items: [
      { sku: 'HNM-BLK-M', options: opts('Hitam', 'M'), price: 129000, stock: 10 },
      { sku: 'HNM-BLK-L', options: opts('Hitam', 'L'), price: 139000, specialPrice: 119000, warehouses: [{ clientId: WAREHOUSES[1], stock: 4 }] },
      { sku: 'HNM-WHT-M', name: 'Putih polos M', options: opts('Putih', 'M'), price: 129000, stock: 2 }
    ]
  }
}

const levels = (...stocks: number[]) => [
  { clientId: WAREHOUSES[0], name: 'Gudang Jakarta', stock: stocks[0] },
  { clientId: WAREHOUSES[1], name: 'Gudang Bandung', stock: stocks[1] },
  { clientId: WAREHOUSES[2], name: 'Gudang Surabaya', stock: stocks[2] }
]

describe('POST /api/v1/partner/stores/products/with-variants/bulk', () => {
  it('creates the parent, its option groups and variants; stock split or per warehouse; price and stock from the variants', async () => {
    mock.app.mock.clock.freeze(T0)
    const response = await toco(mock.app, { path: BULK, body: { products: [TSHIRT] }, store: GUDANG })
    expect(response.statusCode).toBe(200)
    const body = response.json()
    expect(body.message).toBe('Products with variants accepted for processing')
    expect(body.data).toEqual({
      requestId: body.requestId,
      batchId: expect.stringMatching(UUID_V4),
      acceptedRows: 1,
      errors: [],
      summary: { total: 1, accepted: 1, rejected: 0 }
    })
    expect(row(mock.app, 'SELECT kind, status FROM toco_batches WHERE id = ?', body.data.batchId)).toEqual({ kind: 'with-variants', status: 'queued' })

    const status = await batch(mock.app, body.data.batchId)
    const id = idOf(GUDANG.storeClientId, TSHIRT.externalId)
    expect(status).toMatchObject({ kind: 'with-variants', status: 'applied', rows: [{ rowIndex: 0, status: 'applied', productId: id }] })
    const data = await product(id)
    const { variants, ...parent } = data
    expect(parent).toMatchObject({
      externalId: TSHIRT.externalId,
      name: TSHIRT.name,
      description: TSHIRT.description,
      hashtags: ['hnm', 'regular-fit'],
      sku: null,
      price: 129000,
      specialPrice: 119000,
      stock: 16,
      hasVariants: true,
      optionGroups: GROUPS,
      warehouses: [],
      isVerified: false,
      createdAt: T0_ISO
    })
    expect(variants).toEqual([
      {
        id: expect.stringMatching(UUID_V4),
        sku: 'HNM-BLK-M',
        name: 'Hitam / M',
        price: 129000,
        specialPrice: null,
        stock: 10,
        isActive: true,
        options: opts('Hitam', 'M'),
        warehouses: levels(4, 3, 3),
        createdAt: T0_ISO,
        updatedAt: T0_ISO
      },
      {
        id: expect.stringMatching(UUID_V4),
        sku: 'HNM-BLK-L',
        name: 'Hitam / L',
        price: 139000,
        specialPrice: 119000,
        stock: 4,
        isActive: true,
        options: opts('Hitam', 'L'),
        warehouses: levels(0, 4, 0),
        createdAt: T0_ISO,
        updatedAt: T0_ISO
      },
      {
        id: expect.stringMatching(UUID_V4),
        sku: 'HNM-WHT-M',
        name: 'Putih polos M',
        price: 129000,
        specialPrice: null,
        stock: 2,
        isActive: true,
        options: opts('Putih', 'M'),
        warehouses: levels(1, 1, 0),
        createdAt: T0_ISO,
        updatedAt: T0_ISO
      }
    ])
    // Stock lives per warehouse: the rows the docs call listing_warehouses.
    const stored = rows(mock.app, 'SELECT warehouse_client_id AS w, stock FROM toco_stock_levels WHERE item_id = ?', variants[1].id)
    expect(stored).toHaveLength(3)
    expect(stored).toEqual(expect.arrayContaining([{ w: WAREHOUSES[0], stock: 0 }, { w: WAREHOUSES[1], stock: 4 }, { w: WAREHOUSES[2], stock: 0 }]))
  })

  it('on a store without warehouses a variant keeps its own stock; warehouses there → PRD_004', async () => {
    const shirt = { externalId: 'nowh-1', name: 'Kaos', variants: { items: [{ sku: 'NOWH-1', price: 1000, stock: 7 }] } }
    const response = await post(BULK, [shirt, { ...shirt, externalId: 'nowh-2', variants: { items: [{ sku: 'NOWH-2', price: 1, warehouses: [{ clientId: WAREHOUSES[0], stock: 1 }] }] } }], CATALOGUE)
    expect(response.json().data.errors).toEqual([{
      code: 'PRD_004', message: 'This store has no warehouses: send stock instead of warehouses', rowIndex: 1, externalId: 'nowh-2', path: 'variants.items.0.warehouses'
    }])
    const data = await product(idOf(CATALOGUE.storeClientId, 'nowh-1'), CATALOGUE)
    expect(data).toMatchObject({ price: 1000, stock: 7, hasVariants: true, optionGroups: [], variants: [{ sku: 'NOWH-1', name: 'NOWH-1', stock: 7, options: [], warehouses: [] }] })
  })

  it('updates by externalId: items are the final set — kept ones update, omitted ones deactivate, a listed inactive one reactivates', async () => {
    mock.app.mock.clock.freeze(T0)
    await post(BULK, [TSHIRT])
    const id = idOf(GUDANG.storeClientId, TSHIRT.externalId)
    const before = await product(id)
    mock.app.mock.clock.freeze(T0 + 60_000)
    const second = await post(BULK, [{
      ...TSHIRT,
      name: 'Regular Fit Printed T-shirt v2',
      variants: { items: [{ sku: 'HNM-BLK-M', price: 99000 }, { sku: 'HNM-WHT-L', options: opts('Putih', 'L'), price: 149000, stock: 6 }] }
    }])
    expect(second.json().data.errors).toEqual([])
    const after = await product(id)
    expect(after.id).toBe(id)
    expect(after.name).toBe('Regular Fit Printed T-shirt v2')
    expect(after.variants.map((v: { sku: string, isActive: boolean, price: number, stock: number }) => [v.sku, v.isActive, v.price, v.stock])).toEqual([
      ['HNM-BLK-M', true, 99000, 10], ['HNM-BLK-L', false, 139000, 4], ['HNM-WHT-M', false, 129000, 2], ['HNM-WHT-L', true, 149000, 6]
    ])
    expect(after.variants[0].id).toBe(before.variants[0].id)
    expect(after).toMatchObject({ price: 99000, specialPrice: null, stock: 16 })

    await post(BULK, [{ ...TSHIRT, variants: { items: [{ sku: 'HNM-BLK-L' }] } }])
    const third = await product(id)
    expect(third.variants.filter((v: { isActive: boolean }) => v.isActive).map((v: { sku: string }) => v.sku)).toEqual(['HNM-BLK-L'])
    expect(third).toMatchObject({ price: 139000, specialPrice: 119000, stock: 4 })
  })

  it.each([
    ['product-level price', { ...TSHIRT, price: 100000 }, 'PRD_016', 'Product has variants: product-level price, specialPrice, stock, sku and warehouses are not allowed', 'price'],
    ['product-level stock', { ...TSHIRT, stock: 5 }, 'PRD_016', 'Product has variants: product-level price, specialPrice, stock, sku and warehouses are not allowed', 'stock'],
    ['stock and warehouses on one variant', { ...TSHIRT, variants: { items: [{ sku: 'X-1', options: opts('Hitam', 'M'), price: 1, stock: 1, warehouses: [{ clientId: WAREHOUSES[0], stock: 1 }] }] } },
      'PRD_003', 'Provide either stock or warehouses, not both', 'variants.items.0'],
    ['an unknown warehouse', { ...TSHIRT, variants: { items: [{ sku: 'X-1', options: opts('Hitam', 'M'), price: 1, warehouses: [{ clientId: WAREHOUSES[0], stock: 1 }, { clientId: 'wh_nope', stock: 1 }] }] } },
      'PRD_005', 'Warehouse wh_nope not found in this store', 'variants.items.0.warehouses.1.clientId'],
    ['empty warehouses', { ...TSHIRT, variants: { items: [{ sku: 'X-1', options: opts('Hitam', 'M'), price: 1, warehouses: [] }] } },
      'PRD_006', 'warehouses should not be empty', 'variants.items.0.warehouses'],
    ['a SKU twice among the items', { ...TSHIRT, variants: { items: [{ sku: 'X-1', options: opts('Hitam', 'M'), price: 1, stock: 1 }, { sku: 'X-1', options: opts('Hitam', 'L'), price: 1, stock: 1 }] } },
      'PRD_017', 'SKU X-1 appears more than once in variants.items', 'variants.items.1.sku'],
    ['a SKU another product holds', { ...TSHIRT, variants: { items: [{ sku: 'SKU-KPH-M', options: opts('Hitam', 'M'), price: 1, stock: 1 }] } },
      'PRD_008', 'SKU SKU-KPH-M is already used by another product in this store', 'variants.items.0.sku'],
    ['a new variant without a price', { ...TSHIRT, variants: { items: [{ sku: 'X-1', options: opts('Hitam', 'M'), stock: 1 }] } },
      'PRD_001', 'variants.items.0.price is required', 'variants.items.0.price'],
    ['a new variant without stock', { ...TSHIRT, variants: { items: [{ sku: 'X-1', options: opts('Hitam', 'M'), price: 1 }] } },
      'PRD_001', 'variants.items.0.stock or warehouses is required', 'variants.items.0'],
    ['an option that is not in its group', { ...TSHIRT, variants: { items: [{ sku: 'X-1', options: opts('Merah', 'M'), price: 1, stock: 1 }] } },
      'PRD_002', 'variants.items.0.options.0.value Merah is not an option of Warna', 'variants.items.0.options.0.value'],
    ['options missing a group', { ...TSHIRT, variants: { items: [{ sku: 'X-1', options: [{ name: 'Warna', value: 'Hitam' }], price: 1, stock: 1 }] } },
      'PRD_002', 'variants.items.0.options must give one value for each option group', 'variants.items.0.options'],
    ['two variants with the same options', { ...TSHIRT, variants: { items: [{ sku: 'X-1', options: opts('Hitam', 'M'), price: 1, stock: 1 }, { sku: 'X-2', options: opts('Hitam', 'M'), price: 1, stock: 1 }] } },
      'PRD_002', 'variants.items.1.options repeat those of another variant', 'variants.items.1.options']
  ])('%s → %s with its path, nothing written', async (_name, input, code, message, path) => {
    const before = snapshot(mock.app)
    const response = await post(BULK, [input])
    expect(response.json().data).toEqual({
      requestId: response.json().requestId,
      batchId: null,
      acceptedRows: 0,
      errors: [{ code, message, rowIndex: 0, externalId: TSHIRT.externalId, path }],
      summary: { total: 1, accepted: 0, rejected: 1 }
    })
    expect(snapshot(mock.app)).toEqual(before)
  })

  it('no variants → PRD_002 / PRD_001 from the row schema', async () => {
    const response = await post(BULK, [{ ...TSHIRT, variants: { items: [] } }, { externalId: 'x', name: 'x' }])
    expect(response.json().data.errors).toEqual([
      { code: 'PRD_002', message: expect.stringMatching(/^variants\.items /), rowIndex: 0, externalId: TSHIRT.externalId },
      { code: 'PRD_001', message: 'variants is required', rowIndex: 1, externalId: 'x' }
    ])
  })

  it('the same SKU in two rows of one batch: the later row is PRD_008 and only the first applies', async () => {
    const other = { ...TSHIRT, externalId: 'other-shirt', variants: { items: [{ sku: 'HNM-BLK-M', options: opts('Hitam', 'M'), price: 1, stock: 1 }] } }
    const response = await post(BULK, [TSHIRT, other])
    expect(response.json().data.errors).toEqual([{
      code: 'PRD_008', message: 'SKU HNM-BLK-M is already used by another product in this store', rowIndex: 1, externalId: 'other-shirt', path: 'variants.items.0.sku'
    }])
    await read(mock.app, '/partner/stores/products', GUDANG)
    expect(idOf(GUDANG.storeClientId, 'other-shirt')).toBeUndefined()
    expect(rows(mock.app, "SELECT count(*) AS n FROM toco_product_variants WHERE sku = 'HNM-BLK-M'")).toEqual([{ n: 1 }])
  })

  it('a simple product updated through it gains variants and loses its own SKU and stock rows', async () => {
    const kaos = row(mock.app, "SELECT id, external_id FROM toco_products WHERE sku = 'SKU-KPH-M'")!
    await post(BULK, [{ externalId: kaos.external_id, name: 'Kaos Polos', variants: { items: [{ sku: 'SKU-KPH-M', price: 50000, stock: 3 }] } }])
    const data = await product(kaos.id as string)
    expect(data).toMatchObject({ sku: null, hasVariants: true, price: 50000, stock: 3, warehouses: [], variants: [{ sku: 'SKU-KPH-M', stock: 3, warehouses: levels(1, 1, 1) }] })
    expect(rows(mock.app, 'SELECT * FROM toco_stock_levels WHERE item_id = ?', kaos.id)).toEqual([])
  })
})

describe('a with-variants batch waits for the mock clock and is judged again when it applies', () => {
  it('a SKU Update Product took in between fails the row at apply time, with its code and path; the other rows apply', async () => {
    await mock.app.close()
    mock.app = await createApp({ tocoBatchDelayMs: 5000 })
    mock.app.mock.clock.freeze(T0)
    const late = { externalId: 'late-1', name: 'Late', variants: { items: [{ sku: 'LATE-1', price: 1000, stock: 3 }] } }
    const other = { externalId: 'late-2', name: 'Later', variants: { items: [{ sku: 'LATE-2', price: 2000, stock: 3 }] } }
    const accepted = (await toco(mock.app, { path: BULK, body: { products: [late, other] }, store: GUDANG })).json().data
    expect(accepted).toMatchObject({ acceptedRows: 2, errors: [] })
    // Meanwhile Update Product gives a fixture product with variants the SKU the first row wanted.
    const taken = await patch('/partner/stores/products/7b0e7d2a-3c1f-4e55-9a51-2f0c3a1d9e01', {
      variants: { items: [{ sku: 'SKU-KCM-HITAM-2' }, { sku: 'LATE-1', price: 5, stock: 1 }] }
    })
    expect(taken.statusCode).toBe(200)
    mock.app.mock.clock.advance(4999)
    expect((await batch(mock.app, accepted.batchId)).status).toBe('queued')
    mock.app.mock.clock.advance(1)
    const status = await batch(mock.app, accepted.batchId)
    expect(status).toMatchObject({ status: 'applied', appliedAt: '2026-03-01T10:00:05.000Z', summary: { total: 2, rejected: 0, queued: 0, applied: 1, failed: 1 } })
    expect(status.rows[0]).toEqual({
      rowIndex: 0, status: 'failed', input: late, code: 'PRD_008', message: 'SKU LATE-1 is already used by another product in this store', path: 'variants.items.0.sku'
    })
    expect(status.rows[1]).toMatchObject({ rowIndex: 1, status: 'applied', productId: idOf(GUDANG.storeClientId, 'late-2') })
    expect(idOf(GUDANG.storeClientId, 'late-1')).toBeUndefined()
    expect(row(mock.app, 'SELECT created_at FROM toco_products WHERE external_id = ?', 'late-2')).toEqual({ created_at: '2026-03-01T10:00:05.000Z' })
  })
})

describe('POST /api/v1/partner/stores/catalog/with-variants/sync', () => {
  it('creates like the bulk endpoint, but an existing externalId is PRD_009', async () => {
    const response = await post(SYNC, [TSHIRT])
    expect(response.json()).toMatchObject({ message: 'Catalog with variants sync accepted for processing', data: { acceptedRows: 1, errors: [] } })
    const id = idOf(GUDANG.storeClientId, TSHIRT.externalId)
    expect(row(mock.app, 'SELECT kind FROM toco_batches WHERE id = ?', response.json().data.batchId)).toEqual({ kind: 'catalog-with-variants' })
    expect((await product(id)).variants).toHaveLength(3)
    const before = snapshot(mock.app)
    const again = await post(SYNC, [TSHIRT])
    expect(again.json().data.errors).toEqual([{ code: 'PRD_009', message: 'Product with this externalId already exists', rowIndex: 0, externalId: TSHIRT.externalId }])
    expect(snapshot(mock.app)).toEqual(before)
  })
})

describe('PATCH /api/v1/partner/stores/products/{productId} (Update Product)', () => {
  const KEMEJA = '7b0e7d2a-3c1f-4e55-9a51-2f0c3a1d9e01'
  const KAOS = '5d1f9a4e-2b7c-4e8a-9f3d-1a2b3c4d5e6f'

  it('variants omitted → a true PATCH: only the given fields change, synchronously', async () => {
    mock.app.mock.clock.freeze(T0)
    const before = await product(KEMEJA)
    const response = await patch(`/partner/stores/products/${KEMEJA}`, { name: 'Kemeja Flanel', hashtags: ['flanel'] })
    expect(response.statusCode).toBe(200)
    const body = response.json()
    expect(body).toEqual({ success: true, message: 'Product updated successfully', requestId: body.requestId, meta: { timestamp: T0_ISO }, data: body.data })
    expect(body.data).toEqual({ ...before, name: 'Kemeja Flanel', hashtags: ['flanel'], updatedAt: T0_ISO })
    expect(await product(KEMEJA)).toEqual(body.data)
  })

  it('variants.items: updates the listed, reactivates an inactive one, creates a new one, deactivates the omitted', async () => {
    mock.app.mock.clock.freeze(T0)
    const hitam = (await product(KEMEJA)).variants[0].warehouses as Array<{ stock: number }>
    const response = await patch(`/partner/stores/products/${KEMEJA}`, {
      variants: {
        items: [
          { sku: 'SKU-KCM-HITAM-2', price: 140000, warehouses: [{ clientId: WAREHOUSES[2], stock: 9 }] },
          { sku: 'SKU-BLK-XL' },
          { sku: 'SKU-KCM-BIRU-3', name: 'Biru / XL', price: 170000, stock: 30 }
        ]
      }
    })
    expect(response.statusCode).toBe(200)
    const variants = response.json().data.variants as Array<{ sku: string, isActive: boolean, price: number, stock: number, warehouses: unknown }>
    expect(variants.map((v) => [v.sku, v.isActive, v.price])).toEqual([
      ['SKU-KCM-HITAM-2', true, 140000], ['SKU-MRON-L', false, 155000], ['SKU-BLK-XL', true, 160000], ['SKU-KCM-BIRU-3', true, 170000]
    ])
    expect(variants[0]!.warehouses).toEqual(levels(hitam[0]!.stock, hitam[1]!.stock, 9))
    expect(variants[3]!.warehouses).toEqual(levels(10, 10, 10))
    expect(response.json().data).toMatchObject({ hasVariants: true, price: 140000, stock: variants[0]!.stock + variants[2]!.stock + 30 })
    expect(row(mock.app, "SELECT is_active FROM toco_product_variants WHERE sku = 'SKU-MRON-L'")).toEqual({ is_active: 0 })
  })

  it('variants.items: [] → every variant soft-deactivated, a simple product that then takes product-level price and stock', async () => {
    mock.app.mock.clock.freeze(T0)
    const response = await patch(`/partner/stores/products/${KEMEJA}`, { variants: { items: [] } })
    expect(response.statusCode).toBe(200)
    const data = response.json().data
    expect(data).toMatchObject({ hasVariants: false, optionGroups: [], stock: 0, price: 150000, warehouses: levels(0, 0, 0) })
    expect(data.variants.map((v: { isActive: boolean }) => v.isActive)).toEqual([false, false, false])
    expect(rows(mock.app, 'SELECT is_active FROM toco_product_variants WHERE product_id = ?', KEMEJA)).toEqual([{ is_active: 0 }, { is_active: 0 }, { is_active: 0 }])

    const priced = await patch(`/partner/stores/products/${KEMEJA}`, { price: 99000, sku: 'KCM-SIMPLE', warehouses: [{ clientId: WAREHOUSES[0], stock: 5 }] })
    expect(priced.json().data).toMatchObject({ hasVariants: false, sku: 'KCM-SIMPLE', price: 99000, stock: 5, warehouses: levels(5, 0, 0) })
    // Its old variants are gone for stock and price.
    const stock = await toco(mock.app, { method: 'PATCH', path: '/partner/stores/inventory', body: { items: [{ sku: 'SKU-MRON-L', stock: 1 }] }, store: GUDANG })
    expect(stock.json().data.errors).toEqual([{ code: 'PRD_012', message: 'Product SKU not found', rowIndex: 0, sku: 'SKU-MRON-L' }])
  })

  it('a simple product given variants.items becomes a product with variants', async () => {
    const response = await patch(`/partner/stores/products/${KAOS}`, {
      optionGroups: [{ name: 'Ukuran', options: ['M', 'L'] }],
      variants: { items: [{ sku: 'KPH-M', options: [{ name: 'Ukuran', value: 'M' }], price: 80000, stock: 3 }, { sku: 'KPH-L', options: [{ name: 'Ukuran', value: 'L' }], price: 85000, stock: 0 }] }
    })
    expect(response.statusCode).toBe(200)
    expect(response.json().data).toMatchObject({
      sku: null,
      hasVariants: true,
      price: 80000,
      stock: 3,
      warehouses: [],
      optionGroups: [{ name: 'Ukuran', options: ['M', 'L'] }],
      variants: [{ sku: 'KPH-M', name: 'M', options: [{ name: 'Ukuran', value: 'M' }] }, { sku: 'KPH-L', name: 'L' }]
    })
  })

  it('simple products: stock alone, or warehouses alone, on a store with and without warehouses', async () => {
    const onGudang = await patch(`/partner/stores/products/${KAOS}`, { stock: 10 })
    expect(onGudang.json().data).toMatchObject({ stock: 10, warehouses: levels(4, 3, 3) })
    const listed = await patch(`/partner/stores/products/${KAOS}`, { warehouses: [{ clientId: WAREHOUSES[1], stock: 0 }], specialPrice: 1000 })
    expect(listed.json().data).toMatchObject({ stock: 7, specialPrice: 1000, warehouses: levels(4, 0, 3) })
    const simple = DEMO.products.seedSuccess.id
    const own = await patch(`/partner/stores/products/${simple}`, { stock: 42, isArchived: true }, CATALOGUE)
    expect(own.json().data).toMatchObject({ stock: 42, isArchived: true, warehouses: [] })
  })

  it.each([
    ['product-level price on a product with variants', KEMEJA, { price: 1 }, 400, 'PRD_016', 'Product has variants: product-level price, specialPrice, stock, sku and warehouses are not allowed', 'price'],
    ['product-level stock next to variants.items', KAOS, { stock: 1, variants: { items: [{ sku: 'N-1', price: 1, stock: 1 }] } }, 400, 'PRD_016',
      'Product has variants: product-level price, specialPrice, stock, sku and warehouses are not allowed', 'stock'],
    ['stock and warehouses on a simple product', KAOS, { stock: 1, warehouses: [{ clientId: WAREHOUSES[0], stock: 1 }] }, 400, 'PRD_003', 'Provide either stock or warehouses, not both', undefined],
    ['stock and warehouses on a variant', KEMEJA, { variants: { items: [{ sku: 'SKU-MRON-L', stock: 1, warehouses: [{ clientId: WAREHOUSES[0], stock: 1 }] }] } }, 400, 'PRD_003',
      'Provide either stock or warehouses, not both', 'variants.items.0'],
    ['an unknown warehouse', KAOS, { warehouses: [{ clientId: 'wh_nope', stock: 1 }] }, 400, 'PRD_005', 'Warehouse wh_nope not found in this store', 'warehouses.0.clientId'],
    ['an unknown warehouse on a variant', KEMEJA, { variants: { items: [{ sku: 'SKU-MRON-L', warehouses: [{ clientId: 'wh_nope', stock: 1 }] }] } }, 400, 'PRD_005',
      'Warehouse wh_nope not found in this store', 'variants.items.0.warehouses.0.clientId'],
    ['empty warehouses', KAOS, { warehouses: [] }, 400, 'PRD_006', 'warehouses should not be empty', 'warehouses'],
    ['a SKU twice among the items', KEMEJA, { variants: { items: [{ sku: 'SKU-MRON-L' }, { sku: 'SKU-MRON-L' }] } }, 400, 'PRD_017',
      'SKU SKU-MRON-L appears more than once in variants.items', 'variants.items.1.sku'],
    ['a SKU another product holds', KEMEJA, { variants: { items: [{ sku: 'SKU-KPH-M', price: 1, stock: 1 }] } }, 409, 'PRD_008',
      'SKU SKU-KPH-M is already used by another product in this store', 'variants.items.0.sku']
  ])('%s → %s, nothing written', async (_name, id, body, status, code, message, path) => {
    const before = snapshot(mock.app)
    const response = await patch(`/partner/stores/products/${id}`, body)
    expect(response.statusCode).toBe(status)
    expect(response.json().error).toEqual({
      code,
      message,
      details: {
        timestamp: expect.any(String),
        hint: 'See the Update Product rules: variants, stock levels and warehouses',
        context: { productId: id, ...(path === undefined ? {} : { path }) }
      }
    })
    expect(snapshot(mock.app)).toEqual(before)
  })

  it('a body of the wrong shape → VAL_001; an unknown, deleted or other store\'s product → PRD_014', async () => {
    const before = snapshot(mock.app)
    const invalid = await patch(`/partner/stores/products/${KAOS}`, { price: '1000' })
    expect(invalid.statusCode).toBe(400)
    expect(invalid.json().error).toMatchObject({ code: 'VAL_001', message: 'Validation failed', details: { context: { validationErrors: { price: expect.any(String) } } } })
    for (const id of [DEMO.products.unknown, DEMO.products.alreadyDeleted, DEMO.products.otherStores]) {
      const missing = await patch(`/partner/stores/products/${id}`, { name: 'x' }, CATALOGUE)
      expect(missing.statusCode).toBe(404)
      expect(missing.json().error).toMatchObject({ code: 'PRD_014', message: 'Product ID not found', details: { context: { productId: id } } })
    }
    expect(snapshot(mock.app)).toEqual(before)
  })

  it('PATCH /partner/products/{externalId}: the same update by externalId (PRD_013 when unknown)', async () => {
    const { externalId, id } = DEMO.products.second
    const response = await patch(`/partner/products/${externalId}`, { name: 'Renamed by externalId' }, CATALOGUE)
    expect(response.json()).toMatchObject({ message: 'Product updated successfully', data: { id, externalId, name: 'Renamed by externalId' } })
    const missing = await patch('/partner/products/no-such-external', { name: 'x' }, CATALOGUE)
    expect(missing.statusCode).toBe(404)
    expect(missing.json().error).toMatchObject({ code: 'PRD_013', message: 'Product external ID not found', details: { context: { externalId: 'no-such-external' } } })
  })
})

describe('variant products through the existing endpoints', () => {
  it('list filter, get by a variant SKU, price by SKU (id refused), stock per warehouse, deletion with its variants', async () => {
    await post(BULK, [TSHIRT])
    const id = idOf(GUDANG.storeClientId, TSHIRT.externalId)
    const active = await read(mock.app, '/partner/stores/products?isVariantActive=true&limit=100', GUDANG)
    expect(active.json().data.map((p: { id: string }) => p.id)).toContain(id)

    const prices = await toco(mock.app, {
      method: 'PATCH', path: '/partner/stores/products/prices', store: GUDANG, body: { items: [{ sku: 'HNM-BLK-L', price: 109000 }, { id, price: 1 }] }
    })
    expect(prices.json().data.errors).toEqual([{ code: 'PRD_010', message: 'id cannot target a product with variants; use the variant sku', rowIndex: 1, id }])
    const stock = await toco(mock.app, {
      method: 'PATCH', path: '/partner/stores/inventory', store: GUDANG, body: { items: [{ sku: 'HNM-BLK-L', warehouses: [{ clientId: WAREHOUSES[2], stock: 11 }] }] }
    })
    expect(stock.json().data.errors).toEqual([])
    const bySku = (await read(mock.app, '/partner/stores/products/sku/HNM-BLK-L', GUDANG)).json().data
    expect(bySku.id).toBe(id)
    expect(bySku.variants[1]).toMatchObject({ sku: 'HNM-BLK-L', price: 109000, stock: 15, warehouses: levels(0, 4, 11) })
    expect(bySku).toMatchObject({ price: 109000, stock: 27 })

    const deleted = await toco(mock.app, { path: '/partner/stores/products/deletions', store: GUDANG, body: { ids: [id] } })
    expect(deleted.json().data.summary).toEqual({ total: 1, succeeded: 1, failed: 0 })
    const gone = await read(mock.app, '/partner/stores/products/sku/HNM-BLK-L', GUDANG)
    expect(gone.statusCode).toBe(404)
    expect(gone.json().error).toMatchObject({ code: 'PRD_012', message: 'Product SKU not found' })
    // The SKUs of a deleted product are free again.
    const again = await post(BULK, [{ ...TSHIRT, externalId: 'reborn' }])
    expect(again.json().data.errors).toEqual([])
  })

  it('an order whose items name variants reads back with them, and the variants they name can be created through the API', async () => {
    await post(BULK, [TSHIRT])
    const variant = row(mock.app, "SELECT id, product_id FROM toco_product_variants WHERE sku = 'HNM-BLK-L'")!
    const merged = await mock.app.inject({
      method: 'POST',
      url: '/__admin/fixtures?mode=merge',
      payload: {
        toco: {
          orders: [{
            id: '019b0b32-44ef-7995-840e-ebb6fd84a999',
            storeClientId: GUDANG.storeClientId,
            invoiceNumber: 'INV/20260301/MPL/0042',
            status: 'paid',
            total: 238000,
            items: [{ productId: variant.product_id, variantId: variant.id, sku: 'HNM-BLK-L', name: 'Regular Fit Printed T-shirt - Hitam / L', quantity: 2, price: 119000 }]
          }]
        }
      }
    })
    expect(merged.statusCode).toBe(200)
    const order = (await read(mock.app, '/partner/stores/orders/INV%2F20260301%2FMPL%2F0042', GUDANG)).json().data
    expect(order.items).toEqual([{
      productId: variant.product_id, variantId: variant.id, sku: 'HNM-BLK-L', name: 'Regular Fit Printed T-shirt - Hitam / L', quantity: 2, price: 119000, subtotal: 238000
    }])
  })

  it('the state export writes option groups and variant options back, and they load again', async () => {
    await post(BULK, [TSHIRT])
    await read(mock.app, '/partner/stores/products', GUDANG)
    const exported = (await mock.app.inject({ url: '/__admin/state' })).json()
    const shirt = exported.toco.products.find((p: { externalId: string, storeClientId: string }) =>
      p.externalId === TSHIRT.externalId && p.storeClientId === GUDANG.storeClientId)
    expect(shirt.optionGroups).toEqual(GROUPS)
    expect(shirt.variants.map((v: { options: unknown }) => v.options)).toEqual([opts('Hitam', 'M'), opts('Hitam', 'L'), opts('Putih', 'M')])
    const before = snapshot(mock.app)
    const loaded = await mock.app.inject({ method: 'POST', url: '/__admin/fixtures?mode=replace', payload: exported })
    expect(loaded.statusCode).toBe(200)
    expect(snapshot(mock.app).toco_product_variants).toEqual(before.toco_product_variants)
    expect(snapshot(mock.app).toco_products).toEqual(before.toco_products)
  })
})

describe('the new routes in OpenAPI', () => {
  it('lists each with its request body and answer schemas', async () => {
    const doc = (await mock.app.inject({ url: '/__admin/openapi.json' })).json()
    const bulk = doc.paths['/api/v1/partner/stores/products/with-variants/bulk'].post
    expect(bulk.requestBody.content['application/json'].schema.required).toEqual(['products'])
    expect(Object.keys(doc.paths['/api/v1/partner/stores/catalog/with-variants/sync'])).toEqual(['post'])
    for (const path of ['/api/v1/partner/stores/products/{productId}', '/api/v1/partner/products/{externalProductId}']) {
      const update = doc.paths[path].patch
      const body = update.requestBody.content['application/json'].schema
      expect(Object.keys(body.properties)).toEqual(expect.arrayContaining(['name', 'price', 'stock', 'warehouses', 'optionGroups', 'variants']))
      expect(body.properties.variants.properties.items.items.required).toEqual(['sku'])
      expect(update.responses['200'].content['application/json'].schema.properties.data.properties.optionGroups.type).toBe('array')
    }
  })
})
