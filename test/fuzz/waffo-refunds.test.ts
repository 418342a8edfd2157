/**
 * refund-ticket/create-ticket and resubmit-ticket with a buyer session and any body, against a
 * payment bought in the run and a rejected ticket on it (their ids swapped in for the
 * placeholders): never a 5xx, Waffo's envelope, an accepted ticket never asks for more than is
 * left, and a refusal writes nothing.
 */
import fc from 'fast-check'
import type { LightMyRequestResponse } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { issueSession } from '../../src/apis/waffo/session.js'
import { DEMO, waffo } from '../helpers.js'
import { judgedRun, startHarness, type Harness } from './harness.js'
import { expectWaffoError } from './oracles.js'
import { params, TIMEOUT } from './settings.js'
import { actionBodies, PAYMENT_OF_RUN, TICKET_OF_RUN } from './waffo-action-bodies.js'
import type { Body } from './bodies.js'

let harness: Harness
beforeAll(async () => { harness = await startHarness() })
afterAll(async () => { await harness.app.close() })

const STORE = DEMO.waffoStores.clean
const BUYER = 'buyer@example.com'
const PRICE = '9.99'

const json = (response: LightMyRequestResponse) => response.json() as Record<string, any>

/** A 9.99 USD payment of BUYER and a rejected 5.00 ticket on it; answers their ids. */
async function purchase (): Promise<{ paymentId: string, ticketId: string }> {
  const { app } = harness
  const product = json(await waffo(app, {
    path: '/v1/actions/onetime-product/create-product',
    merchant: DEMO.owner,
    body: { storeId: STORE, name: 'E-book', prices: { USD: { amount: PRICE, taxCategory: 'ebook' } } }
  })).data.product.id as string
  const session = json(await waffo(app, { path: '/v1/actions/checkout/create-session', merchant: DEMO.owner, body: { productId: product, currency: 'USD', buyerEmail: BUYER } }))
  const paid = json(await app.inject({ method: 'POST', url: `/__admin/waffo/checkout-sessions/${session.data.sessionId}/pay`, payload: { outcome: 'success' } }))
  const created = json(await buyerCall('refund-ticket/create-ticket', BUYER, 'test', JSON.stringify({
    paymentId: paid.paymentId, reason: 'Broken', requestedAmount: { amount: '5.00', currency: 'USD' }
  })))
  const ticketId = created.data.ticket.id as string
  await app.inject({ method: 'POST', url: `/__admin/waffo/refund-tickets/${ticketId}/reject`, payload: {} })
  return { paymentId: paid.paymentId, ticketId }
}

function buyerCall (path: string, sub: string, environment: string, raw: string | undefined) {
  const { token } = issueSession({ sub, storeId: STORE, merchantId: DEMO.owner.id }, harness.app.mock.clock.now())
  return harness.app.inject({
    method: 'POST', url: `/v1/actions/${path}`, payload: raw, headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-environment': environment }
  })
}

const cents = (amount: string) => Math.round(Number(amount) * 100)

async function run (path: string, sub: string, environment: string, body: Body) {
  let ids = { paymentId: '', ticketId: '' }
  await judgedRun(harness, () => buyerCall(path, sub, environment, body.raw?.replaceAll(PAYMENT_OF_RUN, ids.paymentId).replaceAll(TICKET_OF_RUN, ids.ticketId)), (response) => {
    if (response.statusCode >= 400) {
      expectWaffoError(response)
      return
    }
    expect(response.statusCode).toBe(200)
    const { ticket } = json(response).data
    expect(ticket).toMatchObject({ type: 'refund', status: 'pending', subjectId: ids.paymentId, submitterId: BUYER })
    // The rejected 5.00 holds nothing: whatever was accepted fits in what was paid.
    expect(cents(ticket.versionData.requestedAmount.amount)).toBeLessThanOrEqual(cents(PRICE))
    expect(ticket.versionData.requestedAmount.currency).toBe('USD')
  }, { setup: async () => { ids = await purchase() }, mayWrite: (response) => response.statusCode < 400 })
}

/** Bodies near the SDK's params (each field mostly right), so accepted tickets are drawn as well as refusals. */
const junk = fc.oneof(fc.integer(), fc.constant(null), fc.constant(''), fc.string({ maxLength: 12 }))
const nearValid: fc.Arbitrary<Body> = fc.record({
  paymentId: fc.oneof({ arbitrary: fc.constant(PAYMENT_OF_RUN), weight: 12 }, { arbitrary: fc.constantFrom('PAY_0000000000000000000000', 'ORD_1'), weight: 1 }, { arbitrary: junk, weight: 1 }),
  ticketId: fc.oneof({ arbitrary: fc.constant(TICKET_OF_RUN), weight: 12 }, { arbitrary: fc.constant('TKT_0000000000000000000000'), weight: 1 }, { arbitrary: junk, weight: 1 }),
  reason: fc.oneof({ arbitrary: fc.constant('Not as described'), weight: 8 }, { arbitrary: fc.string({ maxLength: 1002 }), weight: 1 }, { arbitrary: junk, weight: 1 }),
  requestedAmount: fc.oneof({
    arbitrary: fc.record({
      amount: fc.oneof({ arbitrary: fc.constantFrom('0.01', '1', '5.00', '9.99', '9.990'), weight: 8 },
        { arbitrary: fc.constantFrom('9.991', '10.00', '0', '00.00', '999999999999999'), weight: 3 }, { arbitrary: junk, weight: 1 }),
      currency: fc.oneof({ arbitrary: fc.constant('USD'), weight: 10 }, { arbitrary: fc.constantFrom('EUR', 'usd'), weight: 1 })
    }),
    weight: 10
  }, { arbitrary: junk, weight: 1 }),
  metadata: fc.option(fc.oneof({ arbitrary: fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }), weight: 4 }, { arbitrary: junk, weight: 1 }),
    { nil: undefined, freq: 2 }),
  refundTicketMerchantExternalId: fc.option(fc.oneof({ arbitrary: fc.string({ maxLength: 140 }), weight: 4 }, { arbitrary: junk, weight: 1 }), { nil: undefined, freq: 2 })
}, { requiredKeys: ['paymentId', 'ticketId', 'reason', 'requestedAmount'] }).map((value) => ({ raw: JSON.stringify(value) }))
const bodies = fc.oneof({ arbitrary: nearValid, weight: 3 }, { arbitrary: actionBodies, weight: 1 })

const buyer = fc.oneof({ arbitrary: fc.constant(BUYER), weight: 4 }, { arbitrary: fc.constant('nobody@example.com'), weight: 1 })
const environment = fc.oneof({ arbitrary: fc.constant('test'), weight: 4 }, { arbitrary: fc.constant('prod'), weight: 1 })

describe('refund tickets, a buyer session, any body', () => {
  it.each(['refund-ticket/create-ticket', 'refund-ticket/resubmit-ticket'])('%s: never 5xx, the envelope, at most what was paid, a refusal writes nothing', async (path) => {
    await fc.assert(fc.asyncProperty(buyer, environment, bodies, (sub, env, body) => run(path, sub, env, body)), { ...params, numRuns: Math.ceil(params.numRuns / 4) })
  }, TIMEOUT)
})
