/**
 * toco-waffo-mock/signing as a library user calls it: the documented parameter names and units,
 * a Content-Type of the caller's own kept without a duplicate, and the journal's reason when a
 * Content-Type is sent twice anyway.
 */
import { describe, expect, it } from 'vitest'
import { signTocoRequest, signWaffoRequest, type SignWaffoRequest } from '../../src/signing/index.js'
import { DEMO, useListeningApp } from '../helpers.js'

const server = useListeningApp()
const path = '/v1/actions/store/delete-store'
const body = JSON.stringify({ id: DEMO.waffoStores.clean })
const waffoInput = { merchantId: DEMO.owner.id, privateKeyPem: DEMO.owner.privateKeyPem, path, body }

describe('signWaffoRequest', () => {
  it('adds Content-Type: application/json and signs with an epoch-seconds X-Timestamp', async () => {
    const headers = signWaffoRequest(waffoInput)
    expect(Object.keys(headers)).toEqual(['Content-Type', 'X-Merchant-Id', 'X-Timestamp', 'X-Signature'])
    expect(headers['Content-Type']).toBe('application/json')
    expect(headers['X-Timestamp']).toMatch(/^\d{10}$/)
    const response = await fetch(server.url + path, { method: 'POST', headers, body })
    expect(response.status).toBe(200)
    expect(((await response.json()) as { data: { store: { id: string } } }).data.store.id).toBe(DEMO.waffoStores.clean)
  })

  it('keeps the caller\'s own content-type (any case) as the only one, with the caller\'s other headers', async () => {
    const headers = signWaffoRequest({ ...waffoInput, headers: { 'content-type': 'application/json; charset=utf-8', 'X-Idempotency-Key': 'k-1' } })
    expect(Object.keys(headers).filter((name) => name.toLowerCase() === 'content-type')).toEqual(['content-type'])
    expect(headers).toMatchObject({ 'content-type': 'application/json; charset=utf-8', 'X-Idempotency-Key': 'k-1', 'X-Merchant-Id': DEMO.owner.id })
    const response = await fetch(server.url + path, { method: 'POST', headers, body })
    expect([response.status, ((await response.json()) as { data: { store: { name: string } } }).data.store.name]).toEqual([200, 'My Digital Store'])
  })

  it('names privateKeyPem when it is missing (the SDK\'s name, privateKey, is not it)', () => {
    const guessed = { merchantId: DEMO.owner.id, privateKey: DEMO.owner.privateKeyPem, path } as unknown as SignWaffoRequest
    expect(() => signWaffoRequest(guessed)).toThrow('signWaffoRequest needs privateKeyPem: the merchant\'s RSA private key as PEM text')
  })

  it('a Content-Type sent twice is refused with a journal reason that says so', async () => {
    const headers = new Headers(signWaffoRequest(waffoInput))
    headers.append('content-type', 'application/json')
    const response = await fetch(server.url + path, { method: 'POST', headers, body })
    expect(response.status).toBe(400)
    expect(await response.json()).toEqual({ data: null, errors: [{ message: 'Unsupported Media Type', layer: 'gateway' }] })
    const journal = (await server.app.inject({ method: 'GET', url: '/__admin/requests?limit=1' })).json()
    expect(journal.requests[0].auth).toEqual({
      outcome: 'refused',
      code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE',
      reason: 'Content-Type "application/json, application/json" is several values joined: the header was sent more than once ' +
        '(a signing helper\'s Content-Type plus your own?). Send exactly one Content-Type: application/json'
    })
  })
})

describe('signTocoRequest', () => {
  it('signs with an epoch-milliseconds x-timestamp and returns no Content-Type', async () => {
    const unbind = `/partner/stores/${DEMO.unbindStore.storeClientId}/unbind`
    const headers = signTocoRequest({ method: 'POST', path: unbind, partnerClientId: DEMO.partner.clientId, secretKey: DEMO.partner.secretKey })
    expect(Object.keys(headers)).toEqual(['x-partner-client-id', 'x-timestamp', 'x-signature'])
    expect(headers['x-timestamp']).toMatch(/^\d{13}$/)
    const response = await fetch(`${server.url}/api/v1${unbind}`, { method: 'POST', headers: { ...headers, 'Content-Type': 'application/json' } })
    expect(response.status).toBe(200)
    expect(((await response.json()) as { data: unknown }).data).toEqual({ storeClientId: DEMO.unbindStore.storeClientId, status: 'unbound' })
  })
})
