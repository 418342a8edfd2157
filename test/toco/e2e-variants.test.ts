/**
 * Products with variants end to end, against a listening server, with a partner client written
 * from the docs alone: fetch, a base string signed by hand (node:crypto), epoch-ms timestamps
 * from the frozen mock clock. The acceptance scenario of issue 19, then the life of one product.
 */
import { createHash, createHmac } from 'node:crypto'
import { beforeAll, beforeEach, expect, it } from 'vitest'
import { snapshot, useListeningApp } from '../helpers.js'

const server = useListeningApp()
const T0 = Date.parse('2026-04-01T08:00:00.000Z')

/** A partner with a store of two warehouses, merged in through the control plane as a suite would. */
const PARTNER = { clientId: 'ptnr_Variant0001', secretKey: 'variant-suite-secret' }
const STORE = { storeClientId: 'str_TwoWarehouse', storeToken: 'stkn_TwoWarehouse0001' }
const WH = ['wh_TwoWhJakarta', 'wh_TwoWhSurabay']
const GUDANG = { storeClientId: 'str_wHouses3Demo', storeToken: 'stkn_Wh3DemoToken0001' }
const DEMO_PARTNER = { clientId: 'ptnr_1s4UqMnO64', secretKey: 'demo_toco_secret_ptnr_1s4UqMnO64' }

interface Store { storeClientId: string, storeToken: string }
interface Answer { status: number, body: { success: boolean, message: string, data: any, error?: { code: string, message: string, details: { context: Record<string, unknown> } } } }

// Merged once: every reset (before each test) restores it with the other fixtures.
beforeAll(async () => {
  const merged = await server.app.inject({
    method: 'POST',
    url: '/__admin/fixtures?mode=merge',
    payload: {
      toco: {
        partners: [{ ...PARTNER, name: 'Variant suite' }],
        stores: [{ ...STORE, partnerClientId: PARTNER.clientId, name: 'Toko Dua Gudang' }],
        warehouses: WH.map((clientId, i) => ({ clientId, storeClientId: STORE.storeClientId, name: `Gudang ${i + 1}` }))
      }
    }
  })
  expect(merged.statusCode).toBe(200)
})
beforeEach(() => { server.app.mock.clock.freeze(T0) })

/** The guide's base string: METHOD, path (with its query, the mock's default reading), signed headers, SHA-256 of the body; HMAC-SHA256 hex. */
async function call (method: string, path: string, body: unknown, store: Store, partner = PARTNER): Promise<Answer> {
  const raw = body === undefined ? '' : JSON.stringify(body)
  const timestamp = String(server.app.mock.clock.now())
  const lines = [method, path, `x-partner-client-id:${partner.clientId}`, `x-store-client-id:${store.storeClientId}`,
    `x-store-token:${store.storeToken}`, `x-timestamp:${timestamp}`, createHash('sha256').update(raw).digest('hex')]
  const response = await fetch(`${server.url}/api/v1${path}`, {
    method,
    headers: {
      'content-type': 'application/json',
      'x-partner-client-id': partner.clientId,
      'x-store-client-id': store.storeClientId,
      'x-store-token': store.storeToken,
      'x-timestamp': timestamp,
      'x-signature': `sha256=${createHmac('sha256', partner.secretKey).update(lines.join('\n')).digest('hex')}`
    },
    ...(body === undefined ? {} : { body: raw })
  })
  return { status: response.status, body: await response.json() as Answer['body'] }
}

const SIZES = ['S', 'M', 'L']
const shirt = (n: number) => ({
  externalId: `kaos-${n}`,
  name: `Kaos Polos ${n}`,
  description: 'Katun 30s',
  condition: 'NEW',
  optionGroups: [{ name: 'Ukuran', options: SIZES }],
  variants: { items: SIZES.map((size) => ({ sku: `KAOS-${n}-${size}`, options: [{ name: 'Ukuran', value: size }], price: 50000 + n * 1000, stock: 10 })) }
})

it('acceptance: 20 products × 3 variants; deactivate one and add one; price and stock of the new one; read by its SKU; items: [] makes it simple', async () => {
  const created = await call('POST', '/partner/stores/products/with-variants/bulk', { products: Array.from({ length: 20 }, (_, n) => shirt(n)) }, STORE)
  expect(created.status).toBe(200)
  expect(created.body.data).toMatchObject({ acceptedRows: 20, errors: [], summary: { total: 20, accepted: 20, rejected: 0 } })

  const listed = await call('GET', '/partner/stores/products?limit=100&sortBy=name&order=asc', undefined, STORE)
  expect(listed.body.data).toHaveLength(20)
  expect(listed.body.data.flatMap((p: { variants: unknown[] }) => p.variants)).toHaveLength(60)
  const first = listed.body.data.find((p: { externalId: string }) => p.externalId === 'kaos-0')
  expect(first).toMatchObject({ hasVariants: true, price: 50000, stock: 30, sku: null, warehouses: [] })
  expect(first.variants[0].warehouses).toEqual([{ clientId: WH[0], name: 'Gudang 1', stock: 5 }, { clientId: WH[1], name: 'Gudang 2', stock: 5 }])

  // L left out → deactivated; XL added (its option group grows).
  const patched = await call('PATCH', `/partner/stores/products/${first.id as string}`, {
    optionGroups: [{ name: 'Ukuran', options: ['S', 'M', 'L', 'XL'] }],
    variants: {
      items: [
        { sku: 'KAOS-0-S' },
        { sku: 'KAOS-0-M' },
        { sku: 'KAOS-0-XL', options: [{ name: 'Ukuran', value: 'XL' }], price: 65000, warehouses: [{ clientId: WH[0], stock: 3 }] }
      ]
    }
  }, STORE)
  expect(patched.status).toBe(200)
  expect(patched.body.message).toBe('Product updated successfully')
  expect(patched.body.data.variants.map((v: { sku: string, isActive: boolean }) => `${v.sku}:${v.isActive}`))
    .toEqual(['KAOS-0-S:true', 'KAOS-0-M:true', 'KAOS-0-L:false', 'KAOS-0-XL:true'])
  expect(patched.body.data).toMatchObject({ price: 50000, stock: 23 })

  const priced = await call('PATCH', '/partner/stores/products/prices', { items: [{ sku: 'KAOS-0-XL', price: 59000, specialPrice: 55000 }] }, STORE)
  expect(priced.body.data).toMatchObject({ acceptedRows: 1, errors: [] })
  const stocked = await call('PATCH', '/partner/stores/inventory', { items: [{ sku: 'KAOS-0-XL', warehouses: [{ clientId: WH[1], stock: 12 }] }] }, STORE)
  expect(stocked.body.data).toMatchObject({ acceptedRows: 1, errors: [] })

  const bySku = await call('GET', '/partner/stores/products/sku/KAOS-0-XL', undefined, STORE)
  expect(bySku.status).toBe(200)
  expect(bySku.body.data.id).toBe(first.id)
  const xl = bySku.body.data.variants.find((v: { sku: string }) => v.sku === 'KAOS-0-XL')
  expect(xl).toMatchObject({
    name: 'XL',
    price: 59000,
    specialPrice: 55000,
    stock: 15,
    isActive: true,
    warehouses: [{ clientId: WH[0], name: 'Gudang 1', stock: 3 }, { clientId: WH[1], name: 'Gudang 2', stock: 12 }]
  })
  expect(bySku.body.data).toMatchObject({ price: 50000, specialPrice: 55000, stock: 35 })

  const simple = await call('PATCH', `/partner/stores/products/${first.id as string}`, { variants: { items: [] } }, STORE)
  expect(simple.body.data).toMatchObject({ hasVariants: false, optionGroups: [], stock: 0 })
  const read = await call('GET', `/partner/stores/products/${first.id as string}?isVariantActive=true`, undefined, STORE)
  expect(read.body.data).toMatchObject({ hasVariants: false, variants: [] })
  const active = await call('GET', '/partner/stores/products?isVariantActive=true&limit=100', undefined, STORE)
  expect(active.body.data).toHaveLength(19)
})

it('acceptance: every documented refusal answers its code and changes nothing', async () => {
  await call('POST', '/partner/stores/products/with-variants/bulk', { products: [shirt(1)] }, STORE)
  const id = (await call('GET', '/partner/stores/products', undefined, STORE)).body.data[0].id as string
  const before = snapshot(server.app)
  const refused = async (method: string, path: string, body: unknown) => {
    const answer = await call(method, path, body, STORE)
    expect(snapshot(server.app)).toEqual(before)
    return answer
  }

  const mixed = await refused('PATCH', `/partner/stores/products/${id}`, {
    variants: { items: [{ sku: 'KAOS-1-S', stock: 4, warehouses: [{ clientId: WH[0], stock: 4 }] }] }
  })
  expect(mixed.status).toBe(400)
  expect(mixed.body.error).toMatchObject({ code: 'PRD_003', message: 'Provide either stock or warehouses, not both', details: { context: { productId: id, path: 'variants.items.0' } } })

  const price = await refused('PATCH', `/partner/stores/products/${id}`, { price: 10000 })
  expect(price.status).toBe(400)
  expect(price.body.error).toMatchObject({
    code: 'PRD_016', message: 'Product has variants: product-level price, specialPrice, stock, sku and warehouses are not allowed', details: { context: { path: 'price' } }
  })

  const warehouse = await refused('PATCH', `/partner/stores/products/${id}`, {
    variants: { items: [{ sku: 'KAOS-1-S', warehouses: [{ clientId: 'wh_wh8-HpRcn3ZH', stock: 1 }] }] }
  })
  expect(warehouse.body.error).toMatchObject({ code: 'PRD_005', message: 'Warehouse wh_wh8-HpRcn3ZH not found in this store', details: { context: { path: 'variants.items.0.warehouses.0.clientId' } } })

  const twice = await refused('POST', '/partner/stores/products/with-variants/bulk', {
    products: [{ ...shirt(2), variants: { items: [{ sku: 'KAOS-2-S', price: 1, stock: 1 }, { sku: 'KAOS-2-S', price: 2, stock: 2 }] }, optionGroups: [] }]
  })
  expect(twice.body.data).toEqual({
    requestId: expect.any(String),
    batchId: null,
    acceptedRows: 0,
    errors: [{ code: 'PRD_017', message: 'SKU KAOS-2-S appears more than once in variants.items', rowIndex: 0, externalId: 'kaos-2', path: 'variants.items.1.sku' }],
    summary: { total: 1, accepted: 0, rejected: 1 }
  })

  // The same SKU in two rows of one batch: the first row is accepted, the second refused and never written.
  const across = await call('POST', '/partner/stores/products/with-variants/bulk', {
    products: [shirt(2), { ...shirt(3), variants: { items: [{ sku: 'KAOS-2-S', price: 1, stock: 1, options: [{ name: 'Ukuran', value: 'S' }] }] } }]
  }, STORE)
  expect(across.body.data).toMatchObject({
    acceptedRows: 1,
    errors: [{ code: 'PRD_008', message: 'SKU KAOS-2-S is already used by another product in this store', rowIndex: 1, externalId: 'kaos-3', path: 'variants.items.0.sku' }]
  })
  const after = await call('GET', '/partner/stores/products?limit=100', undefined, STORE)
  expect(after.body.data.map((p: { externalId: string }) => p.externalId).sort()).toEqual(['kaos-1', 'kaos-2'])
  expect(server.app.mock.db.prepare("SELECT count(*) AS n FROM toco_product_variants WHERE sku = 'KAOS-2-S'").get()).toEqual({ n: 1 })
})

it('e2e: a variant product in a store of three warehouses, from creation to simple, read back at each step', async () => {
  const W = ['wh_wh8-HpRcn3ZH', 'wh_Xv53JrfSpHh7', 'wh_Xv53JrfSp37s']
  const created = await call('POST', '/partner/stores/products/with-variants/bulk', {
    products: [{
      externalId: 'jaket-1',
      name: 'Jaket Denim',
      variants: { items: [{ sku: 'JKT-M', price: 300000, stock: 9 }, { sku: 'JKT-L', price: 320000, warehouses: [{ clientId: W[2], stock: 5 }] }] }
    }]
  }, GUDANG, DEMO_PARTNER)
  expect(created.body.message).toBe('Products with variants accepted for processing')
  const step1 = (await call('GET', '/partner/stores/products/sku/JKT-M', undefined, GUDANG, DEMO_PARTNER)).body.data
  const stocks = (v: { warehouses: Array<{ stock: number }> }) => v.warehouses.map((w) => w.stock)
  expect(step1).toMatchObject({ externalId: 'jaket-1', hasVariants: true, price: 300000, stock: 14 })
  expect(step1.variants.map(stocks)).toEqual([[3, 3, 3], [0, 0, 5]])

  // One variant's stock in one warehouse, and its price.
  await call('PATCH', '/partner/stores/inventory', { items: [{ sku: 'JKT-L', warehouses: [{ clientId: W[0], stock: 2 }] }] }, GUDANG, DEMO_PARTNER)
  await call('PATCH', '/partner/stores/products/prices', { items: [{ sku: 'JKT-L', price: 280000 }] }, GUDANG, DEMO_PARTNER)
  const step2 = (await call('GET', `/partner/stores/products/${step1.id as string}`, undefined, GUDANG, DEMO_PARTNER)).body.data
  expect(step2.variants.map(stocks)).toEqual([[3, 3, 3], [2, 0, 5]])
  expect(step2.variants[1]).toMatchObject({ sku: 'JKT-L', price: 280000, stock: 7 })
  expect(step2).toMatchObject({ price: 280000, stock: 16 })

  // Convert to simple, then give it a price and stock of its own.
  const step3 = (await call('PATCH', `/partner/stores/products/${step1.id as string}`, { variants: { items: [] } }, GUDANG, DEMO_PARTNER)).body.data
  expect(step3).toMatchObject({ hasVariants: false, stock: 0, price: 280000 })
  const step4 = (await call('PATCH', `/partner/stores/products/${step1.id as string}`, { sku: 'JKT', price: 250000, stock: 6 }, GUDANG, DEMO_PARTNER)).body.data
  expect(step4).toMatchObject({ hasVariants: false, sku: 'JKT', price: 250000, stock: 6, warehouses: [{ stock: 2 }, { stock: 2 }, { stock: 2 }] })
  const step5 = (await call('GET', '/partner/stores/products/sku/JKT', undefined, GUDANG, DEMO_PARTNER)).body.data
  expect(step5).toEqual(step4)
})
