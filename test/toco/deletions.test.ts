/** Delete Products (DESIGN §3.4): every branch, with the database state afterwards. */
import { describe, expect, it } from 'vitest'
import { createApp, DEMO, snapshot, toco, useApp } from '../helpers.js'

const mock = useApp()

const PATH = '/partner/stores/products/deletions'
const remove = (body: unknown, store: { storeClientId: string, storeToken: string } = DEMO.catalogueStore) => toco(mock.app, { path: PATH, body, store })
const deletedAt = (id: string) =>
  mock.app.mock.db.prepare<[string], string | null>('SELECT deleted_at FROM toco_products WHERE id = ?').pluck().get(id)
const { products } = DEMO

describe('POST /api/v1/partner/stores/products/deletions', () => {
  it('soft-deletes every product of the store, in request order', async () => {
    mock.app.mock.clock.freeze(Date.parse('2026-03-01T10:00:00.000Z'))
    const response = await remove({ ids: [products.third.id, products.seedSuccess.id] })
    expect(response.statusCode).toBe(200)
    expect(response.json().data).toEqual({
      summary: { total: 2, succeeded: 2, failed: 0 },
      successItems: [products.third, products.seedSuccess],
      errors: []
    })
    expect(deletedAt(products.third.id)).toBe('2026-03-01T10:00:00.000Z')
    expect(deletedAt(products.seedSuccess.id)).toBe('2026-03-01T10:00:00.000Z')
    expect(deletedAt(products.second.id)).toBeNull()
  })

  it('judges each id on its own: unknown, other store\'s, already deleted and repeated ids are PRD_014', async () => {
    const ids = [products.unknown, products.second.id, products.otherStores, products.alreadyDeleted, products.second.id]
    const response = await remove({ ids })
    expect(response.statusCode).toBe(200)
    const notFound = (rowIndex: number) => ({ code: 'PRD_014', message: 'Product ID not found', rowIndex, id: ids[rowIndex] })
    expect(response.json().data).toEqual({
      summary: { total: 5, succeeded: 1, failed: 4 },
      successItems: [products.second],
      errors: [notFound(0), notFound(2), notFound(3), notFound(4)]
    })
    expect(deletedAt(products.second.id)).not.toBeNull()
    expect(deletedAt(products.otherStores)).toBeNull()
  })

  it('is still 200 when every id fails, and writes nothing', async () => {
    const before = snapshot(mock.app)
    const response = await remove({ ids: [products.unknown, products.otherStores] })
    expect(response.statusCode).toBe(200)
    expect(response.json().message).toBe('Products deleted successfully')
    expect(response.json().data.summary).toEqual({ total: 2, succeeded: 0, failed: 2 })
    expect(snapshot(mock.app)).toEqual(before)
  })

  it('makes a deleted product gone: deleting it again is PRD_014 and keeps the first deletion time', async () => {
    mock.app.mock.clock.freeze(Date.parse('2026-03-01T10:00:00.000Z'))
    await remove({ ids: [products.seedSuccess.id] })
    mock.app.mock.clock.advance(60_000)
    const before = snapshot(mock.app)
    const again = await remove({ ids: [products.seedSuccess.id] })
    expect(again.statusCode).toBe(200)
    expect(again.json().data).toEqual({
      summary: { total: 1, succeeded: 0, failed: 1 },
      successItems: [],
      errors: [{ code: 'PRD_014', message: 'Product ID not found', rowIndex: 0, id: products.seedSuccess.id }]
    })
    expect(snapshot(mock.app)).toEqual(before)
    expect(deletedAt(products.seedSuccess.id)).toBe('2026-03-01T10:00:00.000Z')
  })

  it('deletes only within the store of the token, not the partner\'s other stores', async () => {
    const before = snapshot(mock.app)
    const response = await remove({ ids: [products.otherStores] }, DEMO.otherPartnersStore)
    // The other partner's token is for the other partner: the demo partner cannot use it.
    expect(response.statusCode).toBe(403)
    expect(response.json().error).toMatchObject({
      code: 'AUTH_006', message: 'Store access denied', details: { context: { storeClientId: DEMO.otherPartnersStore.storeClientId } }
    })
    expect(snapshot(mock.app)).toEqual(before)
    const own = await toco(mock.app, { path: PATH, body: { ids: [products.otherStores] }, store: DEMO.otherPartnersStore, partner: DEMO.otherPartner })
    expect(own.json().data).toEqual({
      summary: { total: 1, succeeded: 1, failed: 0 },
      successItems: [{ id: products.otherStores, externalId: expect.any(String) }],
      errors: []
    })
    expect(deletedAt(products.otherStores)).not.toBeNull()
  })

  it('ignores unknown body fields', async () => {
    const response = await remove({ ids: [products.second.id], dryRun: true })
    expect(response.statusCode).toBe(200)
    expect(response.json().data).toEqual({ summary: { total: 1, succeeded: 1, failed: 0 }, successItems: [products.second], errors: [] })
    expect(deletedAt(products.second.id)).not.toBeNull()
  })

  describe('VAL_001 "Validation failed", nothing written', () => {
    it.each([
      ['no body', undefined, { ids: 'ids must be an array' }],
      ['no ids', {}, { ids: 'ids must be an array' }],
      ['ids not an array', { ids: products.second.id }, { ids: 'ids must be an array' }],
      ['a body that is not an object', [products.second.id], { ids: 'ids must be an array' }],
      ['an empty list (the seed\'s quirk)', { ids: [] }, { externalIds: 'At least one external ID is required' }],
      ['a non-string id', { ids: [products.second.id, 42] }, { ids: 'each value in ids must be a string' }],
      ['an empty id', { ids: [''] }, { ids: 'each value in ids should not be empty' }],
      ['more ids than the batch limit', { ids: Array.from({ length: 101 }, (_, i) => `id-${i}`) }, { ids: 'ids must contain no more than 100 elements' }],
      ['malformed JSON', '{"ids": [', { body: 'Request body must be valid JSON' }]
    ])('%s', async (_name, body, validationErrors) => {
      const before = snapshot(mock.app)
      const response = await remove(body)
      expect(response.statusCode).toBe(400)
      expect(response.json().error).toEqual({
        code: 'VAL_001',
        message: 'Validation failed',
        details: {
          timestamp: response.json().error.details.timestamp,
          hint: 'Please check your request data and try again',
          context: { validationErrors }
        }
      })
      expect(snapshot(mock.app)).toEqual(before)
    })

    it('follows TOCO_MAX_BATCH', async () => {
      await mock.app.close()
      mock.app = await createApp({ tocoMaxBatch: 2 })
      const before = snapshot(mock.app)
      const response = await remove({ ids: [products.second.id, products.third.id, products.seedSuccess.id] })
      expect(response.statusCode).toBe(400)
      expect(response.json().error.details.context.validationErrors).toEqual({ ids: 'ids must contain no more than 2 elements' })
      expect(snapshot(mock.app)).toEqual(before)
      const atTheLimit = await remove({ ids: [products.second.id, products.third.id] })
      expect(atTheLimit.statusCode).toBe(200)
      expect(atTheLimit.json().data.summary).toEqual({ total: 2, succeeded: 2, failed: 0 })
      expect(deletedAt(products.third.id)).not.toBeNull()
    })
  })

  it('checks the signature before the body: an unsigned malformed request learns only about auth', async () => {
    const before = snapshot(mock.app)
    const response = await mock.app.inject({ method: 'POST', url: `/api/v1${PATH}`, headers: { 'content-type': 'application/json' }, payload: '{"ids": [' })
    expect(response.statusCode).toBe(401)
    expect(response.json()).toMatchObject({ success: false, error: { code: 'AUTH_001', message: 'Missing authentication headers' } })
    expect(JSON.stringify(response.json())).not.toContain('VAL_001')
    expect(snapshot(mock.app)).toEqual(before)
  })
})
