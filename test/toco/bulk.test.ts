/** Create Products (bulk) and Catalog Sync: rows judged at once, applied on the mock clock, batch status in the admin API. */
import { describe, expect, it } from 'vitest'
import { createApp, DEMO, snapshot, toco, useApp, UUID_V4 } from '../helpers.js'
import { batch, GUDANG, onboard, read, row, rows, WAREHOUSES } from './support.js'

const mock = useApp()
const BULK = '/partner/stores/products/bulk'
const SYNC = '/partner/stores/catalog/sync'
const T0 = Date.parse('2026-03-01T10:00:00.000Z')

/** The docs' PRD1 example row 1, in full. */
const YAZAWA = {
  externalId: 'bace66be-47c4-4f72-868c-ad792da8b211',
  name: 'Ai Yazawa Short Sleeve UTX',
  sku: '480166-B',
  price: 200000,
  specialPrice: null,
  stock: 900,
  weight: 250,
  dimensions: { length: 12, width: 12, height: 10 },
  minOrder: 1,
  subCategoryId: '0e882586-c506-4792-a831-02767a68dae2',
  categoryId: '2fde2994-28a8-4d09-a128-6d744b9e1323',
  typeId: 'd86db295-41c3-423d-a2c2-a59724f38316',
  brandId: 'addcaa1b-8cdb-4c9a-9e5d-8b0fbbacfaea',
  hashtags: ['uniqlo', 'tshirt', 'Yazawa', 'japan', 'Unisex'],
  condition: 'NEW',
  photos: ['https://example.com/1.jpg', 'https://example.com/2.jpg'],
  officialBanners: ['https://example.com/banner.jpg'],
  isPreorder: false,
  preorderPeriod: 0,
  isArchived: false,
  insuranceRequired: true,
  codEnabled: false
}
const product = (externalId: string, extra: Record<string, unknown> = {}) => ({ externalId, name: `Product ${externalId}`, price: 1000, stock: 5, ...extra })
const post = (path: string, body: unknown, store: { storeClientId: string, storeToken: string } = DEMO.catalogueStore) => toco(mock.app, { path, body, store })
const liveByExternal = (store: string, externalId: string) =>
  row(mock.app, 'SELECT * FROM toco_products WHERE store_client_id = ? AND external_id = ? AND deleted_at IS NULL', store, externalId)

describe('POST /api/v1/partner/stores/products/bulk', () => {
  it('answers at once with requestId, batchId, acceptedRows, errors and summary; applies before the next request', async () => {
    mock.app.mock.clock.freeze(T0)
    const response = await post(BULK, { products: [YAZAWA, { externalId: 'x-2', name: 'No stock', price: 1 }] })
    expect(response.statusCode).toBe(200)
    const body = response.json()
    expect(body.message).toBe('Products accepted for processing')
    expect(body.meta).toEqual({ timestamp: '2026-03-01T10:00:00.000Z', durationMs: expect.any(Number), dispatch: true })
    expect(body.data).toEqual({
      requestId: body.requestId,
      batchId: expect.stringMatching(UUID_V4),
      acceptedRows: 1,
      errors: [{ code: 'PRD_001', message: 'stock or warehouses is required', rowIndex: 1, externalId: 'x-2' }],
      summary: { total: 2, accepted: 1, rejected: 1 }
    })
    // Accepted, not yet applied: the handler wrote only the batch.
    expect(row(mock.app, 'SELECT status FROM toco_batches WHERE id = ?', body.data.batchId)).toEqual({ status: 'queued' })
    expect(liveByExternal(DEMO.catalogueStore.storeClientId, YAZAWA.externalId)).toBeUndefined()

    const status = await batch(mock.app, body.data.batchId)
    const created = liveByExternal(DEMO.catalogueStore.storeClientId, YAZAWA.externalId)!
    expect(status).toEqual({
      batchId: body.data.batchId,
      requestId: body.requestId,
      storeClientId: DEMO.catalogueStore.storeClientId,
      kind: 'bulk',
      status: 'applied',
      acceptedAt: '2026-03-01T10:00:00.000Z',
      dueAt: '2026-03-01T10:00:00.000Z',
      appliedAt: '2026-03-01T10:00:00.000Z',
      summary: { total: 2, rejected: 1, queued: 0, applied: 1, failed: 0 },
      rows: [
        { rowIndex: 0, status: 'applied', input: YAZAWA, productId: created.id },
        { rowIndex: 1, status: 'rejected', input: { externalId: 'x-2', name: 'No stock', price: 1 }, code: 'PRD_001', message: 'stock or warehouses is required' }
      ]
    })
    const read1 = await read(mock.app, `/partner/stores/products/${created.id as string}`, DEMO.catalogueStore)
    const { id: _id, ...fields } = read1.json().data
    expect(fields).toEqual({
      ...YAZAWA,
      specialPrice: null,
      description: null,
      isVerified: false,
      hasVariants: false,
      optionGroups: [],
      variants: [],
      warehouses: [],
      createdAt: '2026-03-01T10:00:00.000Z',
      updatedAt: '2026-03-01T10:00:00.000Z'
    })
  })

  it('updates by externalId: given fields change, omitted optional fields stay, the id stays', async () => {
    const { data } = (await post(BULK, { products: [YAZAWA] })).json()
    await batch(mock.app, data.batchId)
    const before = liveByExternal(DEMO.catalogueStore.storeClientId, YAZAWA.externalId)!
    mock.app.mock.clock.freeze(T0 + 60_000)
    await post(BULK, { products: [{ externalId: YAZAWA.externalId, name: 'Renamed', price: 180000, stock: 7, isArchived: true }] })
    const after = (await read(mock.app, `/partner/stores/products/${before.id as string}`, DEMO.catalogueStore)).json().data
    expect(after).toMatchObject({ id: before.id, name: 'Renamed', price: 180000, stock: 7, isArchived: true, sku: YAZAWA.sku, weight: 250, hashtags: YAZAWA.hashtags, updatedAt: '2026-03-01T10:01:00.000Z' })
    expect(rows(mock.app, 'SELECT id FROM toco_products WHERE external_id = ?', YAZAWA.externalId)).toHaveLength(1)
  })

  it('with TOCO_BATCH_DELAY_MS the batch waits for the mock clock', async () => {
    await mock.app.close()
    mock.app = await createApp({ tocoBatchDelayMs: 5000 })
    mock.app.mock.clock.freeze(T0)
    const { data } = (await post(BULK, { products: [product('late-1')] })).json()
    mock.app.mock.clock.advance(4999)
    expect((await batch(mock.app, data.batchId)).status).toBe('queued')
    expect(liveByExternal(DEMO.catalogueStore.storeClientId, 'late-1')).toBeUndefined()
    mock.app.mock.clock.advance(1)
    expect(await batch(mock.app, data.batchId)).toMatchObject({ status: 'applied', dueAt: '2026-03-01T10:00:05.000Z', appliedAt: '2026-03-01T10:00:05.000Z' })
    expect(liveByExternal(DEMO.catalogueStore.storeClientId, 'late-1')).toMatchObject({ created_at: '2026-03-01T10:00:05.000Z' })
  })

  describe('per-row rules: each row on its own, the rest still accepted', () => {
    it.each([
      ['not an object', 'x', 'PRD_002', 'row must be an object'],
      ['no externalId', { name: 'a', price: 1, stock: 1 }, 'PRD_001', 'externalId is required'],
      ['no name', { externalId: 'r', price: 1, stock: 1 }, 'PRD_001', 'name is required'],
      ['no price', { externalId: 'r', name: 'a', stock: 1 }, 'PRD_001', 'price is required'],
      ['a negative price', { externalId: 'r', name: 'a', price: -1, stock: 1 }, 'PRD_002', 'price must be >= 0'],
      ['a fractional stock', { externalId: 'r', name: 'a', price: 1, stock: 1.5 }, 'PRD_002', 'stock must be integer'],
      ['a bad dimension', { externalId: 'r', name: 'a', price: 1, stock: 1, dimensions: { length: 1, width: 1 } }, 'PRD_001', 'dimensions.height is required'],
      ['a bad condition', { externalId: 'r', name: 'a', price: 1, stock: 1, condition: 'BROKEN' }, 'PRD_002', expect.stringContaining('condition')],
      ['stock and warehouses', { externalId: 'r', name: 'a', price: 1, stock: 1, warehouses: [] }, 'PRD_003', 'Provide either stock or warehouses, not both'],
      ['warehouses on a store without any', { externalId: 'r', name: 'a', price: 1, warehouses: [{ clientId: 'wh_x', stock: 1 }] }, 'PRD_004',
        'This store has no warehouses: send stock instead of warehouses'],
      ['an SKU another product holds', { externalId: 'r', name: 'a', price: 1, stock: 1, sku: '480167' }, 'PRD_008',
        'SKU 480167 is already used by another product in this store']
    ])('%s', async (_name, bad, code, message) => {
      const response = await post(BULK, { products: [product('ok-1'), bad] })
      expect(response.json().data.errors).toEqual([{ code, message, rowIndex: 1, ...(typeof bad === 'object' && typeof (bad as { externalId?: string }).externalId === 'string' ? { externalId: (bad as { externalId: string }).externalId } : {}) }])
      expect(response.json().data.acceptedRows).toBe(1)
      await batch(mock.app, response.json().data.batchId)
      expect(liveByExternal(DEMO.catalogueStore.storeClientId, 'ok-1')).toBeDefined()
      expect(liveByExternal(DEMO.catalogueStore.storeClientId, 'r')).toBeUndefined()
    })

    it('a repeated externalId and a repeated SKU in the same request: the later row is refused', async () => {
      const response = await post(BULK, { products: [product('d-1', { sku: 'S-1' }), product('d-1'), product('d-2', { sku: 'S-1' })] })
      expect(response.json().data.errors).toEqual([
        { code: 'PRD_007', message: 'Duplicate row for the same product in this request', rowIndex: 1, externalId: 'd-1' },
        { code: 'PRD_008', message: 'SKU S-1 is already used by another product in this store', rowIndex: 2, externalId: 'd-2' }
      ])
    })

    it('an externalId of a product with variants (PRD_016)', async () => {
      const response = await post(BULK, { products: [product('b8d2f4a6-1c3e-4f5a-8b7c-9d0e1f2a3b4c')] }, GUDANG)
      expect(response.json().data.errors[0]).toMatchObject({ code: 'PRD_016', rowIndex: 0 })
    })
  })

  it('every row refused: 200, batchId null, dispatch false, nothing written', async () => {
    const before = snapshot(mock.app)
    const response = await post(BULK, { products: [{}, 'x'] })
    expect(response.statusCode).toBe(200)
    expect(response.json().meta.dispatch).toBe(false)
    expect(response.json().data).toMatchObject({ batchId: null, acceptedRows: 0, summary: { total: 2, accepted: 0, rejected: 2 } })
    expect(snapshot(mock.app)).toEqual(before)
  })

  describe('warehouses (3 in Toko Gudang)', () => {
    it('a global stock is distributed over every warehouse; the product\'s stock is their sum', async () => {
      const response = await post(BULK, { products: [product('g-1', { stock: 10 })] }, GUDANG)
      await batch(mock.app, response.json().data.batchId)
      const created = liveByExternal(GUDANG.storeClientId, 'g-1')!
      const data = (await read(mock.app, `/partner/stores/products/${created.id as string}`, GUDANG)).json().data
      expect(data.stock).toBe(10)
      expect(data.warehouses).toEqual([
        { clientId: WAREHOUSES[0], name: 'Gudang Jakarta', stock: 4 },
        { clientId: WAREHOUSES[1], name: 'Gudang Bandung', stock: 3 },
        { clientId: WAREHOUSES[2], name: 'Gudang Surabaya', stock: 3 }
      ])
    })

    it('warehouses set only the listed ones; on a new product the others start at 0', async () => {
      const { stock: _stock, ...noStock } = product('g-2')
      const response = await post(BULK, { products: [{ ...noStock, warehouses: [{ clientId: WAREHOUSES[1], stock: 6 }] }] }, GUDANG)
      await batch(mock.app, response.json().data.batchId)
      const created = liveByExternal(GUDANG.storeClientId, 'g-2')!
      expect(created.stock).toBe(6)
      const data = (await read(mock.app, `/partner/stores/products/${created.id as string}`, GUDANG)).json().data
      expect(data.warehouses.map((level: { stock: number }) => level.stock)).toEqual([0, 6, 0])
    })

    it.each([
      ['an unknown clientId', [{ clientId: 'wh_nope', stock: 1 }], 'PRD_005', 'Warehouse wh_nope not found in this store'],
      ['an empty list', [], 'PRD_006', 'warehouses should not be empty'],
      ['a warehouse twice', [{ clientId: WAREHOUSES[0], stock: 1 }, { clientId: WAREHOUSES[0], stock: 2 }], 'PRD_002', 'warehouses must not name a warehouse twice']
    ])('%s', async (_name, warehouses, code, message) => {
      const { stock: _stock, ...noStock } = product('g-3')
      const response = await post(BULK, { products: [{ ...noStock, warehouses }] }, GUDANG)
      expect(response.json().data.errors).toEqual([{ code, message, rowIndex: 0, externalId: 'g-3' }])
    })
  })

  describe('VAL_001 for the body, nothing written', () => {
    it.each([
      ['no body', undefined, { products: 'products must be an array' }],
      ['products not an array', { products: {} }, { products: 'products must be an array' }],
      ['an empty list', { products: [] }, { products: 'products should not be empty' }],
      ['more rows than TOCO_MAX_BATCH', { products: Array.from({ length: 101 }, (_, i) => product(`m-${i}`)) }, { products: 'products must contain no more than 100 elements' }]
    ])('%s', async (_name, body, validationErrors) => {
      const before = snapshot(mock.app)
      const response = await post(BULK, body)
      expect(response.statusCode).toBe(400)
      expect(response.json().error).toMatchObject({ code: 'VAL_001', message: 'Validation failed', details: { hint: 'Please check your request data and try again', context: { validationErrors } } })
      expect(snapshot(mock.app)).toEqual(before)
    })
  })

  it('acts on the token\'s store only: another partner\'s store token is refused, its catalogue untouched', async () => {
    const response = await post(BULK, { products: [product('e1a7c2d4-3b5f-4c6a-9d8e-7f0a1b2c3d4e')] }, DEMO.otherPartnersStore)
    expect(response.statusCode).toBe(403)
    expect(response.json().error.code).toBe('AUTH_006')
    // The same externalId in a store of our own is a new product there, not the other store's.
    const mine = await onboard(mock.app)
    const created = await post(BULK, { products: [product('e1a7c2d4-3b5f-4c6a-9d8e-7f0a1b2c3d4e')] }, mine)
    await batch(mock.app, created.json().data.batchId)
    expect(rows(mock.app, 'SELECT store_client_id FROM toco_products WHERE external_id = ? ORDER BY rowid', 'e1a7c2d4-3b5f-4c6a-9d8e-7f0a1b2c3d4e'))
      .toEqual([{ store_client_id: DEMO.otherPartnersStore.storeClientId }, { store_client_id: mine.storeClientId }])
  })
})

describe('POST /api/v1/partner/stores/catalog/sync', () => {
  it('creates only: an existing externalId is PRD_009, a new one is created', async () => {
    const response = await post(SYNC, { products: [product(DEMO.products.second.externalId), product('sync-new')] })
    expect(response.json().message).toBe('Catalog sync accepted for processing')
    expect(response.json().data.errors).toEqual([{ code: 'PRD_009', message: 'Product with this externalId already exists', rowIndex: 0, externalId: DEMO.products.second.externalId }])
    expect((await batch(mock.app, response.json().data.batchId)).kind).toBe('catalog-sync')
    expect(liveByExternal(DEMO.catalogueStore.storeClientId, 'sync-new')).toMatchObject({ name: 'Product sync-new', price: 1000, stock: 5, is_verified: 0 })
  })

  it('re-judges at apply time: a product created in between makes the creation-only row fail, not duplicate', async () => {
    await mock.app.close()
    mock.app = await createApp({ tocoBatchDelayMs: 1000 })
    mock.app.mock.clock.freeze(T0)
    const bulk = (await post(BULK, { products: [product('race-1')] })).json().data
    const sync = (await post(SYNC, { products: [product('race-1')] })).json().data
    expect(sync.acceptedRows).toBe(1)
    mock.app.mock.clock.advance(1000)
    expect((await batch(mock.app, bulk.batchId)).rows[0]).toMatchObject({ status: 'applied' })
    expect((await batch(mock.app, sync.batchId)).rows[0]).toMatchObject({ status: 'failed', code: 'PRD_009', message: 'Product with this externalId already exists' })
    expect(rows(mock.app, 'SELECT id FROM toco_products WHERE external_id = ? AND deleted_at IS NULL', 'race-1')).toHaveLength(1)
  })
})

describe('GET /__admin/toco/batches', () => {
  it('an unknown batch → 404 in the admin envelope', async () => {
    const response = await mock.app.inject({ url: '/__admin/toco/batches/nope' })
    expect(response.statusCode).toBe(404)
    expect(response.json()).toEqual({ error: { code: 'UNKNOWN_BATCH', message: 'No Toco batch "nope"', path: '/batchId' } })
  })

  it('lists a store\'s batches, newest first', async () => {
    const first = (await post(BULK, { products: [product('l-1')] })).json().data.batchId
    const second = (await post(SYNC, { products: [product('l-2')] })).json().data.batchId
    const listed = (await mock.app.inject({ url: `/__admin/toco/batches?storeClientId=${DEMO.catalogueStore.storeClientId}` })).json()
    expect(listed.batches.map((entry: { batchId: string }) => entry.batchId)).toEqual([second, first])
  })
})
