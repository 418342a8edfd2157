// A consumer's suite, exactly as README.md shows it ("Use it from JavaScript").
import { generateKeyPairSync } from 'node:crypto'
import { WaffoPancake, WaffoPancakeError } from '@waffo/pancake-ts'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startMock, type RunningMock } from 'toco-waffo-mock/client'
import { signTocoRequest } from 'toco-waffo-mock/signing'

// The suite's own scenario: one Toco partner with a bound store, one Waffo merchant with a store.
const keys = generateKeyPairSync('rsa', { modulusLength: 2048 })
const scenario = {
  toco: {
    partners: [{ clientId: 'ptnr_MyShop0001', secretKey: 'my-shop-secret', name: 'My Shop' }],
    stores: [{ storeClientId: 'str_MyStore00001', partnerClientId: 'ptnr_MyShop0001', storeToken: 'stkn_MyStoreToken0001', name: 'My Store' }]
  },
  waffo: {
    merchants: [{
      id: 'MER_MyMerchant000000000001',
      name: 'My Merchant',
      email: 'me@example.com',
      publicKeys: [{ pem: keys.publicKey.export({ type: 'spki', format: 'pem' }).toString(), environment: 'test' as const }]
    }],
    stores: [{ id: 'STO_MyWaffoStore0000000001', name: 'My Waffo Store', members: [{ merchantId: 'MER_MyMerchant000000000001', role: 'owner' as const }] }]
  }
}

let mock: RunningMock
beforeAll(async () => { mock = await startMock({ fixtures: [scenario] }) })
afterAll(async () => { await mock.close() })
// One call to a known state: the fixtures' rows, no fault rules, an empty journal, the real clock.
beforeEach(async () => { await mock.admin.reset() })

/** A Toco call signed like the partner's own client would. */
function unbind (storeClientId: string, timestamp = Date.now()) {
  const path = `/partner/stores/${storeClientId}/unbind`
  const headers = signTocoRequest({
    secretKey: 'my-shop-secret', method: 'POST', path, partnerClientId: 'ptnr_MyShop0001', timestamp
  })
  return fetch(mock.tocoBaseUrl + path, { method: 'POST', headers })
}

describe('my integration with Toco and Waffo', () => {
  it('unbinds a store, and the journal shows who did it', async () => {
    const response = await unbind('str_MyStore00001')
    expect(response.status).toBe(200)

    const { requests } = await mock.admin.requests({ api: 'toco' })
    expect(requests[0]).toMatchObject({ status: 200, tenant: 'ptnr_MyShop0001', auth: { outcome: 'ok' } })
  })

  it('refuses a signature older than five minutes, on a frozen clock', async () => {
    const now = Date.parse('2026-06-01T12:00:00.000Z')
    await mock.admin.clock.freeze(now)
    try {
      const response = await unbind('str_MyStore00001', now - 301_000)
      expect(response.status).toBe(401)
      const body = await response.json() as { error: { code: string } }
      expect(body.error.code).toBe('AUTH_003')
    } finally {
      await mock.admin.clock.reset()
    }
  })

  it('retries through a 503, then succeeds', async () => {
    await mock.admin.faults.add({ api: 'waffo', path: '/v1/actions/store/delete-store', times: 1, respond: { status: 503 } })
    const waffo = new WaffoPancake({
      merchantId: 'MER_MyMerchant000000000001',
      privateKey: keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      baseUrl: mock.waffoBaseUrl
    })
    const deleteWithRetry = async (attempts = 3): Promise<unknown> => {
      try {
        return await waffo.stores.delete({ id: 'STO_MyWaffoStore0000000001' })
      } catch (error) {
        if (error instanceof WaffoPancakeError && error.status >= 500 && attempts > 1) return deleteWithRetry(attempts - 1)
        throw error
      }
    }
    await expect(deleteWithRetry()).resolves.toMatchObject({ store: { id: 'STO_MyWaffoStore0000000001' } })

    const { requests } = await mock.admin.requests({ api: 'waffo' })
    expect(requests.map((entry) => entry.status)).toEqual([200, 503])
  })
})
