/**
 * onetime-product/* and subscription-product/*: the test/prod model (the API key's environment
 * picks the status an action touches and a response shows), immutable versions, literal
 * messages, roles, and delete-store's active_products following every change.
 */
import { describe, expect, it } from 'vitest'
import { DEMO, snapshot, useApp } from '../helpers.js'
import { act, PRICES, refusal, row } from './support.js'

const mock = useApp()
const clean = DEMO.waffoStores.clean

async function create (kind: 'onetime' | 'subscription', extra: Record<string, unknown> = {}, merchant = DEMO.owner) {
  const body = { storeId: clean, name: 'E-Book', prices: PRICES, ...(kind === 'subscription' ? { billingPeriod: 'monthly' } : {}), ...extra }
  const { status, body: answer } = await act(mock.app, `${kind}-product/create-product`, body, merchant)
  expect(status, JSON.stringify(answer)).toBe(200)
  return answer.data.product
}
const statuses = (id: string) => row(mock.app, 'SELECT test_status, prod_status, test_version, prod_version FROM waffo_products WHERE id = ?', id)
/** delete-store's active_products count for the clean store (a 200 deletes it: call it last). */
async function activeProducts () {
  const { status, body } = await act(mock.app, 'store/delete-store', { id: clean })
  return status === 200 ? 0 : body.errors!.find((notice) => notice.reason === 'active_products')?.count ?? 0
}

describe.each(['onetime', 'subscription'] as const)('%s-product', (kind) => {
  const path = (verb: string) => `${kind}-product/${verb}`

  it('create: the detail shape, active in test and inactive in prod until published', async () => {
    mock.app.mock.clock.freeze(Date.parse('2026-02-01T00:00:00.000Z'))
    const product = await create(kind, { description: 'A guide', media: [{ type: 'image', url: 'https://example.com/a.png', alt: 'Cover' }], successUrl: 'https://example.com/thanks', metadata: { sku: 'b-1', ...(kind === 'subscription' ? { trialDays: 7 } : {}) } })
    expect(product).toEqual({
      id: expect.stringMatching(/^PROD_[0-9A-Za-z]{22}$/),
      storeId: clean,
      name: 'E-Book',
      description: 'A guide',
      ...(kind === 'subscription' ? { billingPeriod: 'monthly' } : {}),
      prices: PRICES,
      media: [{ type: 'image', url: 'https://example.com/a.png', alt: 'Cover' }],
      successUrl: 'https://example.com/thanks',
      metadata: { sku: 'b-1', ...(kind === 'subscription' ? { trialDays: 7 } : {}) },
      status: 'active',
      createdAt: '2026-02-01T00:00:00.000Z',
      updatedAt: '2026-02-01T00:00:00.000Z'
    })
    expect(statuses(product.id)).toEqual({ test_status: 'active', prod_status: 'inactive', test_version: 1, prod_version: null })
    // The SDK's field order (OnetimeProductDetail / SubscriptionProductDetail): billingPeriod after description.
    expect(Object.keys(product)).toEqual(['id', 'storeId', 'name', 'description', ...(kind === 'subscription' ? ['billingPeriod'] : []),
      'prices', 'media', 'successUrl', 'metadata', 'status', 'createdAt', 'updatedAt'])
    // The owner's prod key sees the same product as inactive there.
    const seenFromProd = await act(mock.app, path('update-product'), { id: product.id }, DEMO.ownerProd)
    expect(seenFromProd.body.data.product.status).toBe('inactive')
  })

  it('update: a new test version only when something changed; publish copies it to prod', async () => {
    const product = await create(kind)
    mock.app.mock.clock.advance(1000)
    const same = await act(mock.app, path('update-product'), { id: product.id, name: 'E-Book', prices: PRICES })
    expect(same.body.data.product).toEqual(product)
    expect(statuses(product.id)!.test_version).toBe(1)

    const renamed = await act(mock.app, path('update-product'), { id: product.id, name: 'E-Book v2', description: '' })
    expect(renamed.body.data.product).toMatchObject({ name: 'E-Book v2', description: null, prices: PRICES })
    expect(renamed.body.data.product.updatedAt).not.toBe(product.updatedAt)
    expect(statuses(product.id)).toMatchObject({ test_version: 2, prod_version: null })
    // Prod still shows the (unpublished) test content, inactive.
    expect((await act(mock.app, path('update-product'), { id: product.id }, DEMO.ownerProd)).body.data.product).toMatchObject({ status: 'inactive' })

    const published = await act(mock.app, path('publish-product'), { id: product.id }, DEMO.ownerProd)
    expect(published.body.data.product).toMatchObject({ name: 'E-Book v2', status: 'active' })
    expect(statuses(product.id)).toEqual({ test_status: 'active', prod_status: 'active', test_version: 2, prod_version: 2 })

    // A later test version does not reach prod until published again.
    await act(mock.app, path('update-product'), { id: product.id, name: 'E-Book v3' })
    expect((await act(mock.app, path('update-product'), { id: product.id }, DEMO.ownerProd)).body.data.product.name).toBe('E-Book v2')
    expect((await act(mock.app, path('update-product'), { id: product.id })).body.data.product.name).toBe('E-Book v3')
  })

  it('update-status touches only the key\'s environment, and active_products follows', async () => {
    const product = await create(kind)
    await act(mock.app, path('publish-product'), { id: product.id })
    expect(await activeProducts()).toBe(1)
    const offInTest = await act(mock.app, path('update-status'), { id: product.id, status: 'inactive' })
    expect(offInTest.body.data.product.status).toBe('inactive')
    expect(statuses(product.id)).toMatchObject({ test_status: 'inactive', prod_status: 'active' })
    expect(await activeProducts()).toBe(1)
    const onInTest = await act(mock.app, path('update-status'), { id: product.id, status: 'active' })
    expect(onInTest.body.data.product.status).toBe('active')
    await act(mock.app, path('update-status'), { id: product.id, status: 'inactive' })
    const offInProd = await act(mock.app, path('update-status'), { id: product.id, status: 'inactive' }, DEMO.ownerProd)
    expect(offInProd.body.data.product.status).toBe('inactive')
    expect(statuses(product.id)).toMatchObject({ test_status: 'inactive', prod_status: 'inactive' })
    expect(await activeProducts()).toBe(0)
  })

  it('update-status in prod before publishing → 400, nothing written', async () => {
    const product = await create(kind)
    const before = snapshot(mock.app)
    expect(await refusal(mock.app, path('update-status'), { id: product.id, status: 'active' }, DEMO.ownerProd))
      .toEqual([400, 'Product has no version in the current environment; publish it first', 'product'])
    expect(snapshot(mock.app)).toEqual(before)
  })

  it.each([
    ['no id', {}, 'Missing required field: id'],
    ['a bad id', { id: 'prod_1', status: 'active' }, 'Invalid ID format'],
    ['a store id', { id: clean, status: 'active' }, 'Invalid ID format'],
    ['no status', { id: 'PROD_EveryOnetimeActive0000' }, "Invalid or missing status (must be 'active' or 'inactive')"],
    ['an unknown status', { id: 'PROD_EveryOnetimeActive0000', status: 'archived' }, "Invalid or missing status (must be 'active' or 'inactive')"]
  ])('update-status with %s → 400 as documented', async (_case, body, message) => {
    expect(await refusal(mock.app, path('update-status'), body)).toEqual([400, message, 'product'])
  })

  it('roles: a member gets 403, a stranger and a deleted store 404 — nothing written', async () => {
    const product = await create(kind, { storeId: DEMO.waffoStores.ownerIsMember }, DEMO.admin)
    const before = snapshot(mock.app)
    expect(await refusal(mock.app, path('create-product'), { storeId: DEMO.waffoStores.ownerIsMember, name: 'x', prices: PRICES, billingPeriod: 'monthly' }))
      .toEqual([403, 'Not authorized to manage products of this store, only owner or admin can', 'product'])
    expect(await refusal(mock.app, path('update-status'), { id: product.id, status: 'inactive' }))
      .toEqual([403, 'Not authorized to manage products of this store, only owner or admin can', 'product'])
    expect(await refusal(mock.app, path('publish-product'), { id: product.id }, DEMO.outsider)).toEqual([404, 'Product not found', 'product'])
    expect(await refusal(mock.app, path('create-product'), { storeId: DEMO.waffoStores.othersOnly, name: 'x', prices: PRICES, billingPeriod: 'monthly' }))
      .toEqual([404, 'Store not found', 'store'])
    expect(await refusal(mock.app, path('create-product'), { storeId: DEMO.waffoStores.deleted, name: 'x', prices: PRICES, billingPeriod: 'monthly' }))
      .toEqual([404, 'Store not found', 'store'])
    expect(snapshot(mock.app)).toEqual(before)
  })

  it('a product of the other kind is not found on this path', async () => {
    const other = await create(kind === 'onetime' ? 'subscription' : 'onetime')
    expect(await refusal(mock.app, path('publish-product'), { id: other.id })).toEqual([404, 'Product not found', 'product'])
  })
})

describe('create-product validation (literal messages, layer product, nothing written)', () => {
  const base = { storeId: clean, name: 'Book', prices: PRICES }
  it.each([
    ['no storeId', { name: 'x', prices: PRICES }, 'Missing required field: storeId'],
    ['a bad storeId', { ...base, storeId: 'abc' }, 'Expected format: STO_xxx, got "abc"'],
    ['no name', { ...base, name: undefined }, 'Missing required field: name'],
    ['a 65-character name', { ...base, name: 'n'.repeat(65) }, 'Product name must be at most 64 characters, got 65'],
    ['no prices', { ...base, prices: undefined }, 'Missing required field: prices'],
    ['empty prices', { ...base, prices: {} }, 'prices must contain at least one currency'],
    ['a lowercase currency', { ...base, prices: { usd: PRICES.USD } }, 'Invalid prices.usd (key): expected 3-letter ISO 4217 currency code (e.g., "USD"), got "usd"'],
    ['a numeric amount', { ...base, prices: { USD: { amount: 29, taxCategory: 'saas' } } }, 'Invalid prices.USD.amount: expected numeric string in display format (e.g., "9.99", "1000"), got "29"'],
    ['a 16-digit amount', { ...base, prices: { USD: { amount: '1234567890123456', taxCategory: 'saas' } } }, 'Invalid prices.USD.amount: expected numeric string in display format (e.g., "9.99", "1000"), got "1234567890123456"'],
    ['an amount with 7 decimals', { ...base, prices: { USD: { amount: '1.0000001', taxCategory: 'saas' } } }, 'Invalid prices.USD.amount: expected numeric string in display format (e.g., "9.99", "1000"), got "1.0000001"'],
    ['no taxCategory', { ...base, prices: { USD: { amount: '1.00' } } }, 'Missing required field: prices.USD.taxCategory'],
    ['an unknown taxCategory', { ...base, prices: { USD: { amount: '1.00', taxCategory: 'food' } } }, 'Invalid prices.USD.taxCategory: expected one of [digital_goods, saas, software, ebook, online_course, consulting, professional_service], got "food"'],
    ['a trial price on a one-time product', { ...base, prices: { USD: { ...PRICES.USD, trialAmount: '1.00' } } }, 'Invalid prices.USD.trialAmount: trial prices are for subscription products only'],
    ['an ftp successUrl', { ...base, successUrl: 'ftp://x' }, 'Invalid successUrl: expected an http(s) URL of at most 512 characters'],
    ['a bad media item', { ...base, media: [{ type: 'audio', url: 'x' }] }, 'Invalid media[0]: expected {type: "image"|"video", url, alt?, thumbnail?}'],
    ['51 metadata keys', { ...base, metadata: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, i])) }, 'metadata must have at most 50 keys']
  ])('one-time with %s → 400', async (_case, body, message) => {
    const before = snapshot(mock.app)
    expect(await refusal(mock.app, 'onetime-product/create-product', body)).toEqual([400, message, 'product'])
    expect(snapshot(mock.app)).toEqual(before)
  })

  it.each([
    ['no billingPeriod', {}, 'Missing required field: billingPeriod'],
    ['a daily billingPeriod', { billingPeriod: 'daily' }, 'Invalid billingPeriod: expected one of [weekly, monthly, quarterly, yearly], got "daily"'],
    ['trialDays 0', { billingPeriod: 'monthly', metadata: { trialDays: 0 } }, 'Invalid metadata.trialDays: expected an integer between 1 and 365'],
    ['a trial price not below the price', { billingPeriod: 'monthly', prices: { USD: { ...PRICES.USD, trialAmount: '29.00' } } }, 'Invalid prices.USD.trialAmount: must be lower than amount']
  ])('subscription with %s → 400', async (_case, extra, message) => {
    expect(await refusal(mock.app, 'subscription-product/create-product', { ...base, ...extra })).toEqual([400, message, 'product'])
  })
})

it('fixture products answer in the detail shape too (defaults for what the fixture left out)', async () => {
  const { body } = await act(mock.app, 'subscription-product/update-product', { id: 'PROD_EverySubProdActive0000' }, DEMO.ownerProd)
  expect(body.data.product).toMatchObject({ id: 'PROD_EverySubProdActive0000', name: 'PROD_EverySubProdActive0000', billingPeriod: 'monthly', prices: {}, status: 'active' })
})
