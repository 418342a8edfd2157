/**
 * The hosted checkout page's form (and its GET with ?autoPay): any urlencoded body, any session
 * path — never a 5xx, always HTML, and a refusal (400, 404, 409, 410) writes nothing.
 */
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO, waffo } from '../helpers.js'
import { dbState, expectUnchanged, restore, startHarness, type Harness } from './harness.js'
import { params, TIMEOUT } from './settings.js'

let harness: Harness
beforeAll(async () => { harness = await startHarness() })
afterAll(async () => { await harness.app.close() })

/** A fresh open session of a new one-time product: its checkoutUrl path. */
async function openSession (): Promise<string> {
  const created = await waffo(harness.app, {
    path: '/v1/actions/onetime-product/create-product',
    body: { storeId: DEMO.waffoStores.clean, name: 'Fuzz', prices: { USD: { amount: '5.00', taxCategory: 'saas' } } }
  })
  const productId = created.json().data.product.id as string
  const session = await waffo(harness.app, { path: '/v1/actions/checkout/create-session', body: { productId, currency: 'USD' } })
  return new URL(session.json().data.checkoutUrl as string).pathname
}

const junk = fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 40 }), fc.constant(''))
const card = fc.oneof(fc.constantFrom('4576 7500 0000 0110', '4576750000000220', '4576-7500-0000-0110', '4111 1111 1111 1111', '４５７６'), junk)
const email = fc.oneof(fc.constantFrom('ann@example.com', 'not-an-email', ' ann@example.com '), junk)
const form = fc.oneof(
  fc.record({ card, email }, { requiredKeys: [] }).map((fields) => new URLSearchParams(fields as Record<string, string>).toString()),
  fc.string({ unit: 'binary', maxLength: 200 })
)
const where = fc.constantFrom('session', 'other-session', 'other-slug')

function pathFor (real: string, kind: string): string {
  if (kind === 'session') return real
  if (kind === 'other-session') return real.replace(/[^/]+$/, '00000000-0000-4000-8000-000000000000')
  return real.replace(/\/store\/[^/]+\//, '/store/not-the-slug/')
}

const REFUSALS = [400, 404, 409, 410]

describe('the hosted checkout page, any form', () => {
  it('POST: never 5xx, HTML, a refusal writes nothing', async () => {
    await fc.assert(fc.asyncProperty(form, where, async (raw, kind) => {
      try {
        const url = pathFor(await openSession(), kind)
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
    await fc.assert(fc.asyncProperty(fc.oneof(fc.constantFrom('success', 'decline', 'SUCCESS', ''), junk), where, async (auto, kind) => {
      try {
        const url = `${pathFor(await openSession(), kind)}?autoPay=${encodeURIComponent(auto)}`
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
