/**
 * Issue 15's fuzz: deep nesting in every body, alias/fragment amplification in GraphQL, control
 * characters and non-ASCII in the URLs the APIs accept, and the control plane under every
 * content type. Never a 5xx, never a stack, the owning API's envelope, nothing written by a
 * refusal.
 */
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO, toco, waffo } from '../helpers.js'
import { amplificationQuery } from '../support/graphql-amplification.js'
import { dbState, expectUnchanged, startHarness, type Harness } from './harness.js'
import { expectAdminJson, expectNoLeak, expectTocoError, expectWaffoError } from './oracles.js'
import { params, TIMEOUT } from './settings.js'

let harness: Harness
beforeAll(async () => { harness = await startHarness() })
afterAll(async () => { await harness.app.close() })

/** A value nested `depth` levels in objects and arrays, a few bytes per level. */
const deep = fc.tuple(fc.integer({ min: 30, max: 5000 }), fc.array(fc.boolean(), { minLength: 1, maxLength: 4 })).map(([depth, kinds]) => {
  let text = '1'
  for (let i = 0; i < depth; i++) text = kinds[i % kinds.length] ? `[${text}]` : `{"a":${text}}`
  return { depth: depth + 2, text }
})

describe('deep nesting', () => {
  it('Waffo metadata and Toco rows at any depth: accepted up to 32 levels, else a 400 naming the limit; state stays exportable', async () => {
    await fc.assert(fc.asyncProperty(deep, fc.boolean(), async ({ depth, text }, isWaffo) => {
      const before = dbState(harness.app)
      const response = isWaffo
        ? await waffo(harness.app, { path: '/v1/actions/onetime-product/create-product', body: `{"storeId":"${DEMO.waffoStores.clean}","name":"D","prices":{"USD":{"amount":"1.00","taxCategory":"saas"}},"metadata":{"k":${text}}}` })
        : await toco(harness.app, { path: '/partner/stores/products/bulk', store: DEMO.catalogueStore, body: `{"products":[{"externalId":"deep","name":"D","price":1,"stock":1,"dimensions":${text}}]}` })
      expectNoLeak(response)
      if (depth > 32) {
        expect(response.statusCode).toBe(400)
        expect(response.body).toContain('JSON nested deeper than 32 levels')
        if (isWaffo) expectWaffoError(response)
        else expectTocoError(response)
        expectUnchanged(harness, before, response)
      } else {
        expect(response.statusCode).toBeLessThan(500)
      }
      expect((await harness.app.inject({ method: 'GET', url: '/__admin/state' })).statusCode).toBe(200)
    }), params)
  }, TIMEOUT)
})

describe('aliases and fragments', () => {
  const query = fc.tuple(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 9 })).map(([levels, aliases]) => ({ levels, aliases, text: amplificationQuery(levels, aliases) }))
  it('any chain answers: 200 when cheap, else 400 with the cost message; never 5xx, nothing written', async () => {
    // The first query compiles the schema; the bound below is no speed target, only a stall
    // detector (an unbounded chain ran for minutes): an admitted chain took 2.3 s on a loaded machine.
    expect((await waffo(harness.app, { path: '/v1/graphql', body: { query: '{ storesCount }' } })).statusCode).toBe(200)
    await fc.assert(fc.asyncProperty(query, async ({ text }) => {
      const before = dbState(harness.app)
      const started = performance.now()
      const response = await waffo(harness.app, { path: '/v1/graphql', body: { query: text } })
      expect(performance.now() - started).toBeLessThan(15_000)
      expectNoLeak(response)
      expectUnchanged(harness, before, response)
      if (response.statusCode === 200) return
      expect(response.statusCode).toBe(400)
      const notice = expectWaffoError(response)!
      expect(notice.layer).toBe('graphql')
    }), { ...params, numRuns: Math.min(params.numRuns, 81) })
  }, TIMEOUT)
})

describe('control characters in URLs', () => {
  const special = fc.constantFrom('\r', '\n', '\r\n', '\u0000', '\t', ' ', '\u007f', '\u0085', '\u00e9', '\u2028', '\ud83d\ude00', '%0d%0a')
  const url = fc.tuple(fc.constantFrom('https://p.example/cb', 'http://127.0.0.1:9/x?y=1', 'https://p.example/a#f'), special, fc.nat({ max: 20 }))
    .map(([base, char, at]) => ({ url: base.slice(0, Math.min(at, base.length)) + char + base.slice(Math.min(at, base.length)), char }))
  it('a redirectUri or successUrl with one: refused (percent-encoded is fine), and an accepted one always redirects', async () => {
    await fc.assert(fc.asyncProperty(url, fc.boolean(), async ({ url: value, char }, isToco) => {
      const before = dbState(harness.app)
      const response = isToco
        ? await toco(harness.app, { path: '/partner/onboard/sessions', body: { redirectUri: value } })
        : await waffo(harness.app, { path: '/v1/actions/onetime-product/create-product', body: { storeId: DEMO.waffoStores.clean, name: 'U', prices: { USD: { amount: '1.00', taxCategory: 'saas' } }, successUrl: value } })
      expectNoLeak(response)
      if (char === '%0d%0a' && response.statusCode === 200 && isToco) {
        const approved = await harness.app.inject({ url: `${new URL(response.json().data.onboardUrl).pathname}?autoApprove=1` })
        expect(approved.statusCode).toBe(302)
        return
      }
      if (char === '%0d%0a') return
      expect(response.statusCode).toBe(400)
      if (isToco) expect(expectTocoError(response)!.error.details).toMatchObject({ context: { validationErrors: { redirectUri: 'redirectUri must be a URL address' } } })
      else expect(expectWaffoError(response)!.message).toBe('Invalid successUrl: expected an http(s) URL of at most 512 characters')
      expectUnchanged(harness, before, response)
    }), params)
  }, TIMEOUT)
})

describe('admin content types', () => {
  const type = fc.oneof(fc.constantFrom(undefined, 'text/plain', 'text/plain;charset=UTF-8', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x',
    'application/json', 'application/json; charset=utf-8', 'APPLICATION/JSON', 'application/jsonp', 'application/vnd.api+json', 'text/json', '*/*'), fc.string({ maxLength: 20 }))
  const route = fc.constantFrom('/__admin/faults', '/__admin/fixtures?mode=merge', '/__admin/fixtures?mode=replace', '/__admin/reset', '/__admin/clock', '/__admin/snapshots/x/restore')
  const body = fc.constantFrom('{"path":"*","drop":true}', '{"toco":{"partners":[{"clientId":"ptnr_f","secretKey":"s"}]}}', '{"freeze":true}', 'null', '{}')
  it('only application/json bodies are read: anything else is 415 and changes nothing', async () => {
    await fc.assert(fc.asyncProperty(type, route, body, async (contentType, url, raw) => {
      const before = dbState(harness.app)
      const faults = (await harness.app.inject({ method: 'GET', url: '/__admin/faults' })).body
      let response
      try {
        response = await harness.app.inject({ method: 'POST', url, headers: contentType === undefined ? {} : { 'content-type': contentType }, payload: Buffer.from(raw) })
      } catch {
        return // light-my-request refuses a header Node could not send either
      }
      expectNoLeak(response)
      expect(response.statusCode).toBeLessThan(500)
      const json = contentType !== undefined && /^application\/json\s*(;|$)/i.test(contentType)
      if (!json) {
        expect([400, 415]).toContain(response.statusCode)
        expectAdminJson(response)
        expectUnchanged(harness, before, response)
        expect((await harness.app.inject({ method: 'GET', url: '/__admin/faults' })).body).toBe(faults)
      }
      await harness.app.inject({ method: 'DELETE', url: '/__admin/faults' })
      await harness.app.inject({ method: 'POST', url: '/__admin/reset' })
    }), params)
  }, TIMEOUT)
})
