/** POST/GET/DELETE /__admin/faults: failures, stalls and hang-ups on purpose, without touching state. */
import { WaffoPancake, WaffoPancakeError } from '@waffo/pancake-ts'
import { afterEach, describe, expect, it } from 'vitest'
import type { App } from '../../src/app.js'
import { appForTest, DEMO, snapshot, toco, useListeningApp, waffo } from '../helpers.js'

let app: App
/** A fresh app for the running test, closed when it ends. */
const fresh = async () => { app = await appForTest() }

const addFault = async (rule: Record<string, unknown>) => {
  const response = await app.inject({ method: 'POST', url: '/__admin/faults', payload: rule })
  expect(response.statusCode, response.body).toBe(201)
  return response.json() as { id: string, hits: number }
}
const deleteClean = () => waffo(app, { body: { id: DEMO.waffoStores.clean } })

describe('fault rules', () => {
  it('times: 2 with 503 answers 503, 503, then 200; the faulted calls change nothing and are journaled', async () => {
    await fresh()
    const fault = await addFault({ api: 'waffo', method: 'POST', path: '/v1/actions/store/delete-store', times: 2, respond: { status: 503 } })
    expect(fault).toMatchObject({ api: 'waffo', path: '/v1/actions/store/delete-store', times: 2, respond: { status: 503 }, hits: 0 })
    expect(fault.id).toMatch(/^flt_/)
    const before = snapshot(app)

    const first = await deleteClean()
    expect(first.statusCode).toBe(503)
    expect(first.json()).toEqual({ data: null, errors: [{ message: 'Service Unavailable', layer: 'gateway' }] })
    expect(snapshot(app)).toEqual(before)
    const second = await deleteClean()
    expect(second.statusCode).toBe(503)
    expect(snapshot(app)).toEqual(before)
    const third = await deleteClean()
    expect(third.statusCode).toBe(200)
    expect(snapshot(app)).not.toEqual(before)

    // Spent: gone from the list.
    expect((await app.inject({ method: 'GET', url: '/__admin/faults' })).json()).toEqual({ faults: [] })
    const journal = (await app.inject({ method: 'GET', url: '/__admin/requests' })).json().requests
    expect(journal.map((entry: { status: number, fault?: string }) => [entry.status, entry.fault])).toEqual([[200, undefined], [503, fault.id], [503, fault.id]])
  })

  it('answers in Toco\'s own envelope for the status, matching a path without the prefix and with *', async () => {
    await fresh()
    await addFault({ path: '/partner/stores/*/unbind', respond: { status: 500 } })
    const before = snapshot(app)
    const response = await toco(app, { path: `/partner/stores/${DEMO.unbindStore.storeClientId}/unbind` })
    expect(response.statusCode).toBe(500)
    const body = response.json()
    expect(body).toMatchObject({ success: false, requestId: response.headers['x-request-id'] })
    expect(body.error).toMatchObject({ code: 'INTERNAL_SERVER_ERROR', message: 'Internal Server Error' })
    expect(snapshot(app)).toEqual(before)
    // Still armed (no times): the next call fails too.
    expect((await toco(app, { path: `/partner/stores/${DEMO.unbindStore.storeClientId}/unbind` })).statusCode).toBe(500)
    expect((await app.inject({ method: 'GET', url: '/__admin/faults' })).json().faults[0].hits).toBe(2)
  })

  it('sends an explicit body and headers as given; delays a normal answer with delayMs', async () => {
    await fresh()
    await addFault({ api: 'waffo', path: '*', times: 1, respond: { status: 429, body: { slow: 'down' }, headers: { 'retry-after': '1' } } })
    const limited = await deleteClean()
    expect([limited.statusCode, limited.json(), limited.headers['retry-after']]).toEqual([429, { slow: 'down' }, '1'])

    await addFault({ api: 'waffo', path: '*', times: 1, delayMs: 150 })
    const started = performance.now()
    const delayed = await deleteClean()
    expect(delayed.statusCode).toBe(200)
    expect(performance.now() - started).toBeGreaterThanOrEqual(140)
  })

  it('a body that breaks the route\'s contract, or a text Content-Type, is answered as the rule says, never a 500', async () => {
    await fresh()
    // A 200 of another shape than the route's response schema.
    await addFault({ api: 'toco', path: '/partner/stores/products', times: 1, respond: { status: 200, body: { hi: 1 } } })
    const products = await toco(app, { method: 'GET', path: '/partner/stores/products', store: DEMO.catalogueStore })
    expect([products.statusCode, products.headers['content-type'], products.body]).toEqual([200, 'application/json; charset=utf-8', '{"hi":1}'])
    await addFault({ api: 'waffo', path: '*', times: 1, respond: { status: 200, body: [1, 'two'] } })
    expect((await deleteClean()).body).toBe('[1,"two"]')
    // No body and a text Content-Type: the API's own envelope, as JSON text under that type.
    await addFault({ api: 'waffo', path: '*', times: 1, respond: { status: 503, headers: { 'content-type': 'text/plain' } } })
    const text = await deleteClean()
    expect([text.statusCode, text.headers['content-type']]).toEqual([503, 'text/plain'])
    expect(JSON.parse(text.body)).toEqual({ data: null, errors: [{ message: 'Service Unavailable', layer: 'gateway' }] })
    // A string body stays raw, under the rule's type.
    await addFault({ api: 'waffo', path: '*', times: 1, respond: { status: 502, body: '<h1>Bad gateway</h1>', headers: { 'content-type': 'text/html' } } })
    const html = await deleteClean()
    expect([html.statusCode, html.headers['content-type'], html.body]).toEqual([502, 'text/html', '<h1>Bad gateway</h1>'])
  })

  it('a tenant rule applies only to that tenant once authenticated; probability with a seed repeats', async () => {
    await fresh()
    await addFault({ api: 'toco', path: '*', tenant: DEMO.otherPartner.clientId, respond: { status: 503 } })
    expect((await toco(app, { path: `/partner/stores/${DEMO.unbindStore.storeClientId}/unbind` })).statusCode).toBe(200)
    expect((await toco(app, { path: `/partner/stores/${DEMO.otherPartnersStore.storeClientId}/unbind`, partner: DEMO.otherPartner })).statusCode).toBe(503)
    await app.inject({ method: 'DELETE', url: '/__admin/faults' })

    const pattern = async () => {
      await app.inject({ method: 'DELETE', url: '/__admin/faults' })
      await addFault({ path: '/v1/nowhere', probability: 0.5, seed: 42, respond: { status: 502 } })
      const statuses = []
      for (let i = 0; i < 16; i++) statuses.push((await app.inject({ method: 'GET', url: '/v1/nowhere' })).statusCode)
      return statuses
    }
    const once = await pattern()
    expect(once).toEqual(await pattern())
    expect(once).toContain(502)
    expect(once).toContain(404)
  })

  it('lists, deletes one (404 for an unknown id), clears; refuses rules that do nothing', async () => {
    await fresh()
    const a = await addFault({ path: '/a', respond: { status: 500 } })
    const b = await addFault({ path: '/b', drop: true })
    expect((await app.inject({ method: 'GET', url: '/__admin/faults' })).json().faults.map((f: { id: string }) => f.id)).toEqual([a.id, b.id])
    expect((await app.inject({ method: 'DELETE', url: `/__admin/faults/${a.id}` })).json()).toEqual({ deleted: a.id })
    const unknown = await app.inject({ method: 'DELETE', url: `/__admin/faults/${a.id}` })
    expect([unknown.statusCode, unknown.json().error.code]).toEqual([404, 'UNKNOWN_FAULT'])
    expect((await app.inject({ method: 'DELETE', url: '/__admin/faults' })).json()).toEqual({ cleared: 1 })

    for (const [rule, path] of [
      [{ path: '/x' }, '/'],
      [{ respond: { status: 503 } }, '/path'],
      [{ path: '/x', respond: { status: 99 } }, '/respond/status'],
      [{ path: '/x', drop: true, respond: { status: 503 } }, '/drop'],
      [{ path: '/x', probability: 2, delayMs: 1 }, '/probability'],
      [{ path: '/x', respond: { status: 503, headers: { Trailer: 'x' } } }, '/respond/headers/Trailer']
    ] as const) {
      const response = await app.inject({ method: 'POST', url: '/__admin/faults', payload: rule })
      expect(response.statusCode, JSON.stringify(rule)).toBe(400)
      expect(response.json().error).toMatchObject({ code: 'VALIDATION_FAILED', path })
    }
    expect((await app.inject({ method: 'GET', url: '/__admin/faults' })).json()).toEqual({ faults: [] })
  })
})

describe('against a listening server', () => {
  const server = useListeningApp()
  afterEach(async () => { await server.app.inject({ method: 'DELETE', url: '/__admin/faults' }) })

  it('drop closes the connection without an answer, journaled with status 0', async () => {
    const { id } = (await server.app.inject({ method: 'POST', url: '/__admin/faults', payload: { path: '/v1/*', times: 1, drop: true } })).json()
    const error = await fetch(`${server.url}/v1/actions/store/delete-store`, { method: 'POST', body: '{}' }).then(() => undefined, (caught: unknown) => caught)
    expect(error).toBeInstanceOf(TypeError)
    // Once: the connection's close must not journal the dropped request a second time.
    const entries = (await server.app.inject({ method: 'GET', url: '/__admin/requests' })).json().requests as Array<{ fault?: string }>
    expect(entries.filter((entry) => entry.fault === id)).toEqual([expect.objectContaining({ status: 0, fault: id, path: '/v1/actions/store/delete-store' })])
  })

  it('the official Waffo SDK sees the faulted 503 as an error, and the next call succeed', async () => {
    await server.app.inject({ method: 'POST', url: '/__admin/faults', payload: { path: '/v1/actions/store/delete-store', times: 1, respond: { status: 503 } } })
    const client = new WaffoPancake({ merchantId: DEMO.owner.id, privateKey: DEMO.owner.privateKeyPem, baseUrl: server.url })
    const error = await client.stores.delete({ id: DEMO.waffoStores.clean }).then(() => undefined, (caught: unknown) => caught)
    expect(error).toBeInstanceOf(WaffoPancakeError)
    expect((error as WaffoPancakeError).status).toBe(503)
    expect((error as WaffoPancakeError).errors).toEqual([{ message: 'Service Unavailable', layer: 'gateway' }])
    const { store } = await client.stores.delete({ id: DEMO.waffoStores.clean })
    expect(store.id).toBe(DEMO.waffoStores.clean)
    expect(store.deletedAt).not.toBeNull()
  })
})
