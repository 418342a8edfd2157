/** Product reads (guide §6.6–6.8) and order detail (§8.2): filters, sort, pagination, isolation, deleted rows. */
import { describe, expect, it } from 'vitest'
import { DEMO, snapshot, toco, useApp } from '../helpers.js'
import { GUDANG, read } from './support.js'

const mock = useApp()
const LIST = '/partner/stores/products'
const list = async (query = '', store: { storeClientId: string, storeToken: string } = DEMO.catalogueStore) => read(mock.app, `${LIST}${query}`, store)
const ids = (response: { json (): { data: Array<{ id: string }> } }) => response.json().data.map((product) => product.id)
const { products } = DEMO
const LIVE = [products.seedSuccess.id, products.second.id, products.third.id, 'd4a8b8bc-de1d-40cb-98de-6783b3fdeab3']

describe('GET /api/v1/partner/stores/products', () => {
  it('lists the store\'s live products, newest first, with pagination metadata', async () => {
    const response = await list()
    expect(response.statusCode).toBe(200)
    const body = response.json()
    expect(Object.keys(body)).toEqual(['success', 'message', 'requestId', 'meta', 'data'])
    expect(body.message).toBe('Products retrieved successfully')
    expect(body.meta).toEqual({ timestamp: expect.any(String), pagination: { page: 1, limit: 10, total: 4, totalPages: 1 } })
    // Same createdAt (one fixture load): ties go newest row first.
    expect(ids(response)).toEqual([...LIVE].reverse())
    expect(ids(response)).not.toContain(products.alreadyDeleted)
    expect(ids(response)).not.toContain(products.otherStores)
    expect(body.data[3]).toMatchObject({ id: products.seedSuccess.id, externalId: products.seedSuccess.externalId, name: 'Ai Yazawa Short Sleeve UTX', sku: '480166', price: 200000, stock: 900 })
  })

  it('pages: limit, page, totalPages; past the end is an empty page', async () => {
    const first = await list('?limit=3&page=1&sortBy=name&order=asc')
    expect(first.json().meta.pagination).toEqual({ page: 1, limit: 3, total: 4, totalPages: 2 })
    const second = await list('?limit=3&page=2&sortBy=name&order=asc')
    expect([...first.json().data, ...second.json().data].map((product: { name: string }) => product.name))
      .toEqual(['Ai Yazawa Short Sleeve UTX', 'Ai Yazawa Short Sleeve UTX 2', 'Cars Tshir - Berskha', 'Regular Fit Printed T-shirt'])
    expect((await list('?limit=3&page=9')).json()).toMatchObject({ data: [], meta: { pagination: { page: 9, total: 4, totalPages: 2 } } })
  })

  it('a limit over 100 is clamped to 100', async () => {
    expect((await list('?limit=1000')).json().meta.pagination).toEqual({ page: 1, limit: 100, total: 4, totalPages: 1 })
  })

  it.each([
    ['price asc', '?sortBy=price&order=asc', [100000, 150000, 190000, 200000]],
    ['stock desc', '?sortBy=stock&order=desc', [900, 50, 50, 18]]
  ])('sorts by %s', async (_name, query, values) => {
    const response = await list(query)
    const key = query.includes('price') ? 'price' : 'stock'
    expect(response.json().data.map((product: Record<string, number>) => product[key])).toEqual(values)
  })

  it('q searches name and SKU, case-insensitively, and matches an exact externalId; % and _ are literal', async () => {
    expect(ids(await list('?q=yazawa'))).toEqual([products.second.id, products.seedSuccess.id])
    expect(ids(await list('?q=tshirt001'))).toEqual([products.third.id])
    expect(ids(await list(`?q=${products.third.externalId}`))).toEqual([products.third.id])
    expect(ids(await list('?q=%25'))).toEqual([])
    expect(ids(await list('?q=_'))).toEqual([])
  })

  it('filters: isArchived, isVerified, isAvailableStock, isVariantActive', async () => {
    await mock.app.inject({
      method: 'POST',
      url: '/__admin/fixtures',
      payload: {
        toco: {
          products: [
            { id: 'p-archived', storeClientId: DEMO.catalogueStore.storeClientId, externalId: 'x-a', isArchived: true, stock: 0 },
            { id: 'p-unverified', storeClientId: DEMO.catalogueStore.storeClientId, externalId: 'x-u', isVerified: false }
          ]
        }
      }
    })
    expect(ids(await list('?isArchived=true'))).toEqual(['p-archived'])
    expect(ids(await list('?isArchived=false'))).toHaveLength(5)
    expect(ids(await list('?isVerified=false'))).toEqual(['p-unverified'])
    expect(ids(await list('?isAvailableStock=false'))).toEqual(['p-archived'])
    expect(ids(await list('?isAvailableStock=true&isArchived=false&isVerified=true'))).toHaveLength(4)
    expect(ids(await list('?isVariantActive=true', GUDANG))).toEqual(['7b0e7d2a-3c1f-4e55-9a51-2f0c3a1d9e01'])
    expect(ids(await list('?isVariantActive=false', GUDANG))).toEqual(['5d1f9a4e-2b7c-4e8a-9f3d-1a2b3c4d5e6f'])
  })

  it('deleted products disappear from the list (and its total) as soon as the seed\'s deletions endpoint deletes them; a reset brings them back', async () => {
    expect((await list()).json().meta.pagination.total).toBe(4)
    await toco(mock.app, { path: '/partner/stores/products/deletions', body: { ids: [products.second.id] }, store: DEMO.catalogueStore })
    const after = await list()
    expect(ids(after)).toEqual(LIVE.filter((id) => id !== products.second.id).reverse())
    expect(after.json().meta.pagination.total).toBe(3)
    await mock.app.inject({ method: 'POST', url: '/__admin/reset' })
    expect((await list()).json().meta.pagination.total).toBe(4)
  })

  it.each([
    ['page 0', '?page=0', { page: 'page must be a positive integer' }],
    ['a negative limit', '?limit=-1', { limit: 'limit must be a positive integer' }],
    ['a limit that is not a number', '?limit=ten', { limit: 'limit must be a positive integer' }],
    ['an unknown sortBy', '?sortBy=rowid', { sortBy: 'sortBy must be one of the following values: createdAt, updatedAt, name, price, stock' }],
    ['an unknown order', '?order=up', { order: 'order must be one of the following values: asc, desc' }],
    ['a boolean that is not one', '?isArchived=yes', { isArchived: 'isArchived must be a boolean value' }],
    ['a repeated parameter', '?page=1&page=2', { page: 'page must be a single string value' }]
  ])('VAL_001 for %s', async (_name, query, validationErrors) => {
    const before = snapshot(mock.app)
    const response = await list(query)
    expect(response.statusCode).toBe(400)
    expect(response.json().error).toMatchObject({ code: 'VAL_001', message: 'Validation failed', details: { context: { validationErrors } } })
    expect(snapshot(mock.app)).toEqual(before)
  })

  it('another store sees only its own products', async () => {
    const response = await read(mock.app, LIST, { ...DEMO.otherPartnersStore })
    expect(response.statusCode).toBe(403)
    const own = await toco(mock.app, { method: 'GET', path: LIST, store: DEMO.otherPartnersStore, partner: DEMO.otherPartner })
    expect(ids(own)).toEqual([products.otherStores])
  })
})

describe('GET /api/v1/partner/stores/products/{productId} and /sku/{sku}', () => {
  it('one product with its variants and stock per warehouse', async () => {
    const response = await read(mock.app, `${LIST}/7b0e7d2a-3c1f-4e55-9a51-2f0c3a1d9e01`, GUDANG)
    expect(response.json().message).toBe('Product retrieved successfully')
    const data = response.json().data
    expect(data).toMatchObject({ hasVariants: true, price: 150000, specialPrice: 145000, stock: 38, sku: null, warehouses: [] })
    expect(data.variants.map((variant: { sku: string, isActive: boolean, stock: number }) => [variant.sku, variant.isActive, variant.stock]))
      .toEqual([['SKU-KCM-HITAM-2', true, 8], ['SKU-MRON-L', true, 30], ['SKU-BLK-XL', false, 0]])
    expect(data.variants[1].warehouses).toEqual([
      { clientId: 'wh_wh8-HpRcn3ZH', name: 'Gudang Jakarta', stock: 10 },
      { clientId: 'wh_Xv53JrfSpHh7', name: 'Gudang Bandung', stock: 10 },
      { clientId: 'wh_Xv53JrfSp37s', name: 'Gudang Surabaya', stock: 10 }
    ])
    const active = await read(mock.app, `${LIST}/7b0e7d2a-3c1f-4e55-9a51-2f0c3a1d9e01?isVariantActive=true`, GUDANG)
    expect(active.json().data.variants.map((variant: { sku: string }) => variant.sku)).toEqual(['SKU-KCM-HITAM-2', 'SKU-MRON-L'])
  })

  it('by SKU: a simple product\'s, or a variant\'s (its product); URI-encoded SKUs work', async () => {
    expect((await read(mock.app, `${LIST}/sku/TSHIRT001`, DEMO.catalogueStore)).json().data.id).toBe(products.third.id)
    expect((await read(mock.app, `${LIST}/sku/SKU-KCM-HITAM-2`, GUDANG)).json().data.id).toBe('7b0e7d2a-3c1f-4e55-9a51-2f0c3a1d9e01')
    await mock.app.inject({ method: 'POST', url: '/__admin/fixtures', payload: { toco: { products: [{ id: 'p-slash', storeClientId: GUDANG.storeClientId, externalId: 'x-s', sku: 'A/B C' }] } } })
    expect((await read(mock.app, `${LIST}/sku/${encodeURIComponent('A/B C')}`, GUDANG)).json().data.id).toBe('p-slash')
  })

  it.each([
    ['a deleted product', `${LIST}/${products.alreadyDeleted}`, 'PRD_014', 'Product ID not found', { productId: products.alreadyDeleted }],
    ['another store\'s product', `${LIST}/${products.otherStores}`, 'PRD_014', 'Product ID not found', { productId: products.otherStores }],
    ['an unknown id', `${LIST}/${products.unknown}`, 'PRD_014', 'Product ID not found', { productId: products.unknown }],
    ['a deleted product\'s SKU', `${LIST}/sku/SKU-OLD-1`, 'PRD_012', 'Product SKU not found', { sku: 'SKU-OLD-1' }],
    ['another store\'s SKU', `${LIST}/sku/OTHER-1`, 'PRD_012', 'Product SKU not found', { sku: 'OTHER-1' }]
  ])('404 for %s, in Toco\'s envelope', async (_name, path, code, message, context) => {
    const response = await read(mock.app, path, DEMO.catalogueStore)
    expect(response.statusCode).toBe(404)
    expect(response.json()).toEqual({
      success: false,
      error: { code, message, details: { timestamp: expect.any(String), hint: expect.any(String), context } },
      requestId: response.json().requestId
    })
  })
})

describe('GET /api/v1/partner/stores/orders/{orderId | invoiceNumber}', () => {
  const ORDER = '019b0b32-44ef-7995-840e-ebb6fd84a545'
  const EXPECTED = {
    id: ORDER,
    invoiceNumber: 'INV/20260115/MPL/0001',
    status: 'paid',
    total: 200000,
    items: [{ productId: products.seedSuccess.id, variantId: null, sku: '480166', name: 'Ai Yazawa Short Sleeve UTX', quantity: 1, price: 200000, subtotal: 200000 }],
    buyer: { name: 'Budi Santoso', email: 'budi@example.com', phone: '+6281234567890' },
    payment: { method: 'bank_transfer', status: 'paid', amount: 200000, paidAt: '2026-01-15T03:12:00.000Z' },
    delivery: {
      courier: 'JNE',
      service: 'REG',
      trackingNumber: 'JNE0123456789',
      status: 'awaiting_pickup',
      recipientName: 'Budi Santoso',
      phone: '+6281234567890',
      address: 'Jl. Merdeka No. 1',
      city: 'Jakarta Pusat',
      province: 'DKI Jakarta',
      postalCode: '10110',
      shippedAt: null,
      deliveredAt: null
    },
    createdAt: '2026-01-15T03:10:00.000Z',
    updatedAt: '2026-01-15T03:10:00.000Z'
  }

  it.each([
    ['its id', ORDER],
    ['its URI-encoded invoice number', encodeURIComponent('INV/20260115/MPL/0001')]
  ])('by %s', async (_name, ref) => {
    const response = await read(mock.app, `/partner/stores/orders/${ref}`, DEMO.catalogueStore)
    expect(response.statusCode).toBe(200)
    expect(response.json()).toMatchObject({ success: true, message: 'Order retrieved successfully', data: EXPECTED })
  })

  it.each([
    ['another store\'s order', '019b0b33-1a2b-7c3d-8e4f-5a6b7c8d9e0f'],
    ['another store\'s invoice', encodeURIComponent('INV/20260116/MPL/0002')],
    ['an unknown one', 'nope']
  ])('404 ORD_001 for %s', async (_name, ref) => {
    const response = await read(mock.app, `/partner/stores/orders/${ref}`, DEMO.catalogueStore)
    expect(response.statusCode).toBe(404)
    expect(response.json().error).toMatchObject({ code: 'ORD_001', message: 'Order not found', details: { context: { orderId: decodeURIComponent(ref) } } })
  })
})
