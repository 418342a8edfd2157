/**
 * The product wire object, byte for byte: SQLite renders it (format.ts), so the bytes must be the
 * ones the response schema's serializer wrote — keys in the schema's order, nested objects rebuilt
 * key by key, strings escaped as JSON.stringify does, the defaults of details never given. And a
 * list page's rendered products are kept only until the next write.
 */
import { describe, expect, it } from 'vitest'
import { Product } from '../../src/apis/toco/format.js'
import { DEMO, toco, useApp } from '../helpers.js'
import { batch, GUDANG, read, WAREHOUSES } from './support.js'

const mock = useApp()
const LIST = '/partner/stores/products'
const KAOS = '5d1f9a4e-2b7c-4e8a-9f3d-1a2b3c4d5e6f'
const KEMEJA = '7b0e7d2a-3c1f-4e55-9a51-2f0c3a1d9e01'
const WEIRD = 'q"uo\\te\n\t\r\b\f\u0001\u001f\u007f é 中文 😀 \u2028\u2029 </script>'

const update = (id: string, body: unknown) => toco(mock.app, { method: 'PATCH', path: `${LIST}/${id}`, body, store: GUDANG })
const page = async (query = '?limit=100') => (await read(mock.app, `${LIST}${query}`, GUDANG)).json().data as Array<Record<string, unknown>>
const find = (products: Array<Record<string, unknown>>, id: string) => products.find((product) => product.id === id)!

describe('the product wire object', () => {
  it('is the bytes the schema\'s serializer wrote: its key order, nested objects rebuilt, JSON.stringify\'s escapes', async () => {
    const patched = await update(KAOS, {
      name: `Kaos ${WEIRD}`,
      description: WEIRD,
      weight: 250,
      // Out of the schema's order, as a client may send it.
      dimensions: { height: 3, width: 20, length: 30 },
      minOrder: 2,
      categoryId: 'cat-1',
      hashtags: ['kaos', WEIRD],
      condition: 'USED',
      photos: ['https://example.com/1.jpg'],
      isPreorder: true,
      preorderPeriod: 7,
      codEnabled: true
    })
    expect(patched.statusCode).toBe(200)
    const updatedAt = patched.json().data.updatedAt
    const createdAt = patched.json().data.createdAt
    // An object literal in the schema's order: JSON.stringify writes the expected bytes.
    const expected = JSON.stringify({
      id: KAOS,
      externalId: 'a3c9e1f2-4b6d-4e8f-9a1b-2c3d4e5f6a7b',
      name: `Kaos ${WEIRD}`,
      sku: 'SKU-KPH-M',
      price: 75000,
      specialPrice: null,
      stock: 40,
      description: WEIRD,
      weight: 250,
      dimensions: { length: 30, width: 20, height: 3 },
      minOrder: 2,
      // The order of every documented create example (PRD1, CAT1, PRD2): subCategoryId, categoryId, typeId.
      subCategoryId: null,
      categoryId: 'cat-1',
      typeId: null,
      brandId: null,
      hashtags: ['kaos', WEIRD],
      condition: 'USED',
      photos: ['https://example.com/1.jpg'],
      officialBanners: [],
      isPreorder: true,
      preorderPeriod: 7,
      isArchived: false,
      isVerified: true,
      insuranceRequired: false,
      codEnabled: true,
      hasVariants: false,
      optionGroups: [],
      variants: [],
      warehouses: [
        { clientId: WAREHOUSES[0], name: 'Gudang Jakarta', stock: 20 },
        { clientId: WAREHOUSES[1], name: 'Gudang Bandung', stock: 12 },
        { clientId: WAREHOUSES[2], name: 'Gudang Surabaya', stock: 8 }
      ],
      createdAt,
      updatedAt
    })
    expect(patched.body).toContain(`,"data":${expected}}`)
    expect((await read(mock.app, `${LIST}/${KAOS}`, GUDANG)).body).toContain(`,"data":${expected}}`)
    expect((await read(mock.app, `${LIST}/sku/SKU-KPH-M`, GUDANG)).body).toContain(`,"data":${expected}}`)
    expect((await read(mock.app, `${LIST}?limit=100`, GUDANG)).body).toContain(expected)
  })

  it('has the schema\'s keys in its order, variants and their options too; the envelope around it is the success envelope', async () => {
    const response = await read(mock.app, `${LIST}/${KEMEJA}`, GUDANG)
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8')
    const body = response.json()
    expect(response.body).toBe(JSON.stringify(body))
    expect(Object.keys(body)).toEqual(['success', 'message', 'requestId', 'meta', 'data'])
    expect(Object.keys(body.data)).toEqual(Object.keys(Product.properties))
    expect(Object.keys(body.data.variants[0])).toEqual(['id', 'sku', 'name', 'price', 'specialPrice', 'stock', 'isActive', 'options', 'warehouses', 'createdAt', 'updatedAt'])
    expect(body.data.variants[0].warehouses.map((level: object) => Object.keys(level))).toEqual([['clientId', 'name', 'stock'], ['clientId', 'name', 'stock'], ['clientId', 'name', 'stock']])
    const list = await read(mock.app, LIST, GUDANG)
    expect(list.body).toBe(JSON.stringify(list.json()))
    expect(Object.keys(list.json().meta)).toEqual(['timestamp', 'pagination'])
  })

  it('an empty page is an empty array', async () => {
    expect((await read(mock.app, `${LIST}?page=99`, GUDANG)).body).toContain('"data":[]}')
  })
})

describe('a list page\'s products, kept as rendered until the next write', () => {
  it('show every write that follows: an update, stock applied from a batch, a variant turned off, a deletion, a direct write, a reset', async () => {
    expect(find(await page(), KAOS).name).toBe('Kaos Polos Hitam')

    await update(KAOS, { name: 'Kaos Baru', hashtags: ['baru'] })
    expect(find(await page(), KAOS)).toMatchObject({ name: 'Kaos Baru', hashtags: ['baru'] })

    const stock = await toco(mock.app, { method: 'PATCH', path: '/partner/stores/inventory', body: { items: [{ id: KAOS, stock: 7 }] }, store: GUDANG })
    await batch(mock.app, stock.json().data.batchId)
    expect(find(await page(), KAOS)).toMatchObject({ stock: 7, warehouses: [{ stock: 3 }, { stock: 2 }, { stock: 2 }] })

    const before = find(await page(), KEMEJA) as { variants: Array<{ sku: string, isActive: boolean }> }
    expect(before.variants.map((variant) => variant.isActive)).toEqual([true, true, false])
    // Items are the final set: the one left out is deactivated.
    expect((await update(KEMEJA, { variants: { items: [{ sku: 'SKU-MRON-L' }] } })).statusCode).toBe(200)
    const after = find(await page(), KEMEJA) as { variants: Array<{ sku: string, isActive: boolean }> }
    expect(after.variants.find((variant) => variant.sku === 'SKU-KCM-HITAM-2')!.isActive).toBe(false)

    mock.app.mock.db.prepare('UPDATE toco_warehouses SET name = ? WHERE client_id = ?').run('Gudang Bekasi', WAREHOUSES[0])
    expect(find(await page(), KAOS)).toMatchObject({ warehouses: [{ name: 'Gudang Bekasi' }, { name: 'Gudang Bandung' }, { name: 'Gudang Surabaya' }] })

    await toco(mock.app, { path: '/partner/stores/products/deletions', body: { ids: [KAOS] }, store: GUDANG })
    expect((await page()).map((product) => product.id)).not.toContain(KAOS)

    await mock.app.inject({ method: 'POST', url: '/__admin/reset' })
    expect(find(await page(), KAOS)).toMatchObject({ name: 'Kaos Polos Hitam', stock: 40, warehouses: [{ name: 'Gudang Jakarta' }, { }, { }] })
    expect(find(await page(), KEMEJA)).toMatchObject({ hasVariants: true })
  })

  it('a page of another store or filter is rendered from its own rows', async () => {
    const gudang = await page()
    const katalog = (await read(mock.app, `${LIST}?limit=100`, DEMO.catalogueStore)).json().data as Array<{ id: string }>
    expect(katalog.map((product) => product.id)).not.toContain(KAOS)
    expect(gudang.map((product) => product.id)).toContain(KAOS)
  })
})
