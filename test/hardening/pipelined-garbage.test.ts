/**
 * Finding 6 (first half): a valid signed request followed by garbage bytes on the same
 * connection. Our choice: the request is answered (and journaled) before the 400, so a write the
 * client never saw cannot happen; the 400 is in that API's envelope. (Before, the socket was destroyed under the in-flight answer:
 * the store was created, the client saw only Node's 400, the journal had nothing.)
 */
import { describe, expect, it } from 'vitest'
import { signWaffoRequest } from '../../src/signing/index.js'
import { DEMO, useListeningApp } from '../helpers.js'
import { exchange } from '../support/raw-http.js'

const server = useListeningApp()

describe('a complete request, then garbage on the same connection', () => {
  it('the request is answered 200 and journaled before the 400; its write is one the client saw', async () => {
    const path = '/v1/actions/store/create-store'
    const body = JSON.stringify({ name: 'Pipelined Store' })
    const headers = signWaffoRequest({ merchantId: DEMO.owner.id, privateKeyPem: DEMO.owner.privateKeyPem, path, body, timestamp: Math.floor(server.app.mock.clock.now() / 1000) })
    const head = Object.entries({ ...headers, host: 'localhost', 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) })
      .map(([name, value]) => `${name}: ${value}\r\n`).join('')
    const received = await exchange(server.url, `POST ${path} HTTP/1.1\r\n${head}\r\n${body}GARBAGE \u0000 NOT HTTP\r\n\r\n`)

    const first = received.indexOf('HTTP/1.1 200 OK')
    const second = received.indexOf('HTTP/1.1 400 Bad Request')
    expect(first, received).toBeGreaterThanOrEqual(0)
    expect(second, received).toBeGreaterThan(first)
    const answer = JSON.parse(received.slice(received.indexOf('\r\n\r\n') + 4, received.indexOf('HTTP/1.1 400')))
    expect(answer.data.store).toMatchObject({ name: 'Pipelined Store' })
    // The garbage is answered in the envelope of the API the connection's request line named.
    expect(received.slice(second)).toContain('{"data":null,"errors":[{"message":"Malformed HTTP request: Invalid method encountered","layer":"gateway"}]}')

    const row = server.app.mock.db.prepare('SELECT id FROM waffo_stores WHERE name = ?').get('Pipelined Store') as { id: string }
    expect(row.id).toBe(answer.data.store.id)
    const journal = (await server.app.inject({ method: 'GET', url: '/__admin/requests?path=/v1/actions/store/create-store' })).json()
    expect(journal.requests[0]).toMatchObject({ status: 200, tenant: DEMO.owner.id, responseBody: { data: { store: { id: row.id } } } })
  })
})
