/**
 * The hosted checkout page's form (and its GET with ?autoPay), for a purchase and for a plan
 * change's confirmation: any urlencoded body, any session path — never a 5xx, always HTML, and a
 * refusal (400, 404, 409, 410) writes nothing.
 */
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO, waffo } from '../helpers.js'
import { dbState, expectUnchanged, restore, startHarness, type Harness } from './harness.js'
import { params, TIMEOUT } from './settings.js'

let harness: Harness
beforeAll(async () => { harness = await startHarness() })
afterAll(async () => { await harness.app.close() })

const PRICES = { USD: { amount: '5.00', taxCategory: 'saas' } }
const action = async (path: string, body: unknown) => (await waffo(harness.app, { path: `/v1/actions/${path}`, body })).json().data

/** A fresh open session: of a new one-time product, or a plan change of a subscription just bought. Its checkoutUrl path. */
async function openSession (page: 'checkout' | 'change'): Promise<string> {
  const storeId = DEMO.waffoStores.clean
  if (page === 'checkout') {
    const { product } = await action('onetime-product/create-product', { storeId, name: 'Fuzz', prices: PRICES })
    return new URL((await action('checkout/create-session', { productId: product.id, currency: 'USD' })).checkoutUrl as string).pathname
  }
  const plan = async (name: string) => (await action('subscription-product/create-product', { storeId, name, billingPeriod: 'monthly', prices: PRICES })).product.id as string
  const [basic, pro] = [await plan('Basic'), await plan('Pro')]
  const { sessionId } = await action('checkout/create-session', { productId: basic, currency: 'USD' })
  const paid = await harness.app.inject({ method: 'POST', url: `/__admin/waffo/checkout-sessions/${sessionId}/pay`, payload: { outcome: 'success' } })
  const change = await action('checkout/create-session', { originOrderId: paid.json().orderId, productId: pro, currency: 'USD', changeAmount: '1.00' })
  return new URL(change.checkoutUrl as string).pathname
}
const page = fc.constantFrom('checkout' as const, 'change' as const)

const junk = fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 40 }), fc.constant(''))
const card = fc.oneof(fc.constantFrom('4576 7500 0000 0110', '4576750000000220', '4576-7500-0000-0110', '4111 1111 1111 1111', '４５７６'), junk)
const email = fc.oneof(fc.constantFrom('ann@example.com', 'not-an-email', ' ann@example.com '), junk)
const form = fc.oneof(
  fc.record({ card, email }, { requiredKeys: [] }).map((fields) => new URLSearchParams(fields as Record<string, string>).toString()),
  fc.string({ unit: 'binary', maxLength: 200 })
)
const where = fc.constantFrom('session', 'other-session', 'other-slug', 'other-page')

function pathFor (real: string, kind: string): string {
  if (kind === 'session') return real
  if (kind === 'other-session') return real.replace(/[^/]+$/, '00000000-0000-4000-8000-000000000000')
  // A purchase's session at the change page, and the other way round.
  if (kind === 'other-page') return real.replace(/\/(checkout|change)\//, (_, kind: string) => kind === 'checkout' ? '/change/' : '/checkout/')
  return real.replace(/\/store\/[^/]+\//, '/store/not-the-slug/')
}

const REFUSALS = [400, 404, 409, 410]

describe('the hosted checkout page, any form', () => {
  it('POST: never 5xx, HTML, a refusal writes nothing', async () => {
    await fc.assert(fc.asyncProperty(form, where, page, async (raw, kind, opened) => {
      try {
        const url = pathFor(await openSession(opened), kind)
        const before = dbState(harness.app)
        const response = await harness.app.inject({ method: 'POST', url, payload: raw, headers: { 'content-type': 'application/x-www-form-urlencoded' } })
        expect([200, 302, 402, ...REFUSALS]).toContain(response.statusCode)
        if (response.statusCode !== 302) expect(response.headers['content-type']).toBe('text/html; charset=utf-8')
        if (REFUSALS.includes(response.statusCode)) expectUnchanged(harness, before, response)
      } finally {
        await restore(harness)
      }
    }), { ...params, numRuns: Math.ceil(params.numRuns / 4) })
  }, TIMEOUT)

  it('GET ?autoPay=: never 5xx, a refusal writes nothing', async () => {
    await fc.assert(fc.asyncProperty(fc.oneof(fc.constantFrom('success', 'decline', 'SUCCESS', ''), junk), where, page, async (auto, kind, opened) => {
      try {
        const url = `${pathFor(await openSession(opened), kind)}?autoPay=${encodeURIComponent(auto)}`
        const before = dbState(harness.app)
        const response = await harness.app.inject({ method: 'GET', url })
        expect([200, 302, 402, ...REFUSALS]).toContain(response.statusCode)
        if (REFUSALS.includes(response.statusCode)) expectUnchanged(harness, before, response)
      } finally {
        await restore(harness)
      }
    }), { ...params, numRuns: Math.ceil(params.numRuns / 4) })
  }, TIMEOUT)
})
