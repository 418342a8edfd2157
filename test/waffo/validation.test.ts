/**
 * Waffo's one body formatter: a schema refusal becomes the store service's 400 in its own words,
 * the first field in the schema's order winning; checked through a signed request, with nothing written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { App } from '../../src/app.js'
import { createApp, DEMO, waffo } from '../helpers.js'

let app: App
beforeAll(async () => { app = await createApp() })
afterAll(async () => { await app.close() })

const PRICES = { USD: { amount: '9.99', taxCategory: 'saas' } }
const refusal = async (path: string, body: unknown) => {
  const before = app.mock.db.prepare('SELECT count(*) FROM waffo_products').pluck().get()
  const response = await waffo(app, { path, body })
  expect(app.mock.db.prepare('SELECT count(*) FROM waffo_products').pluck().get()).toBe(before)
  return { status: response.statusCode, body: response.json() }
}
const bad = (message: string, layer = 'product') => ({ status: 400, body: { data: null, errors: [{ message, layer }] } })

describe('body schema refusals in Waffo\'s words', () => {
  const create = '/v1/actions/subscription-product/create-product'
  const store = DEMO.waffoStores.clean

  it.each([
    ['the first field in schema order wins over a later missing one', { storeId: 7 }, bad('Expected format: STO_xxx, got "7"')],
    ['a missing nested field is named with its path', { storeId: store, name: 'x', billingPeriod: 'monthly', prices: { USD: { amount: '1.00' } } }, bad('Missing required field: prices.USD.taxCategory')],
    ['a bad amount quotes the path and the value', { storeId: store, name: 'x', billingPeriod: 'monthly', prices: { EUR: { amount: 'ten', taxCategory: 'saas' } } },
      bad('Invalid prices.EUR.amount: expected numeric string in display format (e.g., "9.99", "1000"), got "ten"')],
    ['a media item names its index', { storeId: store, name: 'x', billingPeriod: 'monthly', prices: PRICES, media: [{ type: 'image', url: 'https://x' }, { type: 'gif', url: 'u' }] },
      bad('Invalid media[1]: expected {type: "image"|"video", url, alt?, thumbnail?}')],
    ['an enum quotes the value', { storeId: store, name: 'x', prices: PRICES, billingPeriod: 'daily' },
      bad('Invalid billingPeriod: expected one of [weekly, monthly, quarterly, yearly], got "daily"')],
    ['a body that is an array names the first field', [store], bad('Missing required field: storeId')]
  ])('%s', async (_name, body, expected) => {
    expect(await refusal(create, body)).toEqual(expected)
  })

  it('an empty request body is a missing first field', async () => {
    const response = await waffo(app, { path: '/v1/actions/store/delete-store', body: '' })
    expect(response.json()).toEqual({ data: null, errors: [{ message: 'Missing required field: id', layer: 'store' }] })
  })

  it('update-product: null for an optional field the version needs is a missing field', async () => {
    const update = '/v1/actions/subscription-product/update-product'
    const id = 'PROD_EverySubProdActive0000'
    expect(await refusal(update, { id, prices: null })).toEqual(bad('Missing required field: prices'))
    expect(await refusal(update, { id, name: '' })).toEqual(bad('Missing required field: name'))
    expect(await refusal(update, { id, media: null })).toEqual(bad('Invalid media: expected an array'))
  })
})
