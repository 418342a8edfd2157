/** The fixture extension: warehouses (0, 1 or several per store), variants, orders, and the errors a bad one gets. */
import { describe, expect, it } from 'vitest'
import { toco, useApp } from '../helpers.js'
import { batch, read } from './support.js'

const mock = useApp()
const partner = { clientId: 'ptnr_fx', secretKey: 'fx-secret' }
const store = { storeClientId: 'str_fxOneHouse1', storeToken: 'stkn_fxOneHouseTok01' }
const base = {
  partners: [partner],
  stores: [{ storeClientId: store.storeClientId, partnerClientId: partner.clientId, storeToken: store.storeToken }],
  warehouses: [{ clientId: 'wh_only', storeClientId: store.storeClientId }]
}
const load = (toco: Record<string, unknown>) => mock.app.inject({ method: 'POST', url: '/__admin/fixtures', payload: { toco } })

describe('Toco fixtures, second wave', () => {
  it('one warehouse: a fixture product\'s stock goes to it, and stock updates write there', async () => {
    expect((await load({ ...base, products: [{ id: 'p-1', storeClientId: store.storeClientId, externalId: 'x-1', stock: 7 }] })).statusCode).toBe(200)
    const before = (await read(mock.app, '/partner/stores/products/p-1', store, partner)).json().data
    expect(before).toMatchObject({ stock: 7, warehouses: [{ clientId: 'wh_only', name: 'Warehouse wh_only', stock: 7 }], isVerified: true, price: 100000 })
    const update = await toco(mock.app, { method: 'PATCH', path: '/partner/stores/inventory', body: { items: [{ id: 'p-1', stock: 3 }] }, store, partner })
    await batch(mock.app, update.json().data.batchId)
    expect((await read(mock.app, '/partner/stores/products/p-1', store, partner)).json().data).toMatchObject({ stock: 3, warehouses: [{ clientId: 'wh_only', stock: 3 }] })
  })

  it('variants take their defaults; the product\'s price and stock come from its active ones', async () => {
    await load({
      ...base,
      products: [{ id: 'p-v', storeClientId: store.storeClientId, externalId: 'x-v', price: 1, variants: [{ id: 'v-1', sku: 'V-1', price: 500 }, { id: 'v-2', sku: 'V-2', price: 300, isActive: false }] }]
    })
    const product = (await read(mock.app, '/partner/stores/products/p-v', store, partner)).json().data
    expect(product).toMatchObject({ price: 500, stock: 10, hasVariants: true })
    expect(product.variants.map((variant: { name: string, stock: number }) => [variant.name, variant.stock])).toEqual([['V-1', 10], ['V-2', 10]])
  })

  it.each([
    ['a product stocked in another store\'s warehouse', {
      ...base,
      stores: [...base.stores, { storeClientId: 'str_fxOther', partnerClientId: partner.clientId }],
      products: [{ id: 'p-2', storeClientId: 'str_fxOther', externalId: 'x-2', warehouses: [{ clientId: 'wh_only', stock: 1 }] }]
    }, '/toco/products/0/warehouses/0/clientId'],
    ['a warehouse of an unknown store', { ...base, warehouses: [{ clientId: 'wh_2', storeClientId: 'str_nope' }] }, '/toco/warehouses/0/storeClientId'],
    ['an order of an unknown store', { ...base, orders: [{ id: 'o-1', storeClientId: 'str_nope' }] }, '/toco/orders/0/storeClientId'],
    ['a batch of an unknown kind', { ...base, batches: [{ id: 'b-1', storeClientId: store.storeClientId, kind: 'nope', status: 'queued', rows: [] }] }, '/toco/batches/0/kind']
  ])('%s → 400 naming its path, nothing loaded', async (_name, doc, path) => {
    const response = await load(doc)
    expect(response.statusCode).toBe(400)
    expect(response.json().error.path).toBe(path)
    expect(mock.app.mock.db.prepare("SELECT count(*) FROM toco_partners WHERE client_id = 'ptnr_fx'").pluck().get()).toBe(0)
  })
})
