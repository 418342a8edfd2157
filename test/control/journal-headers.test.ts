/**
 * The journal keeps a request's headers as the raw lines Node received and shows them as Node's
 * `request.headers` does: checked against Node's own object for the same bytes on a real socket.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http'
import { connect } from 'node:net'
import { describe, expect, it } from 'vitest'
import { Journal, showRecord, type JournalEntry } from '../../src/core/journal.js'
import { headersOf } from '../../src/http/raw-headers.js'
import { useListeningApp } from '../helpers.js'

/** Sends raw bytes and resolves when the server closes the connection. */
function send (url: string, bytes: string): Promise<string> {
  const { hostname, port } = new URL(url)
  return new Promise((resolve, reject) => {
    let answer = ''
    const socket = connect(Number(port), hostname, () => socket.end(bytes))
    socket.on('data', (chunk: Buffer) => { answer += chunk.toString('latin1') })
    socket.on('end', () => resolve(answer))
    socket.on('error', reject)
  })
}

/** What Node itself makes of these request bytes (`request.headers`). */
async function nodeHeaders (bytes: string): Promise<IncomingHttpHeaders> {
  let seen: IncomingHttpHeaders | undefined
  const server = createServer((request, response) => { seen = request.headers; response.end() })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address() as { port: number }
  await send(`http://127.0.0.1:${address.port}`, bytes)
  await new Promise((resolve) => server.close(resolve))
  return seen!
}

const request = (path: string) => [
  `GET ${path} HTTP/1.1`,
  'Host: 127.0.0.1',
  'X-Repeated: one',
  'x-repeated: two',
  'Cookie: a=1',
  'Cookie: b=2',
  'Set-Cookie: c=3',
  'Set-Cookie: d=4',
  'User-Agent: first',
  'User-Agent: second',
  'X-Signature: 0123456789abcdef',
  '__proto__: not a prototype',
  'Connection: close',
  '', ''
].join('\r\n')

/** An entry for `path` holding these raw header strings; the rest as any answered API request. */
const entry = (path: string, rawHeaders: string[]): JournalEntry => ({
  requestId: path,
  at: 0,
  api: 'toco',
  method: 'GET',
  path,
  url: path,
  rawHeaders,
  status: 200,
  durationMs: 1,
  tenant: null,
  auth: null,
  requestBody: undefined,
  responseBody: undefined
})

describe('the journal shows headers as Node does', () => {
  const server = useListeningApp()

  it('repeats joined, set-cookie an array, a second User-Agent dropped, names in lower case, secrets redacted', async () => {
    const path = '/api/v1/partner/stores/no-such-route'
    const answer = await send(server.url, request(path))
    expect(answer).toMatch(/^HTTP\/1\.1 404 /)
    const expected = await nodeHeaders(request(path))
    expect(expected['x-repeated']).toBe('one, two') // Node's own view, the yardstick

    const response = await server.app.inject({ method: 'GET', url: '/__admin/requests?limit=1' })
    const entry = (response.json() as { requests: Array<{ path: string, headers: Record<string, unknown> }> }).requests[0]!
    expect(entry.path).toBe(path)
    // Node's headers object takes a header named __proto__ as its prototype; the journal shows it as sent.
    expect(entry.headers).toEqual({ ...expected, 'x-signature': '[redacted]', ['__proto__']: 'not a prototype' })
    expect(entry.headers).toMatchObject({ 'x-repeated': 'one, two', cookie: 'a=1; b=2', 'set-cookie': ['c=3', 'd=4'], 'user-agent': 'first' })
    expect(Object.keys(entry.headers)).toContain('__proto__')
    expect(Object.keys(expected)).not.toContain('__proto__')
  })

  it('keeps a header value with a line break (only an in-process request can send one) whole', async () => {
    const journal = new Journal(2)
    journal.record(entry('/api/v1/x', ['x-note', 'two\nlines', 'host', 'localhost']))
    journal.record(entry('/api/v1/y', []))
    const records = journal.find().records
    // Plain lines unless a value holds a line break: that one entry falls back to JSON.
    expect(records.map((record) => record.headersAsJson)).toEqual([false, true])
    const [none, kept] = records.map(showRecord)
    expect(kept!.headers).toEqual({ 'x-note': 'two\nlines', host: 'localhost' })
    expect(none!.headers).toEqual({})
  })

  it('keeps ordinary headers as lines', () => {
    const journal = new Journal(1)
    journal.record(entry('/api/v1/x', ['Host', 'localhost', 'X-A', '1']))
    const [record] = journal.find().records
    expect(record!.headersAsJson).toBe(false)
    expect(showRecord(record!).headers).toEqual({ host: 'localhost', 'x-a': '1' })
  })

  it('keeps tens of thousands of headers (inject sets no limit) as lines, every one shown', () => {
    const journal = new Journal(1)
    const raw = Array.from({ length: 0x8000 }, (_, n) => [`x-h${n}`, String(n)]).flat()
    journal.record(entry('/api/v1/x', raw))
    const [record] = journal.find().records
    expect(record!.headersAsJson).toBe(false)
    expect(Object.keys(showRecord(record!).headers)).toHaveLength(0x8000)
  })

  it('headersOf: a later repeat of a single-valued header is dropped, others joined in order', () => {
    expect(headersOf(['Content-Type', 'a', 'content-type', 'b', 'X-A', '1', 'x-a', '2', 'x-a', '3'])).toEqual({ 'content-type': 'a', 'x-a': '1, 2, 3' })
  })
})
