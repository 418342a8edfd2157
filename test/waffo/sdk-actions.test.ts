/**
 * The second-wave actions through the official SDK, unchanged, against a listening mock: what a
 * merchant's code sees (unwrapped data, warnings, WaffoPancakeError with status and notices).
 */
import { WaffoPancake, WaffoPancakeError } from '@waffo/pancake-ts'
import { expect, it } from 'vitest'
import { DEMO, useListeningApp } from '../helpers.js'

const server = useListeningApp()
const client = (merchant: { id: string, privateKeyPem: string } = DEMO.owner) =>
  new WaffoPancake({ merchantId: merchant.id, privateKey: merchant.privateKeyPem, baseUrl: server.url, environment: 'test' })

async function failure (promise: Promise<unknown>): Promise<[number, string, string]> {
  const error = await promise.then(() => undefined, (caught: unknown) => caught)
  expect(error).toBeInstanceOf(WaffoPancakeError)
  const { status, errors } = error as WaffoPancakeError
  return [status, errors[0]!.message, errors[0]!.layer]
}

it('stores: create, update with warnings, the 20-store limit seen as an SDK error', async () => {
  const { store } = await client().stores.create({ name: '  SDK Store ' })
  expect(store).toMatchObject({ name: 'SDK Store', status: 'active', prodEnabled: false, deletedAt: null, slug: expect.stringMatching(/^sdk-store-[a-z0-9]{6}$/) })
  const updated = await client(DEMO.owner).stores.update({ id: store.id, name: 'Renamed', notificationSettings: { notifyNewOrders: false }, webhookSettings: {} } as never)
  expect(updated.store.name).toBe('Renamed')
  expect(updated.store.notificationSettings!.notifyNewOrders).toBe(false)
  expect((updated as { warnings?: unknown[] }).warnings).toEqual([{ message: 'webhookSettings field ignored', layer: 'store', aiHint: 'Switch to client.webhooks.add / update / remove' }])
  expect(await failure(client(DEMO.owner).stores.create({ name: 'x'.repeat(49) }))).toEqual([400, 'Store name must be between 1 and 48 characters', 'store'])
})

it('products: create, update (new version), publish, update-status through the SDK, each environment its own status', async () => {
  const { product } = await client().subscriptionProducts.create({ storeId: DEMO.waffoStores.clean, name: 'Pro Plan', billingPeriod: 'monthly' as never, prices: { USD: { amount: '9.99', taxCategory: 'saas' as never } } })
  expect(product).toMatchObject({ name: 'Pro Plan', billingPeriod: 'monthly', status: 'active' })
  expect((await client().subscriptionProducts.update({ id: product.id, billingPeriod: 'yearly' as never })).product.billingPeriod).toBe('yearly')
  const prod = client(DEMO.ownerProd)
  expect(await failure(prod.subscriptionProducts.updateStatus({ id: product.id, status: 'inactive' as never })))
    .toEqual([400, 'Product has no version in the current environment; publish it first', 'product'])
  expect((await prod.subscriptionProducts.publish({ id: product.id })).product).toMatchObject({ status: 'active', billingPeriod: 'yearly' })
  expect((await prod.subscriptionProducts.updateStatus({ id: product.id, status: 'inactive' as never })).product.status).toBe('inactive')
  expect((await client().subscriptionProducts.update({ id: product.id })).product.status).toBe('active')
})

it('orders and sessions: cancel by key, the buyer reactivates, the store-merchant calls answer 501', async () => {
  const owner = client()
  expect(await owner.orders.cancelSubscription({ orderId: 'ORD_EverySubActive00000000' })).toEqual({ orderId: 'ORD_EverySubActive00000000', status: 'canceling' })
  const { token } = await owner.auth.issueSessionToken({ productId: 'PROD_EverySubProdActive0000', buyerIdentity: 'buyer@example.com' })
  const buyer = owner.customer(token)
  expect(await buyer.reactivateSubscription({ orderId: 'ORD_EverySubActive00000000' })).toEqual({ orderId: 'ORD_EverySubActive00000000', status: 'active' })
  expect(await buyer.cancelSubscription({ orderId: 'ORD_EverySubActive00000000' })).toEqual({ orderId: 'ORD_EverySubActive00000000', status: 'canceling' })
  const mine = await buyer.graphql.query<{ subscriptionOrders: Array<{ id: string, status: string }> }>({ query: '{ subscriptionOrders { id status } }' })
  expect(mine).toEqual({ data: { subscriptionOrders: [{ id: 'ORD_EverySubActive00000000', status: 'canceling' }] }, errors: undefined, warnings: undefined })
  expect(await failure(buyer.cancelSubscription({ orderId: 'ORD_EverySubPastDue0000000' }))).toEqual([403, 'Order does not belong to user', 'order'])
  // Environments are isolated (issue 17): a test order does not exist for a prod session.
  expect(await failure(owner.customer(token, { environment: 'prod' }).cancelSubscription({ orderId: 'ORD_EverySubPastDue0000000' })))
    .toEqual([404, 'Order not found', 'order'])
  expect(await failure(owner.storeMerchants.add({ storeId: DEMO.waffoStores.clean, email: 'm@example.com', role: 'admin' }))).toEqual([501, 'Coming soon', 'store'])
})

it('graphql: the helper returns errors without throwing (mutation 403, depth 400)', async () => {
  const mutation = await client().graphql.query({ query: 'mutation { deleteStore { id } }' })
  expect(mutation).toEqual({ data: null, errors: [{ message: 'Mutations are not supported: the GraphQL API is read-only', layer: 'graphql' }], warnings: undefined })
  const deep = await client().graphql.query({ query: '{ stores { onetimeOrders { onetimeProduct { store { onetimeProducts { prices { priceInfo { amount } } } } } } } }' })
  expect(deep.data).toBeNull()
  expect(deep.errors).toEqual([{ message: 'unnamedQuery query depth (8) exceeds the query depth limit of 7', layer: 'graphql' }])
  const { data } = await client().graphql.query<{ storesCount: number }>({ query: '{ storesCount }' })
  expect(data!.storesCount).toBe(5)
})
