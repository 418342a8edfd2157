/**
 * Unknown paths and wrong methods under each prefix: whoever owns the prefix answers, in its
 * own envelope, and nothing is written. The paths are what a client can put on the wire;
 * light-my-request resolves them like a URL parser would, so the oracle does the same.
 */
import { METHODS } from 'node:http'
import fc from 'fast-check'
import type { LightMyRequestResponse } from 'fastify'
import { describe, expect, it } from 'vitest'
import { judgedRun, sendDrawn, useHarness } from './harness.js'
import { extraHeaders, mediaType } from './headers.js'
import { expectAdminJson, expectTocoError, expectWaffoError } from './oracles.js'
import { params, TIMEOUT } from './settings.js'

const harness = useHarness()

/** Every registered route (the route table the contract tests walk), as method + path pattern. */
const routes = () => harness.app.mock.routes.map((route) => [route.method, new RegExp('^' + route.url
  .split('/').map((part) => part.startsWith(':') ? '[^/]+' : part === '*' ? '.*' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('/') + '$')] as const)
// Fastify serves a prefix's root route with and without the slash, but records the dashboard's GET
// only as `/__admin` (its HEAD as both): `/__admin/` is that route too.
const isRoute = (method: string, path: string) =>
  routes().some(([m, pattern]) => m === method && (pattern.test(path) || pattern.test(`${path}/`) || (path === '/__admin/' && pattern.test('/__admin'))))

type Owner = 'toco' | 'waffo' | 'other'
const ownerOf = (path: string): Owner =>
  /^\/api\/v1(\/|$)/.test(path) ? 'toco' : /^\/v1(\/|$)/.test(path) ? 'waffo' : 'other'

/** The path and query the server sees for what the client wrote (as light-my-request parses it). */
const resolved = (written: string) => {
  // A URL parser drops tabs and newlines before anything else, so "/\t/x" is "//x" too.
  const url = written.replace(/[\t\n\r]/g, '')
  // "//x" is a path here, not a scheme-relative URL naming host "x".
  const parsed = new URL(url.startsWith('//') ? `http://localhost${url}` : url, 'http://localhost')
  return { path: parsed.pathname, url: parsed.pathname + parsed.search }
}

const WORDS = ['api', 'v1', 'partner', 'stores', 'products', 'deletions', 'unbind', 'actions', 'store', 'delete-store',
  '__admin', 'health', 'reset', '', '.', '..', '%2e%2e', 'str_bG7SUfKOqSQt']
// No raw "%" here: a malformed escape is the next describe's business. No "\\" either: a URL
// parser reads it as "/", and "/\\" would then name a host, which inject cannot send.
const segmentChar = fc.oneof(
  fc.constantFrom(...'abcXYZ019-._~!$&\'()*+,;=:@ "<>^`{|}'.split('')),
  fc.constantFrom('é', 'ü', '中', '😀', '\u0000', '\t')
)
const segment = fc.oneof(fc.constantFrom(...WORDS), fc.string({ unit: segmentChar, maxLength: 12 }))
const query = fc.option(fc.string({ unit: fc.constantFrom(...'ab=&+ é;'.split('')), maxLength: 10 }).map((text) => `?${text}`), { nil: '' })
const prefix = fc.constantFrom('/api/v1', '/v1', '/__admin', '')
const urls = fc.tuple(prefix, fc.array(segment, { maxLength: 5 }), query)
  .map(([start, segments, search]) => start + segments.map((part) => `/${part}`).join('') + search)
const methods = fc.constantFrom(...METHODS)
const maybeBody = fc.option(fc.tuple(mediaType, fc.json({ maxDepth: 1 })), { nil: undefined })

/** The request, for judgedRun to send; a body comes with its Content-Type. */
const send = (method: string, url: string, headers: Record<string, unknown>, body: [string, string] | undefined) =>
  sendDrawn(harness, { method, url, headers, type: body?.[0], raw: body?.[1] })

/** A QUERY request must name its Content-Type (RFC 10008 §2): a 400, still in the owner's envelope. */
const queryWithoutType = (method: string, body: unknown) => method === 'QUERY' && body === undefined

function expectOwnersNotFound (response: LightMyRequestResponse, method: string, path: string, body: unknown) {
  const status = queryWithoutType(method, body) ? 400 : 404
  switch (ownerOf(path)) {
    case 'toco': {
      const error = expectTocoError(response)
      expect(response.statusCode).toBe(status)
      if (error && status === 404) expect(error.error).toMatchObject({ code: 'NOT_FOUND', message: `Cannot ${method} ${path}` })
      break
    }
    case 'waffo': {
      const notice = expectWaffoError(response)
      expect(response.statusCode).toBe(status)
      if (notice && status === 404) expect(notice).toEqual({ message: 'Not found', layer: 'gateway' })
      break
    }
    default:
      expectAdminJson(response)
      expect(response.statusCode).toBe(status)
  }
}

describe('unknown paths and wrong methods', () => {
  it('get the prefix owner\'s 404 in its envelope (Toco, Waffo, or JSON elsewhere), nothing written', async () => {
    await fc.assert(fc.asyncProperty(methods, urls, extraHeaders, maybeBody, async (method, written, headers, body) => {
      const { path, url } = resolved(written)
      fc.pre(!isRoute(method, path))
      await judgedRun(harness, send(method, url, headers, body), (response) => expectOwnersNotFound(response, method, path, body))
    }), params)
  }, TIMEOUT)

  it('the known routes, under every other method, too', async () => {
    const known = fc.constantFrom('/api/v1/partner/stores/str_bG7SUfKOqSQt/unbind', '/api/v1/partner/stores/products/deletions',
      '/v1/actions/store/delete-store', '/__admin/health', '/__admin/reset')
    await fc.assert(fc.asyncProperty(methods, known, maybeBody, async (method, path, body) => {
      fc.pre(!isRoute(method, path))
      await judgedRun(harness, send(method, path, {}, body), (response) => expectOwnersNotFound(response, method, path, body))
    }), params)
  }, TIMEOUT)
})

describe('malformed percent-escapes in the path', () => {
  // "%" not followed by two hex digits, or escapes that do not decode to UTF-8.
  const badEscape = fc.oneof(
    fc.constantFrom('%', '%Z', '%ZZ', '%G0', '%C0', '%FF', '%E2%82', '%ED%A0%80', '%%'),
    fc.tuple(fc.constantFrom(...'0123456789ABCDEFabcdef'.split('')), fc.constantFrom(...'GHZgz_-.'.split('')))
      .map(([hex, other]) => `%${hex}${other}`)
  )
  const word = fc.stringMatching(/^[\w-]{0,8}$/)
  const places: ReadonlyArray<[string, string[], (response: LightMyRequestResponse) => unknown]> = [
    ['Toco\'s envelope under /api/v1', ['/api/v1/partner/stores/{}/unbind', '/api/v1/{}'], expectTocoError],
    ['Waffo\'s envelope under /v1', ['/v1/actions/store/{}', '/v1/{}'], expectWaffoError],
    ['JSON under /__admin', ['/__admin/{}', '/__admin/reset/{}'], expectAdminJson]
  ]

  // One property per prefix, so that one API's failure does not hide another's.
  for (const [owner, templates, expectEnvelope] of places) {
    it(`still get ${owner}, nothing written`, async () => {
      const urls = fc.tuple(fc.constantFrom(...templates), word, badEscape, word)
        .map(([template, head, bad, tail]) => template.replace('{}', head + bad + tail))
      await fc.assert(fc.asyncProperty(urls, async (url) => {
        await judgedRun(harness, send('POST', url, {}, undefined), expectEnvelope)
      }), params)
    }, TIMEOUT)
  }
})
