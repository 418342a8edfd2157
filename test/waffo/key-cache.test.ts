/**
 * The signature check reads a merchant's public keys from memory until a key is written
 * (src/apis/waffo/repo/merchants.ts, issue 21): a key replaced, removed or added by plain SQL must
 * decide the very next request.
 */
import { describe, expect, it } from 'vitest'
import { DEMO, useApp, waffo } from '../helpers.js'

const mock = useApp()
const answer = async (merchant: { id: string, privateKeyPem: string } = DEMO.owner) => {
  const response = await waffo(mock.app, { body: { id: DEMO.waffoStores.blockedEverywhere }, merchant })
  return `${response.statusCode} ${response.json().errors[0].message as string}`
}

describe("a merchant's keys, read once until written", () => {
  it('keeps each merchant its own keys', async () => {
    expect(await answer()).toMatch(/^409 /)
    const outsider = await answer(DEMO.outsider)
    expect(outsider).not.toMatch(/^401 /)
    expect(await answer(DEMO.outsider)).toBe(outsider)
    expect(await answer()).toMatch(/^409 /)
  })

  it('sees a key replaced, the keys removed and put back at the next request', async () => {
    const db = mock.app.mock.db
    const keys = db.prepare('SELECT * FROM waffo_api_keys WHERE merchant_id = ? ORDER BY id').all(DEMO.owner.id) as Array<Record<string, unknown>>
    const othersPem = db.prepare('SELECT public_key_pem FROM waffo_api_keys WHERE merchant_id = ?').pluck().get(DEMO.outsider.id)
    expect(keys.length).toBeGreaterThan(0)
    const refusal = await answer()
    expect(refusal).toMatch(/^409 /)
    expect(await answer()).toBe(refusal)

    db.prepare('UPDATE waffo_api_keys SET public_key_pem = ? WHERE merchant_id = ?').run(othersPem, DEMO.owner.id)
    expect(await answer()).toBe('401 Authentication failed')
    db.prepare('DELETE FROM waffo_api_keys WHERE merchant_id = ?').run(DEMO.owner.id)
    expect(await answer()).toBe('401 Invalid API key')
    const insert = db.prepare('INSERT INTO waffo_api_keys (id, merchant_id, nickname, public_key_pem, environment, created_at) VALUES (@id, @merchant_id, @nickname, @public_key_pem, @environment, @created_at)')
    for (const key of keys) insert.run(key)
    expect(await answer()).toBe(refusal)
  })
})
