/**
 * Every new Toco table in the control plane's state: export → replace → export is byte-identical
 * with sessions, batches (queued and applied), warehouses, variants and orders in it, and a tenant
 * reset restores exactly the partner's rows of each.
 */
import { describe, expect, it } from 'vitest'
import { createApp, DEMO, snapshot, toco, useApp } from '../helpers.js'
import { batch, GUDANG, onboard, startSession } from './support.js'

const mock = useApp()
const admin = (method: 'GET' | 'POST', url: string, payload?: unknown) =>
  mock.app.inject({ method, url: `/__admin${url}`, ...(payload === undefined ? {} : { payload: payload as object }) })

/** Puts a row in every Toco table, the queued batch included. */
async function populate (): Promise<string> {
  const store = await onboard(mock.app)
  await startSession(mock.app)
  const applied = await toco(mock.app, { path: '/partner/stores/products/bulk', body: { products: [{ externalId: 'st-1', name: 'State', price: 5, stock: 2, hashtags: ['a'] }] }, store })
  await batch(mock.app, applied.json().data.batchId)
  await toco(mock.app, { method: 'PATCH', path: '/partner/stores/inventory', body: { items: [{ sku: 'SKU-MRON-L', warehouses: [{ clientId: 'wh_Xv53JrfSp37s', stock: 4 }] }] }, store: GUDANG })
  await toco(mock.app, { path: '/partner/stores/products/deletions', body: { ids: [DEMO.products.second.id] }, store: DEMO.catalogueStore })
  await toco(mock.app, { path: `/partner/stores/${DEMO.unbindStore.storeClientId}/unbind` })
  mock.app.mock.clock.advance(-60_000)
  const queued = await toco(mock.app, { path: '/partner/stores/products/bulk', body: { products: [{ externalId: 'st-2', name: 'Queued', price: 5, stock: 2 }] }, store })
  return queued.json().data.batchId as string
}

describe('Toco state in the control plane', () => {
  it('export → replace → export is byte-identical, every new table populated', async () => {
    await mock.app.close()
    mock.app = await createApp({ tocoBatchDelayMs: 3_600_000 })
    await populate()
    const exported = (await admin('GET', '/state')).body
    const counts = (await admin('POST', '/fixtures?mode=replace', JSON.parse(exported))).json()
    for (const table of ['toco_onboard_sessions', 'toco_batches', 'toco_warehouses', 'toco_product_variants', 'toco_stock_levels', 'toco_orders']) {
      expect(counts.counts[table], table).toBeGreaterThan(0)
    }
    expect((await admin('GET', '/state')).body).toBe(exported)
  })

  it('a product converted from variants to simple keeps its own sku, price, stock and warehouses through export → replace', async () => {
    const created = await toco(mock.app, {
      path: '/partner/stores/products/with-variants/bulk',
      body: { products: [{ externalId: 'rt-1', name: 'RT', optionGroups: [{ name: 'Ukuran', options: ['M'] }], variants: { items: [{ sku: 'RT-M', options: [{ name: 'Ukuran', value: 'M' }], price: 5000, stock: 7 }] } }] },
      store: GUDANG
    })
    await batch(mock.app, created.json().data.batchId)
    const id = (await toco(mock.app, { method: 'GET', path: '/partner/stores/products/sku/RT-M', store: GUDANG })).json().data.id as string
    const simple = await toco(mock.app, { method: 'PATCH', path: `/partner/stores/products/${id}`, body: { variants: { items: [] }, sku: 'RT-SIMPLE', price: 9000, warehouses: [{ clientId: 'wh_wh8-HpRcn3ZH', stock: 4 }] }, store: GUDANG })
    expect(simple.statusCode, simple.body).toBe(200)
    const read = async () => (await toco(mock.app, { method: 'GET', path: '/partner/stores/products/sku/RT-SIMPLE', store: GUDANG })).json().data
    const before = await read()
    expect(before).toMatchObject({ hasVariants: false, sku: 'RT-SIMPLE', price: 9000, stock: 4 })
    const exported = (await admin('GET', '/state')).body
    expect((await admin('POST', '/fixtures?mode=replace', JSON.parse(exported))).statusCode).toBe(200)
    expect(await read()).toEqual(before)
    expect((await admin('GET', '/state')).body).toBe(exported)
  })

  it('a queued batch survives the round trip and still applies when due', async () => {
    await mock.app.close()
    mock.app = await createApp({ tocoBatchDelayMs: 1000 })
    mock.app.mock.clock.freeze(Date.parse('2026-03-01T10:00:00.000Z'))
    const batchId = await populate()
    const exported = (await admin('GET', '/state')).json()
    expect(exported.toco.batches.find((entry: { id: string }) => entry.id === batchId)).toMatchObject({ status: 'queued', dueAt: '2026-03-01T09:59:01.000Z' })
    // Loaded into a fresh app, the batch falls due on that app's clock.
    const other = await createApp()
    try {
      other.mock.clock.freeze(Date.parse('2026-03-01T09:59:00.000Z'))
      await other.inject({ method: 'POST', url: '/__admin/fixtures?mode=replace', payload: exported })
      expect((await other.inject({ url: `/__admin/toco/batches/${batchId}` })).json().status).toBe('queued')
      other.mock.clock.advance(1000)
      expect((await other.inject({ url: `/__admin/toco/batches/${batchId}` })).json()).toMatchObject({ status: 'applied', rows: [{ status: 'applied' }] })
    } finally {
      await other.close()
    }
  })

  it('a tenant reset restores the partner\'s sessions, batches, stores, stock and variants, and leaves the other partner\'s', async () => {
    mock.app.mock.clock.freeze(Date.parse('2026-03-01T10:00:00.000Z'))
    await admin('POST', '/reset', { keep: ['clock'] })
    const pristine = snapshot(mock.app)
    await populate()
    await toco(mock.app, { path: '/partner/stores/products/bulk', body: { products: [{ externalId: 'o-1', name: 'Other', price: 1, stock: 1 }] }, store: DEMO.otherPartnersStore, partner: DEMO.otherPartner })
    const otherBatches = () => snapshot(mock.app).toco_batches!.filter((entry) => (entry as { store_client_id: string }).store_client_id === DEMO.otherPartnersStore.storeClientId)
    await admin('GET', '/clock')
    const changedOther = otherBatches()
    expect(changedOther).toHaveLength(1)
    mock.app.mock.clock.advance(60_000)
    expect((await admin('POST', '/reset', { tenant: DEMO.partner.clientId })).statusCode).toBe(200)
    const after = snapshot(mock.app)
    const mine = (table: string) => after[table]!.filter((entry) => JSON.stringify(entry).includes(DEMO.otherPartnersStore.storeClientId) === false)
    for (const table of ['toco_batches', 'toco_products', 'toco_onboard_sessions', 'toco_warehouses', 'toco_product_variants', 'toco_stock_levels', 'toco_store_tokens', 'toco_stores']) {
      expect(mine(table), table).toEqual(pristine[table]!.filter((entry) => JSON.stringify(entry).includes(DEMO.otherPartnersStore.storeClientId) === false))
    }
    expect(otherBatches()).toEqual(changedOther)
  })
})
