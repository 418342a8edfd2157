/** The official @waffo/pancake-ts SDK, unchanged, with baseUrl pointed at a listening mock. */
import { WaffoPancake, WaffoPancakeError } from '@waffo/pancake-ts'
import { describe, expect, it } from 'vitest'
import { DEMO, useListeningApp } from '../helpers.js'

const server = useListeningApp()

const client = (merchant = DEMO.owner) => new WaffoPancake({ merchantId: merchant.id, privateKey: merchant.privateKeyPem, baseUrl: server.url })

async function rejection (promise: Promise<unknown>): Promise<WaffoPancakeError> {
  const error = await promise.then(() => undefined, (caught: unknown) => caught)
  expect(error).toBeInstanceOf(WaffoPancakeError)
  return error as WaffoPancakeError
}

describe('@waffo/pancake-ts against the mock', () => {
  it('deletes a fixture store, then gets 404 on repeat', async () => {
    const { store } = await client().stores.delete({ id: DEMO.waffoStores.clean })
    expect(store).toMatchObject({ id: DEMO.waffoStores.clean, name: 'My Digital Store', slug: 'my-digital-store-a1b2c3' })
    expect(store.deletedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/)
    expect(store.updatedAt).toBe(store.deletedAt)

    const again = await rejection(client().stores.delete({ id: DEMO.waffoStores.clean }))
    expect(again.status).toBe(404)
    expect(again.message).toBe('Store not found')
    expect(again.errors).toEqual([{ message: 'Store not found', layer: 'store' }])
  })

  it('surfaces the 409 blockers with reason, count and aiHint', async () => {
    const error = await rejection(client().stores.delete({ id: DEMO.waffoStores.productsAndMail }))
    expect(error.status).toBe(409)
    expect(error.message).toBe('Store has 3 active product(s); archive or delete them first')
    expect(error.errors.map((notice) => [notice.layer, (notice as { reason?: string }).reason, notice.aiHint !== undefined]))
      .toEqual([['store', 'active_products', true], ['store', 'bound_emails', true]])
  })

  it('gets 403 as a non-owner and 401 with a key the merchant never registered', async () => {
    const forbidden = await rejection(client().stores.delete({ id: DEMO.waffoStores.ownerIsAdmin }))
    expect([forbidden.status, forbidden.message]).toEqual([403, 'Not authorized to delete this store, only owner can delete'])

    const impostor = await rejection(client({ id: DEMO.owner.id, privateKeyPem: DEMO.outsider.privateKeyPem })
      .stores.delete({ id: DEMO.waffoStores.clean }))
    expect([impostor.status, impostor.message]).toEqual([401, 'Authentication failed'])
    const row = server.app.mock.db.prepare('SELECT deleted_at FROM waffo_stores WHERE id = ?').pluck().get(DEMO.waffoStores.clean)
    expect(row).toBeNull()
  })

  it('works with the prod-environment key as well', async () => {
    const { store } = await client(DEMO.ownerProd).stores.delete({ id: DEMO.waffoStores.clean })
    expect(store.deletedAt).not.toBeNull()
  })
})
