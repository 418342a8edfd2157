/**
 * Correctly signed Toco requests with bad bodies (and bad store ids): the answer is Toco's
 * validation error or the store's own answer, never a 5xx, and a refusal writes nothing.
 * Accepted requests may write; the run is then undone so the next starts from the fixtures.
 */
import fc from 'fast-check'
import type { LightMyRequestResponse } from 'fastify'
import { describe, expect, it } from 'vitest'
import { DEMO, demoFixture, toco } from '../helpers.js'
import { anyBody, bodies, deletionShaped, type Body } from './bodies.js'
import { decode, isPlainObject, tooLarge } from './body-model.js'
import { judgedRun, REFUSALS_WRITE_NOTHING, useHarness } from './harness.js'
import { mediaType } from './headers.js'
import { expectTocoError, expectTocoSuccess, type TocoErrorBody } from './oracles.js'
import { params, TIMEOUT } from './settings.js'

const MAX_BATCH = 100
const NOT_JSON = { body: 'Request body must be valid JSON' }

const harness = useHarness()

/** Sends and judges; only an accepted request may write, and the fixtures come back either way. */
const judged = (send: () => Promise<LightMyRequestResponse>, judge: (response: LightMyRequestResponse) => void) =>
  judgedRun(harness, send, judge, REFUSALS_WRITE_NOTHING)

function expectValidationFailed (response: LightMyRequestResponse, exactly?: Record<string, string>): TocoErrorBody {
  const error = expectTocoError(response)!
  expect(response.statusCode).toBe(400)
  expect(error.error).toMatchObject({ code: 'VAL_001', message: 'Validation failed', details: { hint: 'Please check your request data and try again' } })
  const { validationErrors } = error.error.details.context as { validationErrors: Record<string, unknown> }
  expect(Object.keys(validationErrors).length).toBeGreaterThan(0)
  for (const message of Object.values(validationErrors)) expect(message).toEqual(expect.any(String))
  if (exactly) expect(validationErrors).toEqual(exactly)
  return error
}

function expectTooLarge (response: LightMyRequestResponse) {
  expect(response.statusCode).toBe(413)
  expect(expectTocoError(response)!.error.code).toBe('PAYLOAD_TOO_LARGE')
}

const catalogue = DEMO.catalogueStore.storeClientId
const LIVE_PRODUCTS = new Set(demoFixture.toco.products!
  .filter((product) => product.storeClientId === catalogue && product.deletedAt === undefined)
  .map((product) => product.id))

/** DESIGN §3.4: an array of 1…100 non-empty strings, in an object. */
function deletionIds (value: unknown): string[] | undefined {
  if (!isPlainObject(value) || !Array.isArray(value.ids)) return undefined
  const { ids } = value
  if (ids.length < 1 || ids.length > MAX_BATCH) return undefined
  return ids.every((id) => typeof id === 'string' && id.length > 0) ? ids as string[] : undefined
}

/** Each id on its own, in order: the first mention of a live product of the store succeeds. */
function expectDeletionOutcome (response: LightMyRequestResponse, ids: string[]) {
  const body = expectTocoSuccess(response, 'Products deleted successfully') as unknown as {
    data: { summary: Record<string, number>, successItems: Array<{ id: string }>, errors: Array<{ code: string, rowIndex: number, id: string }> }
  }
  const deleted = [...new Set(ids.filter((id) => LIVE_PRODUCTS.has(id)))]
  expect(body.data.summary).toEqual({ total: ids.length, succeeded: deleted.length, failed: ids.length - deleted.length })
  expect(body.data.successItems.map((item) => item.id)).toEqual(deleted)
  for (const error of body.data.errors) {
    expect(error).toMatchObject({ code: 'PRD_014', id: ids[error.rowIndex] })
  }
}

describe('POST /api/v1/partner/stores/products/deletions, signed, any body', () => {
  it('400 VAL_001 for every body that is not {"ids": 1…100 non-empty strings}, else 200 with each id judged', async () => {
    await fc.assert(fc.asyncProperty(bodies(deletionShaped), mediaType, async (body: Body, type) => {
      await judged(
        () => toco(harness.app, {
          path: '/partner/stores/products/deletions', store: DEMO.catalogueStore, body: body.raw, headers: { 'content-type': type }
        }),
        (response) => {
          if (tooLarge(body.raw)) return expectTooLarge(response)
          const decoded = decode(body.raw)
          if (decoded.kind === 'not-json') return expectValidationFailed(response, NOT_JSON)
          if (decoded.kind === 'json' && decoded.overLimit && !decoded.poisoned) return expectValidationFailed(response, { body: decoded.overLimit })
          const value = decoded.kind === 'json' ? decoded.value : undefined
          const ids = deletionIds(value)
          // A __proto__ / constructor key may be refused as unsafe JSON; otherwise it is just another key.
          if (decoded.kind === 'json' && decoded.poisoned && response.statusCode === 400) return expectValidationFailed(response)
          if (ids) return expectDeletionOutcome(response, ids)
          const error = expectValidationFailed(response)
          const fields = Object.keys(error.error.details.context.validationErrors as object)
          // The seed's quirk for an empty list; every other message is about ids.
          if (isPlainObject(value) && Array.isArray(value.ids) && value.ids.length === 0) {
            expect(error.error.details.context.validationErrors).toEqual({ externalIds: 'At least one external ID is required' })
          } else {
            expect(fields).toEqual(['ids'])
          }
        })
    }), params)
  }, TIMEOUT)
})

const OWNER: Record<string, string> = Object.fromEntries(demoFixture.toco.stores!.map((store) => [store.storeClientId, store.partnerClientId]))
const UNBOUND = new Set(demoFixture.toco.stores!.filter((store) => store.status === 'unbound').map((store) => store.storeClientId))

/** DESIGN §3.3: STORE_020 unless the caller's, STORE_021 once unbound, else 200. */
function expectUnbindOutcome (response: LightMyRequestResponse, storeId: string, partnerClientId: string) {
  if (OWNER[storeId] === partnerClientId && !UNBOUND.has(storeId)) {
    const body = expectTocoSuccess(response, 'Store unbound successfully')
    expect(body.data).toEqual({ storeClientId: storeId, status: 'unbound' })
    return
  }
  const error = expectTocoError(response)!
  const [status, code] = OWNER[storeId] === partnerClientId ? [409, 'STORE_021'] : [404, 'STORE_020']
  expect([response.statusCode, error.error.code]).toEqual([status, code])
  expect(error.error.details.context).toEqual({ storeClientId: storeId })
}

// Drawn by client id, so a counterexample does not print the secret.
const partner = fc.constantFrom(DEMO.partner.clientId, DEMO.otherPartner.clientId)
const credentials = (clientId: string) => [DEMO.partner, DEMO.otherPartner].find((candidate) => candidate.clientId === clientId)!
const fixtureStoreId = fc.constantFrom(...Object.keys(OWNER))

describe('POST /api/v1/partner/stores/:storeId/unbind, signed', () => {
  it('any body: VAL_001 when it is not JSON, else the store\'s own answer', async () => {
    await fc.assert(fc.asyncProperty(partner, fixtureStoreId, anyBody, async (caller, storeId, body) => {
      await judged(
        () => toco(harness.app, { path: `/partner/stores/${storeId}/unbind`, partner: credentials(caller), body: body.raw }),
        (response) => {
          if (tooLarge(body.raw)) return expectTooLarge(response)
          const decoded = decode(body.raw)
          if (decoded.kind === 'not-json') return expectValidationFailed(response, NOT_JSON)
          if (decoded.kind === 'json' && decoded.overLimit && !decoded.poisoned) return expectValidationFailed(response, { body: decoded.overLimit })
          if (decoded.kind === 'json' && decoded.poisoned && response.statusCode === 400) return expectValidationFailed(response, NOT_JSON)
          expectUnbindOutcome(response, storeId, caller)
        })
    }), params)
  }, TIMEOUT)

  // Path segments are percent-encoded as a client library would; "." and ".." would be resolved away.
  const storeIds = (length: { minLength?: number, maxLength: number }) =>
    fc.string({ unit: 'grapheme', ...length }).filter((id) => id !== '.' && id !== '..')
  const unbind = (caller: string, id: string) => judged(
    () => toco(harness.app, { path: `/partner/stores/${encodeURIComponent(id)}/unbind`, partner: credentials(caller) }),
    (response) => expectUnbindOutcome(response, id, caller))

  it('any store id of up to 100 characters: STORE_020 unless it is one of the fixtures\'', async () => {
    const storeId = fc.oneof(fixtureStoreId, storeIds({ maxLength: 100 }).filter((id) => id.length <= 100))
    await fc.assert(fc.asyncProperty(partner, storeId, unbind), params)
  }, TIMEOUT)

  // Store ids have no documented maximum length, so a long one is just another unknown store.
  it('a store id of more than 100 characters gets STORE_020 too, in Toco\'s envelope', async () => {
    await fc.assert(fc.asyncProperty(partner, storeIds({ minLength: 101, maxLength: 300 }), unbind), params)
  }, TIMEOUT)
})
