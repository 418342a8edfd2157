/**
 * Plan changes with any body: each run prices a target plan beside the fixture's active
 * subscription, asks create-session for a change (a merchant key of either environment, or a
 * buyer session), and confirms what it opened with the declined card, then the working one — never
 * a 5xx, a refusal writes nothing, a decline changes nothing, a success changes or schedules the plan.
 */
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { issueSession } from '../../src/apis/waffo/session.js'
import { DEMO, waffo } from '../helpers.js'
import { row } from '../waffo/support.js'
import { dbState, expectUnchanged, restore, startHarness, type Harness } from './harness.js'
import { expectNoLeak, expectWaffoError } from './oracles.js'
import { params, TIMEOUT } from './settings.js'

let harness: Harness
beforeAll(async () => { harness = await startHarness() })
afterAll(async () => { await harness.app.close() })

const STORE = DEMO.waffoStores.blockedEverywhere
const ACTIVE_SUB = 'ORD_EverySubActive00000000'
const PLAN = 'PROD_EverySubProdActive0000'
const TARGET = 'target'

const junk = fc.oneof(fc.integer(), fc.constant(null), fc.constant(''), fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 1 }))
const amount = fc.oneof(fc.constantFrom('0', '0.00', '5', '19.99', '20.005', '99999999999999999999.99'), junk)
/** Mostly the plausible value, sometimes anything else. */
const likely = <T> (value: T, others: fc.Arbitrary<unknown>) => fc.oneof({ arbitrary: fc.constant(value), weight: 6 }, { arbitrary: others, weight: 1 })
/** Mostly absent (JSON drops undefined), sometimes drawn. */
const rarely = (drawn: fc.Arbitrary<unknown>) => fc.oneof({ arbitrary: fc.constant(undefined), weight: 3 }, { arbitrary: drawn, weight: 1 })
const body = fc.record({
  originOrderId: likely(ACTIVE_SUB, fc.oneof(fc.constantFrom('ORD_EverySubPastDue0000000', 'ORD_EverySubCanceled000000', 'ORD_EveryOnetimePending000'), junk)),
  productId: likely(TARGET, fc.oneof(fc.constantFrom(PLAN, 'PROD_EveryOnetimeActive0000', 'PROD_MailStoreProduct000003'), junk)),
  currency: likely('USD', fc.oneof(fc.constant('EUR'), junk)),
  changeTiming: rarely(fc.oneof(fc.constantFrom('immediate', 'next_period'), junk)),
  changeAmount: rarely(amount),
  changeCreditAmount: rarely(amount),
  priceSnapshot: rarely(fc.oneof(fc.record({ amount, taxCategory: fc.constantFrom('saas', 'nope') }), junk)),
  successUrl: rarely(fc.oneof(fc.constantFrom('https://shop.example/done', 'javascript:x'), junk)),
  expiresInSeconds: rarely(fc.oneof(fc.integer({ min: -5, max: 100_000 }), junk)),
  metadata: rarely(fc.oneof(fc.dictionary(fc.string({ maxLength: 6 }), fc.string({ maxLength: 6 }), { maxKeys: 2 }), junk))
})
const caller = fc.constantFrom('owner', 'owner', 'buyer', 'buyer', 'ownerProd', 'outsider', 'otherBuyer')
const grouped = fc.constantFrom('none', 'switchOff', 'switchOn', 'switchOn')

async function setUp (group: string): Promise<string> {
  const created = await waffo(harness.app, {
    path: '/v1/actions/subscription-product/create-product',
    body: { storeId: STORE, name: 'Pro', billingPeriod: 'monthly', prices: { USD: { amount: '19.99', taxCategory: 'saas' } } }
  })
  const target = created.json().data.product.id as string
  if (group !== 'none') {
    const rules = { selfServicePlanChange: group === 'switchOn' }
    await waffo(harness.app, { path: '/v1/actions/subscription-product-group/create-group', body: { storeId: STORE, name: 'Plans', productIds: [PLAN, target], rules } })
  }
  return target
}

async function ask (who: 'owner' | 'ownerProd' | 'outsider' | 'buyer' | 'otherBuyer', payload: string) {
  if (who === 'owner' || who === 'ownerProd' || who === 'outsider') {
    return await waffo(harness.app, { path: '/v1/actions/checkout/create-session', merchant: DEMO[who], body: payload, headers: { 'content-type': 'application/json' } })
  }
  const sub = who === 'buyer' ? 'buyer@example.com' : 'late.payer@example.com'
  const { token } = issueSession({ sub, storeId: STORE, merchantId: DEMO.owner.id }, harness.app.mock.clock.now())
  return await harness.app.inject({
    method: 'POST', url: '/v1/actions/checkout/create-session', payload, headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-environment': 'test' }
  })
}

describe('plan changes, any body', () => {
  it('create-session with originOrderId, then the confirmation: never 5xx, a refusal writes nothing', async () => {
    await fc.assert(fc.asyncProperty(grouped, caller, body, async (group, who, drawn) => {
      try {
        const target = await setUp(group)
        const payload = JSON.stringify(drawn).replaceAll(`"${TARGET}"`, `"${target}"`)
        const before = dbState(harness.app)
        const response = await ask(who, payload)
        expectNoLeak(response)
        if (response.statusCode !== 200) {
          expectWaffoError(response)
          expectUnchanged(harness, before, response)
          return
        }
        const { sessionId, checkoutUrl } = response.json().data as { sessionId: string, checkoutUrl: string }
        expect(checkoutUrl).toMatch(/\/change\/[0-9a-f-]{36}$/)
        const plan = row(harness.app, 'SELECT product_id FROM waffo_orders WHERE id = ?', ACTIVE_SUB)!.product_id
        const confirm = async (outcome: string) => {
          const confirmed = await harness.app.inject({ method: 'POST', url: `/__admin/waffo/checkout-sessions/${sessionId}/pay`, payload: { outcome } })
          expect(confirmed.statusCode, confirmed.body).toBe(200)
          return row(harness.app, 'SELECT product_id, scheduled_change FROM waffo_orders WHERE id = ?', ACTIVE_SUB)!
        }
        // A declined card changes nothing and leaves the session open; a working one changes the plan now or schedules it.
        expect(await confirm('decline')).toEqual({ product_id: plan, scheduled_change: null })
        expect([{ product_id: target, scheduled_change: null }, { product_id: plan, scheduled_change: sessionId }]).toContainEqual(await confirm('success'))
      } finally {
        await restore(harness)
      }
    }), { ...params, numRuns: Math.ceil(params.numRuns / 4) })
  }, TIMEOUT)
})
