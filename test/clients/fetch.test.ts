/**
 * A plain fetch client written the way the seeds' JavaScript snippets are (URLSearchParams,
 * headers object, res.json()), signing its own requests, against a listening mock.
 */
import { createHash, createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { DEMO, useListeningApp } from '../helpers.js'
import { json } from '../support/process.js'

const server = useListeningApp()

/** What the mock's database says about a store's binding and a product, to check a client's call did what it says. */
const isBound = (storeClientId: string) =>
  server.app.mock.db.prepare('SELECT count(*) FROM toco_store_authorizations WHERE store_client_id = ?').pluck().get(storeClientId) === 1
const isDeleted = (productId: string) =>
  server.app.mock.db.prepare('SELECT deleted_at FROM toco_products WHERE id = ?').pluck().get(productId) !== null

/** The client's own signer, from the documented base string. */
function sign (method: string, pathWithQuery: string, headers: Record<string, string>, body = '') {
  const lines = [method, pathWithQuery]
  for (const name of ['x-partner-client-id', 'x-store-client-id', 'x-store-token', 'x-timestamp']) {
    if (headers[name] !== undefined) lines.push(`${name}:${headers[name]}`)
  }
  lines.push(createHash('sha256').update(body).digest('hex'))
  return createHmac('sha256', DEMO.partner.secretKey).update(lines.join('\n')).digest('hex')
}

describe('seed-shaped fetch client', () => {
  it('unbinds a store (seed 000 snippet)', async () => {
    const path = `/partner/stores/${DEMO.unbindStore.storeClientId}/unbind`
    const qs = new URLSearchParams({})
    const url = `${server.url}/api/v1${path}` + (qs.toString() ? '?' + qs.toString() : '')
    const headers: Record<string, string> = { 'x-partner-client-id': DEMO.partner.clientId, 'x-timestamp': String(Date.now()) }
    expect(isBound(DEMO.unbindStore.storeClientId)).toBe(true)
    const res = await fetch(url, { method: 'POST', headers: { 'x-signature': sign('POST', path, headers), ...headers } })
    const answer = await json(res)
    expect(res.status).toBe(200)
    expect(answer).toMatchObject({ success: true, message: 'Store unbound successfully', data: { storeClientId: DEMO.unbindStore.storeClientId, status: 'unbound' } })
    expect(isBound(DEMO.unbindStore.storeClientId)).toBe(false)
  })

  it('deletes products (seed 001 snippet, body without a Content-Type)', async () => {
    const path = '/partner/stores/products/deletions'
    const qs = new URLSearchParams({})
    const url = `${server.url}/api/v1${path}` + (qs.toString() ? '?' + qs.toString() : '')
    const body = JSON.stringify({ ids: ['946b3ffa-5f9e-412e-acf4-eea306736e63', '66721951-5f60-47fa-828c-29040fd3595f'] })
    const headers: Record<string, string> = {
      'x-partner-client-id': DEMO.partner.clientId,
      'x-store-client-id': DEMO.catalogueStore.storeClientId,
      'x-store-token': DEMO.catalogueStore.storeToken,
      'x-timestamp': String(Date.now())
    }
    const res = await fetch(url, { method: 'POST', headers: { 'x-signature': sign('POST', path, headers, body), ...headers }, body })
    const answer = await json(res)
    expect(res.status).toBe(200)
    expect(answer).toMatchObject({ success: true, message: 'Products deleted successfully' })
    expect(answer.data).toEqual({
      summary: { total: 2, succeeded: 1, failed: 1 },
      successItems: [DEMO.products.seedSuccess],
      errors: [{ code: 'PRD_014', message: 'Product ID not found', rowIndex: 0, id: '946b3ffa-5f9e-412e-acf4-eea306736e63' }]
    })
    expect(isDeleted(DEMO.products.seedSuccess.id)).toBe(true)
    expect(isDeleted(DEMO.products.second.id)).toBe(false)
  })

  it('signs the query string as sent', async () => {
    const path = `/partner/stores/${DEMO.unbindStore.storeClientId}/unbind`
    const qs = new URLSearchParams({ reason: 'seller request' })
    const url = `${server.url}/api/v1${path}` + '?' + qs.toString()
    const headers: Record<string, string> = { 'x-partner-client-id': DEMO.partner.clientId, 'x-timestamp': String(Date.now()) }
    const withoutQuery = await fetch(url, { method: 'POST', headers: { 'x-signature': sign('POST', path, headers), ...headers } })
    expect(withoutQuery.status).toBe(401)
    expect(await json(withoutQuery)).toMatchObject({ success: false, error: { code: 'AUTH_004', message: 'Invalid signature' } })
    expect(isBound(DEMO.unbindStore.storeClientId)).toBe(true)
    const withQuery = await fetch(url, { method: 'POST', headers: { 'x-signature': sign('POST', `${path}?${qs}`, headers), ...headers } })
    expect(withQuery.status).toBe(200)
    expect(await json(withQuery)).toMatchObject({ success: true, data: { storeClientId: DEMO.unbindStore.storeClientId, status: 'unbound' } })
    expect(isBound(DEMO.unbindStore.storeClientId)).toBe(false)
  })
})
