/**
 * Finding 6 (second half): bytes Node cannot parse as HTTP are answered in the envelope of the API
 * the request line names (else the control plane's), as a complete HTTP/1.1 answer, then closed.
 * Before, every one answered Fastify's generic `{"error":"Bad Request","message":"Client Error",…}`.
 */
import { maxHeaderSize } from 'node:http'
import { beforeEach, describe, expect, it } from 'vitest'
import { requestPath } from '../../src/http/client-error.js'
import { useListeningApp } from '../helpers.js'
import { exchange, parseAnswer } from '../support/raw-http.js'

const server = useListeningApp()
const NOW = Date.UTC(2026, 2, 14, 9, 30)
beforeEach(() => { server.app.mock.clock.freeze(NOW) })

const head = (path: string, method = 'GET') => `${method} ${path} HTTP/1.1\r\nHost: localhost\r\n`

/** Each class of parse error, as the bytes that raise it for a path, and Node's reason. */
const CLASSES = [
  { name: 'a lowercase method', bytes: (path: string) => `${head(path, 'get')}\r\n`, code: 'HPE_INVALID_METHOD', reason: 'Invalid method encountered' },
  { name: 'a NUL in a header value', bytes: (path: string) => `${head(path)}X-Note: a\u0000b\r\n\r\n`, code: 'HPE_INVALID_HEADER_TOKEN', reason: 'Invalid header value char' },
  { name: 'a Content-Length that is not a number', bytes: (path: string) => `${head(path, 'POST')}Content-Length: 12abc\r\n\r\n`, code: 'HPE_INVALID_CONTENT_LENGTH', reason: 'Invalid character in Content-Length' },
  {
    name: 'both Content-Length and Transfer-Encoding',
    bytes: (path: string) => `${head(path, 'POST')}Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`,
    code: 'HPE_INVALID_TRANSFER_ENCODING',
    reason: "Transfer-Encoding can't be present with Content-Length"
  }
] as const

const OVERSIZED = (path: string) => `${head(path)}X-Padding: ${'p'.repeat(maxHeaderSize + 1024)}\r\n\r\n`

/** What each kind of path answers a 400 (with Node's reason) and a 431 with. */
const PATHS = [
  {
    kind: 'a Toco path',
    path: '/api/v1/partner/stores/str_x/products?page=1',
    badRequest: (reason: string) => toco('BAD_REQUEST', 'Bad request', `Malformed HTTP request: ${reason}`),
    tooLarge: toco('REQUEST_HEADER_FIELDS_TOO_LARGE', 'Request Header Fields Too Large', 'Check the request and try again')
  },
  {
    kind: 'a Waffo path',
    path: '/v1/actions/store/create-store',
    badRequest: (reason: string) => ({ data: null, errors: [{ message: `Malformed HTTP request: ${reason}`, layer: 'gateway' }] }),
    tooLarge: { data: null, errors: [{ message: 'Request Header Fields Too Large', layer: 'gateway' }] }
  },
  {
    kind: 'an admin path',
    path: '/__admin/state',
    badRequest: (reason: string, code: string) => ({ error: { code, message: `Malformed HTTP request: ${reason}` } }),
    tooLarge: { error: { code: 'HPE_HEADER_OVERFLOW', message: `Request headers exceed ${maxHeaderSize} bytes` } }
  },
  {
    kind: 'an unknown path',
    path: '/v1beta/nowhere',
    badRequest: (reason: string, code: string) => ({ error: { code, message: `Malformed HTTP request: ${reason}` } }),
    tooLarge: { error: { code: 'HPE_HEADER_OVERFLOW', message: `Request headers exceed ${maxHeaderSize} bytes` } }
  }
] as const

function toco (code: string, message: string, hint: string) {
  return {
    success: false,
    error: { code, message, details: { timestamp: new Date(NOW).toISOString(), hint, context: {} } },
    requestId: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/)
  }
}

/** Sends the bytes and checks the whole answer: status line, headers, exact JSON body, closed. */
async function expectAnswer (bytes: string, statusLine: string, body: unknown) {
  const raw = await exchange(server.url, bytes)
  const answer = parseAnswer(raw)
  expect(answer.statusLine, raw).toBe(statusLine)
  expect(answer.headers).toEqual({
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(answer.body)),
    connection: 'close'
  })
  expect(JSON.parse(answer.body)).toEqual(body)
}

describe.each(PATHS)('a parse error on $kind', ({ path, badRequest, tooLarge }) => {
  it.each(CLASSES)('$name: 400 in its envelope, with Node\'s reason', async ({ bytes, code, reason }) => {
    await expectAnswer(bytes(path), 'HTTP/1.1 400 Bad Request', badRequest(reason, code))
  })

  it('oversized headers: 431 in its envelope', async () => {
    await expectAnswer(OVERSIZED(path), 'HTTP/1.1 431 Request Header Fields Too Large', tooLarge)
  })
})

describe('after a parse error', () => {
  it('nothing is journaled and the server answers the next connection', async () => {
    await exchange(server.url, `${head('/v1/actions/store/create-store', 'post')}\r\n`)
    const journal = (await server.app.inject({ method: 'GET', url: '/__admin/requests' })).json()
    expect(journal.requests).toEqual([])
    expect((await fetch(`${server.url}/__admin/health`)).status).toBe(200)
  })
})

describe('the request line read from the bytes Node kept', () => {
  it('is the target\'s path, in origin or absolute form, and nothing else', () => {
    expect(requestPath(Buffer.from('get /v1/actions/x?y=1 HTTP/1.1\r\nHost: a\r\n'))).toBe('/v1/actions/x?y=1')
    expect(requestPath(Buffer.from('GET http://localhost:3000/api/v1/partner HTTP/1.1\r\n'))).toBe('/api/v1/partner')
    expect(requestPath(Buffer.from('GET /api/v1/partner/stores/str_trunc'))).toBe('/api/v1/partner/stores/str_trunc')
    expect(requestPath(Buffer.from('GET http://localhost HTTP/1.1\r\n'))).toBeUndefined()
    expect(requestPath(Buffer.from('\u0000\u0001 garbage\r\n'))).toBeUndefined()
    expect(requestPath(Buffer.from('GET\r\n/v1/x HTTP/1.1'))).toBeUndefined()
    expect(requestPath(undefined)).toBeUndefined()
    expect(requestPath({ type: 'Buffer', data: [] })).toBeUndefined()
  })
})
