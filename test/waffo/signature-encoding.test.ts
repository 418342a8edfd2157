/**
 * X-Signature must be canonical base64 of exactly the key's signature length. Node's base64
 * decoder is lenient (it skips junk, spaces and base64url characters), so each variant below,
 * made from a valid signature by the test, would verify if the gateway decoded naively.
 */
import { createHash, createSign } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { DEMO, snapshot, useApp } from '../helpers.js'

const mock = useApp()

const PATH = '/v1/actions/store/delete-store'
const payload = JSON.stringify({ id: DEMO.waffoStores.clean })

function validSignature (timestamp: string): string {
  const canonical = `POST\n${PATH}\n${timestamp}\n${createHash('sha256').update(payload).digest('base64')}`
  return createSign('sha256').update(canonical).sign(DEMO.owner.privateKeyPem, 'base64')
}

function send (signature: string | string[], timestamp: string) {
  return mock.app.inject({
    method: 'POST',
    url: PATH,
    headers: { 'content-type': 'application/json', 'x-merchant-id': DEMO.owner.id, 'x-timestamp': timestamp, 'x-signature': signature },
    payload
  })
}

const toUrlSafe = (signature: string) => signature.replaceAll('+', '-').replaceAll('/', '_')

describe('X-Signature encoding', () => {
  it('the unaltered signature is accepted (the variants below differ only in encoding)', async () => {
    const timestamp = String(Math.floor(mock.app.mock.clock.now() / 1000))
    const response = await send(validSignature(timestamp), timestamp)
    expect(response.statusCode).toBe(200)
    expect(response.json().data.store.id).toBe(DEMO.waffoStores.clean)
    expect(mock.app.mock.db.prepare('SELECT deleted_at FROM waffo_stores WHERE id = ?').pluck().get(DEMO.waffoStores.clean)).not.toBeNull()
  })

  const variants: Array<[string, (signature: string) => string | string[]]> = [
    ['trailing characters', (signature) => `${signature}AAAA`],
    ['a trailing space-separated word', (signature) => `${signature} junk`],
    ['inserted spaces', (signature) => `${signature.slice(0, 10)} ${signature.slice(10)}`],
    ['missing padding', (signature) => signature.replace(/=+$/, '')],
    ['base64url alphabet', (signature) => toUrlSafe(signature).replace(/=+$/, '')],
    ['a second X-Signature header (joined as "sig, AAAA")', (signature) => [signature, 'AAAA']]
  ]

  it.each(variants)('%s → 401 Authentication failed, nothing changed', async (_name, alter) => {
    const timestamp = String(Math.floor(mock.app.mock.clock.now() / 1000))
    const signature = validSignature(timestamp)
    // The 2048-bit demo key's signature ends in "=" padding and holds "+" or "/" almost always;
    // make sure the variant really differs from the original.
    expect(alter(signature)).not.toEqual(signature)
    const before = snapshot(mock.app)
    const response = await send(alter(signature), timestamp)
    expect(response.statusCode).toBe(401)
    expect(response.json()).toEqual({ data: null, errors: [{ message: 'Authentication failed', layer: 'user' }] })
    expect(snapshot(mock.app)).toEqual(before)
  })
})
