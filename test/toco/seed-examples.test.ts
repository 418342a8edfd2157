/**
 * Every example response of the two Toco seed pages (../shared/seeds), reproduced with its
 * literal strings and key order. Only requestId, timestamps and durationMs may differ.
 */
import type { LightMyRequestResponse } from 'fastify'
import { describe, expect, it } from 'vitest'
import { DEMO, ISO_MS, toco, useApp, UUID_V4 } from '../helpers.js'

const mock = useApp()

/** Same keys in the same order, same values; `varying` paths only have to be present. */
function expectSameDocument (actual: unknown, expected: unknown) {
  expect(JSON.stringify(actual)).toBe(JSON.stringify(expected))
}

const at = (iso: string) => mock.app.mock.clock.freeze(Date.parse(iso))

/** The seed's `error` object as printed, inside the envelope every Toco error shares. */
function expectSeedError (response: LightMyRequestResponse, status: number, error: unknown) {
  const body = response.json()
  expect(response.statusCode).toBe(status)
  expect(body.requestId).toMatch(UUID_V4)
  expectSameDocument(body, { success: false, error, requestId: body.requestId })
}

describe('seed 000: Unbind Store', () => {
  it('200 "Store unbound successfully"', async () => {
    at('2025-11-17T22:59:08.684Z')
    const response = await toco(mock.app, { path: '/partner/stores/str_bG7SUfKOqSQt/unbind' })
    const body = response.json()
    expect(response.statusCode).toBe(200)
    expect(body.requestId).toMatch(UUID_V4)
    expectSameDocument(body, {
      success: true,
      message: 'Store unbound successfully',
      requestId: body.requestId,
      meta: { timestamp: '2025-11-17T22:59:08.684Z' },
      data: { storeClientId: 'str_bG7SUfKOqSQt', status: 'unbound' }
    })
  })

  it('AUTH_003 "Expired or invalid timestamp" with the seed\'s context', async () => {
    at('2025-11-18T09:12:32.458Z')
    const response = await toco(mock.app, { path: '/partner/stores/str_bG7SUfKOqSQt/unbind', timestamp: 1763456325508 })
    expectSeedError(response, 401, {
      code: 'AUTH_003',
      message: 'Expired or invalid timestamp',
      details: {
        timestamp: '2025-11-18T09:12:32.458Z',
        hint: 'Request timestamp must be within 300 seconds',
        context: { providedTimestamp: 1763456325508, currentTime: 1763457152458, ageSeconds: 826 }
      }
    })
  })

  it('STORE_021 "Store inactive or deleted" once already unbound', async () => {
    await toco(mock.app, { path: '/partner/stores/str_bG7SUfKOqSQt/unbind' })
    at('2025-11-17T23:00:24.326Z')
    const response = await toco(mock.app, { path: '/partner/stores/str_bG7SUfKOqSQt/unbind' })
    expectSeedError(response, 409, {
      code: 'STORE_021',
      message: 'Store inactive or deleted',
      details: {
        timestamp: '2025-11-17T23:00:24.326Z',
        hint: 'Store is already unbound',
        context: { storeClientId: 'str_bG7SUfKOqSQt' }
      }
    })
  })

  it('STORE_020 "Store ID not found" for an unknown store id', async () => {
    at('2025-11-18T08:58:53.660Z')
    const response = await toco(mock.app, { path: '/partner/stores/str_bG7SUfKjqSQt/unbind' })
    expectSeedError(response, 404, {
      code: 'STORE_020',
      message: 'Store ID not found',
      details: {
        timestamp: '2025-11-18T08:58:53.660Z',
        hint: 'Store not found or does not belong to this partner',
        context: { storeClientId: 'str_bG7SUfKjqSQt' }
      }
    })
  })
})

describe('seed 001: Delete Products', () => {
  const seedBody = { ids: ['946b3ffa-5f9e-412e-acf4-eea306736e63', '66721951-5f60-47fa-828c-29040fd3595f'] }
  const path = '/partner/stores/products/deletions'

  it('200 "Products deleted successfully" with one success and one PRD_014', async () => {
    at('2026-02-04T22:27:44.587Z')
    const response = await toco(mock.app, { path, body: seedBody, store: DEMO.catalogueStore })
    const body = response.json()
    expect(response.statusCode).toBe(200)
    expect(Number.isInteger(body.meta.durationMs)).toBe(true)
    expectSameDocument(body, {
      success: true,
      message: 'Products deleted successfully',
      requestId: body.requestId,
      meta: { timestamp: '2026-02-04T22:27:44.587Z', durationMs: body.meta.durationMs, dispatch: false },
      data: {
        summary: { total: 2, succeeded: 1, failed: 1 },
        successItems: [{ id: '66721951-5f60-47fa-828c-29040fd3595f', externalId: 'bace66be-47c4-4f72-868c-ad792da8b210' }],
        errors: [{ code: 'PRD_014', message: 'Product ID not found', rowIndex: 0, id: '946b3ffa-5f9e-412e-acf4-eea306736e63' }]
      }
    })
  })

  it('AUTH_003 with the seed\'s context (3185 s old)', async () => {
    at('2026-02-04T22:27:05.126Z')
    const response = await toco(mock.app, { path, body: seedBody, store: DEMO.catalogueStore, timestamp: 1770240839135 })
    expectSeedError(response, 401, {
      code: 'AUTH_003',
      message: 'Expired or invalid timestamp',
      details: {
        timestamp: '2026-02-04T22:27:05.126Z',
        hint: 'Request timestamp must be within 300 seconds',
        context: { providedTimestamp: 1770240839135, currentTime: 1770244025126, ageSeconds: 3185 }
      }
    })
  })

  it('VAL_001 "Validation failed" for an empty id list, seed quirk included', async () => {
    at('2025-09-10T07:19:39.755Z')
    const response = await toco(mock.app, { path, body: { ids: [] }, store: DEMO.catalogueStore })
    expectSeedError(response, 400, {
      code: 'VAL_001',
      message: 'Validation failed',
      details: {
        timestamp: '2025-09-10T07:19:39.755Z',
        hint: 'Please check your request data and try again',
        context: { validationErrors: { externalIds: 'At least one external ID is required' } }
      }
    })
  })

  it('answers the seed\'s own curl (placeholder signature, 2025 timestamp) with AUTH_003, not a 5xx', async () => {
    const response = await mock.app.inject({
      method: 'POST',
      url: '/api/v1/partner/stores/products/deletions',
      headers: {
        'Content-Type': 'application/json',
        'x-signature': 'bdbb8833fe43671e058b56dace75763a78a2edf8de7365afb6f534d750056e80',
        'x-partner-client-id': '2025112012475048491498',
        'x-store-client-id': '638765489981529612855',
        'x-store-token': 'stkn__6AbJF05mjvxh7sh',
        'x-timestamp': '1758100350458'
      },
      payload: JSON.stringify(seedBody)
    })
    expect(response.statusCode).toBe(401)
    expect(response.json().error.code).toBe('AUTH_003')
    expect(response.json().error.details.timestamp).toMatch(ISO_MS)
  })
})
