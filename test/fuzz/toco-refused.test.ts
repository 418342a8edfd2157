/**
 * Toco requests the guard must refuse, with any headers and any body: unsigned, badly signed,
 * or signed by a partner but carrying store credentials it does not hold. The refusal comes in
 * Toco's envelope, before anything else looks at the request, and writes nothing.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { tocoSignature } from '../../src/signing/toco.js'
import { DEMO, demoFixture, toco } from '../helpers.js'
import { anyBody, type Body } from './bodies.js'
import { tooLarge } from './body-model.js'
import { contentType, extraHeaders, headerText, MEDIA_TYPES } from './headers.js'
import { tocoAuthPlan, tocoHeaders, type TocoAuthPlan } from './toco-auth-plans.js'
import { judgedRun, sendDrawn, useHarness, type Harness } from './harness.js'
import { expectTocoError } from './oracles.js'
import { params, TIMEOUT } from './settings.js'

const DELETIONS = '/api/v1/partner/stores/products/deletions'
const storeId = fc.oneof(
  fc.constantFrom(DEMO.unbindStore, DEMO.catalogueStore, DEMO.unboundStore, DEMO.otherPartnersStore).map((store) => store.storeClientId),
  fc.stringMatching(/^[\w-]{1,40}$/)
)
const url = fc.oneof(storeId.map((id) => `/api/v1/partner/stores/${id}/unbind`), fc.constant(DELETIONS))

/** Any request to a Toco route that is not signed by the partner it claims to come from. */
async function refusedWithoutTrace (harness: Harness, target: string, plan: TocoAuthPlan, type: string | undefined,
  extra: Record<string, unknown>, body: Body) {
  const headers = { ...extra, ...tocoHeaders(plan, { method: 'POST', url: target, raw: body.raw, nowMs: harness.app.mock.clock.now() }) }
  return judgedRun(harness, sendDrawn(harness, { method: 'POST', url: target, headers, type, raw: body.raw }),
    (response) => {
      const error = expectTocoError(response)!
      // Only the guard speaks: never VAL_001 (the body's rules stay secret) and never a store answer.
      expect(error.error.code).toMatch(/^(AUTH_00[1-6]|PAYLOAD_TOO_LARGE|BAD_REQUEST)$/)
      if (error.error.code === 'PAYLOAD_TOO_LARGE') expect(tooLarge(body.raw)).toBe(true)
      // Before the guard, only a Content-Type that is not a media type may be refused.
      if (error.error.code === 'BAD_REQUEST') expect(MEDIA_TYPES).not.toContain(type)
      return error
    })
}

describe('Toco, unsigned or badly signed', () => {
  const harness = useHarness()

  it('never 5xx, always the Toco error envelope, only auth refusals, nothing written', async () => {
    await fc.assert(fc.asyncProperty(url, tocoAuthPlan, contentType, extraHeaders, anyBody,
      async (target, plan, type, extra, body) => {
        await refusedWithoutTrace(harness, target, plan, type, extra, body)
      }), params)
  }, TIMEOUT)
})

describe('Toco, badly signed, with MOCK_DEBUG_SIGNATURES on', () => {
  const harness = useHarness({ debugSignatures: true })

  it('the expected base string it reveals never comes with the secret or the signature', async () => {
    await fc.assert(fc.asyncProperty(url, tocoAuthPlan, contentType, extraHeaders, anyBody,
      async (target, plan, type, extra, body) => {
        const error = await refusedWithoutTrace(harness, target, plan, type, extra, body)
        const expected = error.error.details.context.expectedBaseString
        if (typeof expected !== 'string') return
        const response = JSON.stringify(error)
        for (const partner of [DEMO.partner, DEMO.otherPartner]) {
          expect(response).not.toContain(tocoSignature(partner.secretKey, expected))
        }
      }), params)
  }, TIMEOUT)
})

const STORES = demoFixture.toco.stores!
const OWNER: Record<string, string> = Object.fromEntries(STORES.map((store) => [store.storeClientId, store.partnerClientId]))
/** Store credentials that never open the store: mixed up, revoked, another partner's, or garbage. */
const foreignStoreCredentials = fc.record({
  // By client id, so a counterexample does not print the secret.
  partner: fc.constantFrom(DEMO.partner.clientId, DEMO.otherPartner.clientId),
  storeClientId: fc.oneof(fc.constantFrom(...STORES.map((store) => store.storeClientId)), headerText),
  storeToken: fc.oneof(fc.constantFrom(...STORES.map((store) => store.storeToken!)), headerText)
}).filter(({ partner, storeClientId, storeToken }) => !STORES.some((store) => store.status !== 'unbound' &&
  store.storeClientId === storeClientId && store.storeToken === storeToken && store.partnerClientId === partner))

describe('Toco, signed by a partner with store credentials it does not hold', () => {
  const harness = useHarness()

  it('AUTH_001 for an empty one, AUTH_006 for a store not the partner\'s, else AUTH_005; nothing written', async () => {
    await fc.assert(fc.asyncProperty(foreignStoreCredentials, anyBody, async ({ partner, storeClientId, storeToken }, body) => {
      const expected = tooLarge(body.raw)
        ? 'PAYLOAD_TOO_LARGE'
        : storeClientId === '' || storeToken === ''
          ? 'AUTH_001'
          : OWNER[storeClientId] === partner ? 'AUTH_005' : 'AUTH_006'
      await judgedRun(harness, () => toco(harness.app, {
        path: '/partner/stores/products/deletions',
        partner: partner === DEMO.partner.clientId ? DEMO.partner : DEMO.otherPartner,
        store: { storeClientId, storeToken },
        body: body.raw
      }), (response) => expect(expectTocoError(response)!.error.code).toBe(expected))
    }), params)
  }, TIMEOUT)
})
