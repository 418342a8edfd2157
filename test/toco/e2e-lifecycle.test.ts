/**
 * End to end against a listening server, with a fetch client that signs by hand (node:crypto, not
 * the mock's own signing code): onboard (scripted approval) → bulk create → list → delete some with
 * the seed's endpoint → list shows the rest → unbind → the token fails → re-onboard the same store
 * → the new token works and the catalogue is still there.
 */
import { createHash, createHmac } from 'node:crypto'
import { expect, it } from 'vitest'
import { DEMO, useListeningApp } from '../helpers.js'

const server = useListeningApp()

interface Store { storeClientId: string, storeToken: string }

/** A partner's HTTP client as the guide describes it: base string, HMAC-SHA256 hex, epoch-ms timestamp. */
async function call (method: string, path: string, body?: unknown, store?: Store) {
  const raw = body === undefined ? '' : JSON.stringify(body)
  const timestamp = String(Date.now())
  const lines = [method, path, `x-partner-client-id:${DEMO.partner.clientId}`]
  if (store) lines.push(`x-store-client-id:${store.storeClientId}`, `x-store-token:${store.storeToken}`)
  lines.push(`x-timestamp:${timestamp}`, createHash('sha256').update(raw).digest('hex'))
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'x-partner-client-id': DEMO.partner.clientId,
    'x-timestamp': timestamp,
    'x-signature': createHmac('sha256', DEMO.partner.secretKey).update(lines.join('\n')).digest('hex'),
    ...(store ? { 'x-store-client-id': store.storeClientId, 'x-store-token': store.storeToken } : {})
  }
  const response = await fetch(`${server.url}/api/v1${path}`, { method, headers, ...(body === undefined ? {} : { body: raw }) })
  return { status: response.status, body: await response.json() as { success: boolean, data: any, meta: any, error?: { code: string } } }
}

/** The seller's browser on onboardUrl with autoApprove: the 302's Location carries the credentials. */
async function onboard (store?: string): Promise<Store> {
  const session = await call('POST', '/partner/onboard/sessions', { redirectUri: 'https://partner.example/toco/callback?shop=42' })
  expect(session.status).toBe(200)
  expect(session.body.data.onboardUrl.startsWith(`${server.url}/api/v1/`)).toBe(true)
  const url = new URL(session.body.data.onboardUrl)
  url.searchParams.set('autoApprove', '1')
  if (store) url.searchParams.set('store', store)
  const approved = await fetch(url, { redirect: 'manual' })
  expect(approved.status).toBe(302)
  const location = new URL(approved.headers.get('location')!)
  expect(location.origin + location.pathname).toBe('https://partner.example/toco/callback')
  expect(location.searchParams.get('shop')).toBe('42')
  expect(location.searchParams.get('sessionId')).toBe(session.body.data.sessionId)
  return { storeClientId: location.searchParams.get('storeClientId')!, storeToken: location.searchParams.get('storeToken')! }
}

const listAll = async (store: Store) => {
  const response = await call('GET', '/partner/stores/products?limit=100&sortBy=name&order=asc', undefined, store)
  expect(response.status).toBe(200)
  return response.body.data.map((product: { externalId: string }) => product.externalId)
}

it('carries a store through its whole life cycle', async () => {
  const store = await onboard()
  expect(store.storeClientId).toMatch(/^str_[\w-]{12}$/)
  expect(store.storeToken).toMatch(/^stkn_[\w-]{16}$/)

  const products = ['a', 'b', 'c', 'd', 'e'].map((letter) => ({ externalId: `ext-${letter}`, name: `Produk ${letter.toUpperCase()}`, sku: `SKU-${letter}`, price: 10000, stock: 3 }))
  const created = await call('POST', '/partner/stores/products/bulk', { products }, store)
  expect(created.body.data).toMatchObject({ acceptedRows: 5, errors: [], summary: { total: 5, accepted: 5, rejected: 0 } })
  expect(await listAll(store)).toEqual(['ext-a', 'ext-b', 'ext-c', 'ext-d', 'ext-e'])

  const listed = await call('GET', '/partner/stores/products?limit=100', undefined, store)
  const idOf = (externalId: string) => listed.body.data.find((product: { externalId: string }) => product.externalId === externalId).id
  const deleted = await call('POST', '/partner/stores/products/deletions', { ids: [idOf('ext-b'), idOf('ext-d')] }, store)
  expect(deleted.body.data.summary).toEqual({ total: 2, succeeded: 2, failed: 0 })
  expect(await listAll(store)).toEqual(['ext-a', 'ext-c', 'ext-e'])

  const unbound = await call('POST', `/partner/stores/${store.storeClientId}/unbind`)
  expect(unbound.body).toMatchObject({ success: true, message: 'Store unbound successfully', data: { storeClientId: store.storeClientId, status: 'unbound' } })
  const refused = await call('GET', '/partner/stores/products', undefined, store)
  expect(refused.status).toBe(401)
  expect(refused.body.error?.code).toBe('AUTH_005')

  const again = await onboard(store.storeClientId)
  expect(again.storeClientId).toBe(store.storeClientId)
  expect(again.storeToken).not.toBe(store.storeToken)
  expect(await listAll(again)).toEqual(['ext-a', 'ext-c', 'ext-e'])
  expect((await call('GET', '/partner/stores/products', undefined, store)).body.error?.code).toBe('AUTH_005')
})
