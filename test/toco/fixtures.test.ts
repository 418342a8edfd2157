/** The fixture extension: warehouses (0, 1 or several per store), variants, orders, and the errors a bad one gets. */
import { describe, expect, it } from 'vitest'
import { snapshot, toco, useApp } from '../helpers.js'
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

  // The consent page would send a live store token there (probing: a javascript: redirect was approved).
  it.each(['javascript:alert(1)', '//evil.example/cb', 'data:text/html,x', `https://example.com/${'a'.repeat(2048)}`])('a fixture session redirecting to %s loads, but approving it is refused (ONB_006), nothing bound', async (redirectUri) => {
    const createdAt = new Date(mock.app.mock.clock.now()).toISOString()
    expect((await load({ ...base, onboardSessions: [{ id: 'onb-fx', partnerClientId: partner.clientId, redirectUri, createdAt }] })).statusCode).toBe(200)
    const before = snapshot(mock.app)
    const response = await mock.app.inject({ method: 'GET', url: '/api/v1/seller/onboard/onb-fx?autoApprove=1' })
    expect(response.statusCode).toBe(400)
    expect(response.headers.location).toBeUndefined()
    expect(response.body).toContain('ONB_006')
    expect(snapshot(mock.app)).toEqual(before)
  })

  it('token dates in any offset are stored as the mock writes them: an expiry an hour ago in +14:00 is expired', async () => {
    mock.app.mock.clock.freeze(Date.parse('2026-12-08T05:00:00.000Z'))
    const tokens = [{ token: store.storeToken, expiresAt: '2026-12-08T18:00:00+14:00' }] // 04:00Z
    expect((await load({ ...base, stores: [{ ...base.stores[0], tokens }] })).statusCode).toBe(200)
    expect(mock.app.mock.db.prepare('SELECT expires_at FROM toco_store_tokens WHERE token = ?').pluck().get(store.storeToken)).toBe('2026-12-08T04:00:00.000Z')
    const refused = await read(mock.app, '/partner/stores/products', store, partner)
    expect([refused.statusCode, refused.json().error.code]).toEqual([401, 'AUTH_005'])
  })
})
