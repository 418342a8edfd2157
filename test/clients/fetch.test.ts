/**
 * A plain fetch client written the way the seeds' JavaScript snippets are (URLSearchParams,
 * headers object, res.json()), signing its own requests, against a listening mock.
 */
import { createHash, createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { DEMO, useListeningApp } from '../helpers.js'
import { json } from '../support/process.js'

const server = useListeningApp()

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
    const res = await fetch(url, { method: 'POST', headers: { 'x-signature': sign('POST', path, headers), ...headers } })
    const answer = await json(res)
    expect(res.status).toBe(200)
    expect(answer).toMatchObject({ success: true, message: 'Store unbound successfully', data: { storeClientId: DEMO.unbindStore.storeClientId, status: 'unbound' } })
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
    expect(answer.data.summary).toEqual({ total: 2, succeeded: 1, failed: 1 })
    expect(answer.data.errors[0]).toEqual({ code: 'PRD_014', message: 'Product ID not found', rowIndex: 0, id: '946b3ffa-5f9e-412e-acf4-eea306736e63' })
  })

  it('signs the query string as sent', async () => {
    const path = `/partner/stores/${DEMO.unbindStore.storeClientId}/unbind`
    const qs = new URLSearchParams({ reason: 'seller request' })
    const url = `${server.url}/api/v1${path}` + '?' + qs.toString()
    const headers: Record<string, string> = { 'x-partner-client-id': DEMO.partner.clientId, 'x-timestamp': String(Date.now()) }
    const withoutQuery = await fetch(url, { method: 'POST', headers: { 'x-signature': sign('POST', path, headers), ...headers } })
    expect((await json(withoutQuery)).error.code).toBe('AUTH_004')
    const withQuery = await fetch(url, { method: 'POST', headers: { 'x-signature': sign('POST', `${path}?${qs}`, headers), ...headers } })
    expect(withQuery.status).toBe(200)
  })
})
