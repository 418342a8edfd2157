/** Unbind Store (DESIGN §3.3): every branch, with the database state afterwards. */
import { describe, expect, it } from 'vitest'
import { DEMO, snapshot, toco, useApp } from '../helpers.js'

const mock = useApp()

const unbind = (storeClientId: string, partner: { clientId: string, secretKey: string } = DEMO.partner) =>
  toco(mock.app, { path: `/partner/stores/${storeClientId}/unbind`, partner })

const storeState = (storeClientId: string) => ({
  authorizations: mock.app.mock.db.prepare('SELECT * FROM toco_store_authorizations WHERE store_client_id = ?').all(storeClientId),
  tokens: mock.app.mock.db.prepare('SELECT token, revoked_at FROM toco_store_tokens WHERE store_client_id = ?').all(storeClientId),
  products: mock.app.mock.db.prepare('SELECT count(*) AS n FROM toco_products WHERE store_client_id = ?').pluck().get(storeClientId)
})

describe('POST /api/v1/partner/stores/:storeId/unbind', () => {
  it('deletes the authorization and revokes the token, in one go, keeping the catalogue', async () => {
    const { storeClientId } = DEMO.catalogueStore
    expect(storeState(storeClientId).authorizations).toHaveLength(1)
    mock.app.mock.clock.freeze(Date.parse('2026-03-01T10:00:00.000Z'))

    const response = await unbind(storeClientId)
    expect(response.statusCode).toBe(200)
    expect(response.json().data).toEqual({ storeClientId, status: 'unbound' })

    const after = storeState(storeClientId)
    expect(after.authorizations).toEqual([])
    expect(after.tokens).toEqual([{ token: DEMO.catalogueStore.storeToken, revoked_at: '2026-03-01T10:00:00.000Z' }])
    expect(after.products).toBe(5)
  })

  it('makes every later store-scoped call with the old token fail auth (AUTH_005)', async () => {
    await unbind(DEMO.catalogueStore.storeClientId)
    const before = snapshot(mock.app)
    const response = await toco(mock.app, {
      path: '/partner/stores/products/deletions', body: { ids: [DEMO.products.seedSuccess.id] }, store: DEMO.catalogueStore
    })
    expect(response.statusCode).toBe(401)
    expect(response.json().error).toMatchObject({
      code: 'AUTH_005',
      message: 'Invalid or revoked store token',
      details: { context: { storeClientId: DEMO.catalogueStore.storeClientId } }
    })
    expect(snapshot(mock.app)).toEqual(before)
  })

  it('answers STORE_021 for a store unbound in the fixtures, and changes nothing', async () => {
    const before = snapshot(mock.app)
    const response = await unbind(DEMO.unboundStore.storeClientId)
    expect(response.statusCode).toBe(409)
    expect(response.json()).toMatchObject({ success: false })
    expect(response.json().error).toMatchObject({
      code: 'STORE_021',
      message: 'Store inactive or deleted',
      details: { hint: 'Store is already unbound', context: { storeClientId: DEMO.unboundStore.storeClientId } }
    })
    expect(snapshot(mock.app)).toEqual(before)
  })

  it('answers STORE_020 for another partner\'s store and leaves it bound', async () => {
    const before = snapshot(mock.app)
    const response = await unbind(DEMO.otherPartnersStore.storeClientId)
    expect(response.statusCode).toBe(404)
    expect(response.json().error).toMatchObject({
      code: 'STORE_020',
      message: 'Store ID not found',
      details: { hint: 'Store not found or does not belong to this partner', context: { storeClientId: 'str_AbCOther01' } }
    })
    expect(snapshot(mock.app)).toEqual(before)
    expect(storeState(DEMO.otherPartnersStore.storeClientId).authorizations).toHaveLength(1)
  })

  it('lets the owning partner unbind the store the other partner could not see', async () => {
    const { storeClientId, storeToken } = DEMO.otherPartnersStore
    expect((await unbind(storeClientId)).json().error.code).toBe('STORE_020')
    mock.app.mock.clock.freeze(Date.parse('2026-03-02T09:30:00.000Z'))
    const response = await unbind(storeClientId, DEMO.otherPartner)
    expect(response.statusCode).toBe(200)
    expect(response.json()).toMatchObject({ success: true, message: 'Store unbound successfully', data: { storeClientId, status: 'unbound' } })
    expect(storeState(storeClientId)).toMatchObject({ authorizations: [], tokens: [{ token: storeToken, revoked_at: '2026-03-02T09:30:00.000Z' }] })
    // The demo partner's stores are untouched.
    expect(storeState(DEMO.catalogueStore.storeClientId).authorizations).toHaveLength(1)
  })

  it('does not need store headers, and signs a URL-encoded store id as sent', async () => {
    const before = snapshot(mock.app)
    const response = await toco(mock.app, { path: '/partner/stores/str%20nope/unbind' })
    expect(response.statusCode).toBe(404)
    expect(response.json().error).toMatchObject({ code: 'STORE_020', details: { context: { storeClientId: 'str nope' } } })
    expect(snapshot(mock.app)).toEqual(before)
  })

  it('answers a store id of any length with STORE_020, and a malformed escape in its own envelope', async () => {
    const before = snapshot(mock.app)
    const long = 'x'.repeat(500)
    const tooLong = await unbind(long)
    expect(tooLong.statusCode).toBe(404)
    expect(tooLong.json().error).toMatchObject({ code: 'STORE_020', message: 'Store ID not found', details: { context: { storeClientId: long } } })
    const response = await mock.app.inject({ method: 'POST', url: '/api/v1/partner/stores/%/unbind' })
    expect(response.statusCode).toBe(400)
    expect(response.json()).toMatchObject({ success: false, error: { code: 'BAD_REQUEST', message: 'Bad request' } })
    expect(snapshot(mock.app)).toEqual(before)
  })
})
