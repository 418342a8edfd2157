/**
 * The acceptance walk, through the official @waffo/pancake-ts SDK against a listening mock: a
 * store blocked in all six delete-store categories is cleared one category at a time — products
 * deactivated per environment, subscriptions canceled (canceling until the period ends on the
 * mock's clock), the buyer cancels their pending order with a session token — and only the two
 * categories without a public API (KYB tickets, sender bindings) use the control plane. Each 409
 * must list exactly the categories left; the last delete answers 200, and GraphQL no longer
 * shows the store.
 */
import { WaffoPancake, WaffoPancakeError } from '@waffo/pancake-ts'
import { expect, it } from 'vitest'
import { DEMO, useListeningApp } from '../helpers.js'

const server = useListeningApp()
const STORE = DEMO.waffoStores.blockedEverywhere
const sdk = (merchant: { id: string, privateKeyPem: string }) =>
  new WaffoPancake({ merchantId: merchant.id, privateKey: merchant.privateKeyPem, baseUrl: server.url, environment: 'test' })
// Built once the server listens (its URL is known only then).
let testKey: WaffoPancake
let prodKey: WaffoPancake

async function admin (method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<any> {
  const response = await fetch(`${server.url}/__admin${path}`, {
    method, ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
  })
  expect(response.ok, `${method} ${path}: ${response.status}`).toBe(true)
  return response.json()
}

/** Tries the delete; answers the 409's categories in order (with their counts), or 'deleted'. */
async function deleteStore (): Promise<string[] | 'deleted'> {
  try {
    const { store } = await testKey.stores.delete({ id: STORE })
    expect(store.deletedAt).not.toBeNull()
    return 'deleted'
  } catch (error) {
    expect(error).toBeInstanceOf(WaffoPancakeError)
    const refusal = error as WaffoPancakeError
    expect(refusal.status).toBe(409)
    return refusal.errors.map((notice) => `${(notice as { reason?: string }).reason}:${(notice as { count?: number }).count}`)
  }
}

it('walks a six-category 409 back to a 200 delete, one category at a time', async () => {
  testKey = sdk(DEMO.owner)
  prodKey = sdk(DEMO.ownerProd)
  // A product of our own, published, so it is active in both environments.
  const { product } = await testKey.onetimeProducts.create({ storeId: STORE, name: 'Walk-back Guide', prices: { USD: { amount: '19.00', taxCategory: 'ebook' as never } } })
  expect(product.status).toBe('active')
  expect((await prodKey.onetimeProducts.publish({ id: product.id })).product.status).toBe('active')

  expect(await deleteStore()).toEqual(['active_products:3', 'pending_orders:3', 'active_subscriptions:2', 'pending_tickets:1', 'bound_emails:1', 'bound_domains:1'])

  // 1. Products: each status is per environment, and the key's environment picks which one.
  expect((await testKey.onetimeProducts.updateStatus({ id: product.id, status: 'inactive' as never })).product.status).toBe('inactive')
  expect(await deleteStore()).toEqual(['active_products:3', 'pending_orders:3', 'active_subscriptions:2', 'pending_tickets:1', 'bound_emails:1', 'bound_domains:1'])
  await prodKey.onetimeProducts.updateStatus({ id: product.id, status: 'inactive' as never })
  await testKey.onetimeProducts.updateStatus({ id: 'PROD_EveryOnetimeActive0000', status: 'inactive' as never })
  expect((await prodKey.subscriptionProducts.updateStatus({ id: 'PROD_EverySubProdActive0000', status: 'inactive' as never })).product.status).toBe('inactive')
  expect(await deleteStore()).toEqual(['pending_orders:3', 'active_subscriptions:2', 'pending_tickets:1', 'bound_emails:1', 'bound_domains:1'])

  // 2. Subscriptions: canceling still blocks until the period ends.
  expect(await testKey.orders.cancelSubscription({ orderId: 'ORD_EverySubActive00000000' })).toEqual({ orderId: 'ORD_EverySubActive00000000', status: 'canceling' })
  expect(await testKey.orders.cancelSubscription({ orderId: 'ORD_EverySubPastDue0000000' })).toEqual({ orderId: 'ORD_EverySubPastDue0000000', status: 'canceling' })
  // The past_due subscription's period (2026-01-01) is already over: the next request finds it canceled.
  expect(await deleteStore()).toEqual(['pending_orders:2', 'active_subscriptions:1', 'pending_tickets:1', 'bound_emails:1', 'bound_domains:1'])
  // The active one runs to 2030-01-01: move the mock's clock past it, let one request see it, come back
  // (the SDK signs with the real time).
  await admin('POST', '/clock', { freeze: '2030-01-01T00:00:00.000Z' })
  await admin('GET', '/clock')
  await admin('POST', '/clock', { reset: true })
  expect(await deleteStore()).toEqual(['pending_orders:1', 'pending_tickets:1', 'bound_emails:1', 'bound_domains:1'])

  // 3. The pending one-time order: its buyer cancels it with a session token.
  const { token, expiresAt } = await testKey.auth.issueSessionToken({ storeId: STORE, buyerIdentity: 'buyer@example.com' })
  expect(Date.parse(expiresAt) - Date.now()).toBeLessThanOrEqual(300_000)
  const buyer = testKey.customer(token)
  const stranger = testKey.customer((await testKey.auth.issueSessionToken({ storeId: STORE, buyerIdentity: 'someone@else.example' })).token)
  const refused = await stranger.cancelOnetimeOrder({ orderId: 'ORD_EveryOnetimePending000' }).catch((error: unknown) => error as WaffoPancakeError)
  expect([(refused as WaffoPancakeError).status, (refused as WaffoPancakeError).message]).toEqual([403, 'Order does not belong to user'])
  expect(await buyer.cancelOnetimeOrder({ orderId: 'ORD_EveryOnetimePending000' })).toEqual({ orderId: 'ORD_EveryOnetimePending000', status: 'canceled' })
  expect(await deleteStore()).toEqual(['pending_tickets:1', 'bound_emails:1', 'bound_domains:1'])

  // 4–6. No public API: the control plane resolves the KYB ticket and revokes the bindings.
  const { tickets } = await admin('GET', `/waffo/kyb-tickets?storeId=${STORE}`)
  const open = tickets.filter((ticket: { status: string }) => ticket.status === 'pending')
  expect(open).toHaveLength(1)
  await admin('POST', `/waffo/kyb-tickets/${open[0].id}/resolve`, { status: 'succeeded' })
  expect(await deleteStore()).toEqual(['bound_emails:1', 'bound_domains:1'])
  const { bindings } = await admin('GET', `/waffo/bindings?storeId=${STORE}`)
  const byKind = (kind: string) => bindings.find((binding: { kind: string }) => binding.kind === kind).id
  await admin('DELETE', `/waffo/bindings/${byKind('email')}`)
  expect(await deleteStore()).toEqual(['bound_domains:1'])
  await admin('DELETE', `/waffo/bindings/${byKind('domain')}`)
  expect(await deleteStore()).toBe('deleted')

  // The deleted store and everything under it are gone from GraphQL, through the SDK's helper.
  const read = await testKey.graphql.query<{ stores: Array<{ id: string }>, store: null, onetimeProductsCount: number }>({
    query: 'query ($id: ID!, $storeId: String!) { stores { id } store(id: $id) { id } onetimeProductsCount(storeId: $storeId) }',
    variables: { id: STORE, storeId: STORE }
  })
  expect(read.errors).toBeUndefined()
  expect(read.data!.stores.map((store) => store.id)).not.toContain(STORE)
  expect(read.data!.store).toBeNull()
  expect(read.data!.onetimeProductsCount).toBe(0)
})
