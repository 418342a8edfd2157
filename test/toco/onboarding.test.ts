/** Onboarding (guide §1.1) and the seller consent flow at onboardUrl: bodies, pages and database state. */
import { describe, expect, it } from 'vitest'
import { DEMO, ISO_MS, snapshot, toco, useApp, UUID_V4 } from '../helpers.js'
import { credentialsFrom, onboard, pathOf, REDIRECT, row, rows, startSession } from './support.js'

const mock = useApp()
const T0 = Date.parse('2026-03-01T10:00:00.000Z')
const SESSIONS = '/partner/onboard/sessions'
const deletions = (store: { storeClientId: string, storeToken: string }) =>
  toco(mock.app, { path: '/partner/stores/products/deletions', body: { ids: ['nope'] }, store })

describe('POST /api/v1/partner/onboard/sessions', () => {
  it('answers an absolute onboardUrl served by the mock, expiring 3 minutes later on the mock clock', async () => {
    mock.app.mock.clock.freeze(T0)
    const response = await toco(mock.app, { path: SESSIONS, body: { redirectUri: REDIRECT } })
    expect(response.statusCode).toBe(200)
    const body = response.json()
    expect(Object.keys(body)).toEqual(['success', 'message', 'requestId', 'meta', 'data'])
    expect(body.message).toBe('Onboard session created successfully')
    expect(body.meta).toEqual({ timestamp: '2026-03-01T10:00:00.000Z' })
    const { sessionId } = body.data
    expect(sessionId).toMatch(UUID_V4)
    expect(body.data).toEqual({
      sessionId,
      onboardUrl: `http://localhost:80/api/v1/seller/onboard/${sessionId}`,
      redirectUri: REDIRECT,
      expiresAt: '2026-03-01T10:03:00.000Z',
      status: 'pending'
    })
    expect(row(mock.app, 'SELECT * FROM toco_onboard_sessions WHERE id = ?', sessionId)).toEqual({
      id: sessionId,
      partner_client_id: DEMO.partner.clientId,
      redirect_uri: REDIRECT,
      created_at: '2026-03-01T10:00:00.000Z',
      expires_at: '2026-03-01T10:03:00.000Z',
      completed_at: null,
      store_client_id: null
    })
  })

  it('derives the onboardUrl origin from the request\'s Host', async () => {
    const response = await toco(mock.app, { path: SESSIONS, body: { redirectUri: REDIRECT }, headers: { host: 'mock.test:9999' } })
    expect(response.json().data.onboardUrl).toMatch(/^http:\/\/mock\.test:9999\/api\/v1\/seller\/onboard\//)
  })

  it('needs the partner signature only (no store headers)', async () => {
    const unsigned = await mock.app.inject({ method: 'POST', url: `/api/v1${SESSIONS}`, payload: { redirectUri: REDIRECT } })
    expect(unsigned.statusCode).toBe(401)
    expect(unsigned.json().error.code).toBe('AUTH_001')
    expect(unsigned.json().error.details.context).toEqual({ missingHeaders: ['x-partner-client-id', 'x-timestamp', 'x-signature'] })
  })

  it.each([
    ['no body', undefined, 'redirectUri should not be empty'],
    ['no redirectUri', {}, 'redirectUri should not be empty'],
    ['an empty one', { redirectUri: ' ' }, 'redirectUri should not be empty'],
    ['a number', { redirectUri: 42 }, 'redirectUri should not be empty'],
    ['not a URL', { redirectUri: 'bigseller.com/callback' }, 'redirectUri must be a URL address'],
    ['another scheme', { redirectUri: 'javascript:alert(1)' }, 'redirectUri must be a URL address']
  ])('VAL_001 for %s, nothing written', async (_name, body, message) => {
    const before = snapshot(mock.app)
    const response = await toco(mock.app, { path: SESSIONS, body })
    expect(response.statusCode).toBe(400)
    expect(response.json().error).toMatchObject({ code: 'VAL_001', message: 'Validation failed', details: { context: { validationErrors: { redirectUri: message } } } })
    expect(snapshot(mock.app)).toEqual(before)
  })
})

describe('the consent page at onboardUrl', () => {
  it('shows the partner, a new store and the partner\'s unbound stores, the periods and an Authorize button', async () => {
    const session = await startSession(mock.app)
    const page = await mock.app.inject({ url: pathOf(session.onboardUrl) })
    expect(page.statusCode).toBe(200)
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(page.body).toContain('Connect your store to Demo Partner (BigSeller-like)')
    expect(page.body).toContain('value="new" checked')
    // str_9xyZ is the partner's unbound store; its bound stores and the other partner's are not offered.
    expect(page.body).toContain('value="str_9xyZ"')
    for (const hidden of ['str_bG7SUfKOqSQt', 'str_TGIxyboe7-Rz', 'str_AbCOther01']) expect(page.body).not.toContain(hidden)
    expect(page.body).toMatch(/<option value="365" selected>1 year<\/option>/)
    expect(page.body).toContain('<button type="submit">Authorize</button>')
    expect(page.body).toContain(`action="/api/v1/seller/onboard/${session.sessionId}"`)
  })

  it('autoApprove=1 binds a new store at once: 302 to redirectUri, its query kept, credentials and session id added', async () => {
    mock.app.mock.clock.freeze(T0)
    const session = await startSession(mock.app)
    const response = await mock.app.inject({ url: `${pathOf(session.onboardUrl)}?autoApprove=1` })
    expect(response.statusCode).toBe(302)
    const location = response.headers.location as string
    expect(location.startsWith(`${REDIRECT}&storeClientId=`)).toBe(true)
    const credentials = credentialsFrom(location)
    expect(new URL(location).searchParams.get('redirect')).toBe('/shopset/toco')
    expect(credentials.storeClientId).toMatch(/^str_[\w-]{12}$/)
    expect(credentials.storeToken).toMatch(/^stkn_[\w-]{16}$/)
    expect(credentials.sessionId).toBe(session.sessionId)
    expect(row(mock.app, 'SELECT partner_client_id, name FROM toco_stores WHERE store_client_id = ?', credentials.storeClientId))
      .toEqual({ partner_client_id: DEMO.partner.clientId, name: `Toko ${credentials.storeClientId.slice(4)}` })
    expect(row(mock.app, 'SELECT * FROM toco_store_tokens WHERE store_client_id = ?', credentials.storeClientId)).toEqual({
      token: credentials.storeToken,
      store_client_id: credentials.storeClientId,
      issued_at: '2026-03-01T10:00:00.000Z',
      revoked_at: null,
      expires_at: '2027-03-01T10:00:00.000Z'
    })
    expect(row(mock.app, 'SELECT completed_at, store_client_id FROM toco_onboard_sessions WHERE id = ?', session.sessionId))
      .toEqual({ completed_at: '2026-03-01T10:00:00.000Z', store_client_id: credentials.storeClientId })
    // The new credentials work on a store-scoped route.
    expect((await deletions(credentials)).json().data.summary).toEqual({ total: 1, succeeded: 0, failed: 1 })
  })

  it('HEAD never approves; a fixture session with a redirectUri that is no URL still gets its page', async () => {
    const session = await startSession(mock.app)
    const head = await mock.app.inject({ method: 'HEAD', url: `${pathOf(session.onboardUrl)}?autoApprove=1` })
    expect(head.statusCode).toBe(200)
    expect(row(mock.app, 'SELECT completed_at FROM toco_onboard_sessions WHERE id = ?', session.sessionId)).toEqual({ completed_at: null })
    await mock.app.inject({ method: 'POST', url: '/__admin/fixtures', payload: { toco: { onboardSessions: [{ id: 'odd', partnerClientId: DEMO.partner.clientId, redirectUri: 'not a url', createdAt: new Date(mock.app.mock.clock.now()).toISOString() }] } } })
    const page = await mock.app.inject({ url: '/api/v1/seller/onboard/odd' })
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('You will return to not a url.')
  })

  it('keeps a redirectUri\'s fragment after the added query', async () => {
    const session = await startSession(mock.app, DEMO.partner, 'https://partner.example/cb#done')
    const response = await mock.app.inject({ url: `${pathOf(session.onboardUrl)}?autoApprove=1` })
    expect(response.headers.location).toMatch(/^https:\/\/partner\.example\/cb\?storeClientId=str_[\w-]{12}&storeToken=stkn_[\w-]{16}&sessionId=[\w-]+#done$/)
  })

  it('re-binds an unbound store: same storeClientId, a fresh token that works, the old one stays dead', async () => {
    expect((await deletions(DEMO.unboundStore)).json().error.code).toBe('AUTH_005')
    const credentials = await onboard(mock.app, DEMO.unboundStore.storeClientId)
    expect(credentials.storeClientId).toBe(DEMO.unboundStore.storeClientId)
    expect(credentials.storeToken).not.toBe(DEMO.unboundStore.storeToken)
    expect((await deletions(credentials)).statusCode).toBe(200)
    expect((await deletions(DEMO.unboundStore)).json().error.code).toBe('AUTH_005')
    expect(rows(mock.app, 'SELECT token, revoked_at IS NOT NULL AS revoked FROM toco_store_tokens WHERE store_client_id = ? ORDER BY rowid', credentials.storeClientId))
      .toEqual([{ token: DEMO.unboundStore.storeToken, revoked: 1 }, { token: credentials.storeToken, revoked: 0 }])
  })

  it('the form: picks the store and the period, names a new store', async () => {
    mock.app.mock.clock.freeze(T0)
    const session = await startSession(mock.app)
    const response = await mock.app.inject({
      method: 'POST',
      url: pathOf(session.onboardUrl),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'store=new&storeName=Toko+Baru+Saya&period=30'
    })
    expect(response.statusCode).toBe(302)
    const { storeClientId, storeToken } = credentialsFrom(response.headers.location as string)
    expect(row(mock.app, 'SELECT name FROM toco_stores WHERE store_client_id = ?', storeClientId)).toEqual({ name: 'Toko Baru Saya' })
    expect(row(mock.app, 'SELECT expires_at FROM toco_store_tokens WHERE token = ?', storeToken)).toEqual({ expires_at: '2026-03-31T10:00:00.000Z' })
  })

  it('a token past its authorization period is refused (AUTH_005)', async () => {
    mock.app.mock.clock.freeze(T0)
    const session = await startSession(mock.app)
    const response = await mock.app.inject({ url: `${pathOf(session.onboardUrl)}?autoApprove=1&period=30` })
    const credentials = credentialsFrom(response.headers.location as string)
    mock.app.mock.clock.advance(30 * 86_400_000 - 1)
    expect((await deletions(credentials)).statusCode).toBe(200)
    mock.app.mock.clock.advance(1)
    expect((await deletions(credentials)).json().error.code).toBe('AUTH_005')
  })

  describe('no binding: an HTML error page, nothing written', () => {
    const refused = async (url: string, status: number, code: string, title: string, method: 'GET' | 'POST' = 'GET') => {
      const before = snapshot(mock.app)
      const response = await mock.app.inject({ method, url, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: method === 'POST' ? 'store=new' : undefined })
      expect(response.statusCode).toBe(status)
      expect(response.headers['content-type']).toBe('text/html; charset=utf-8')
      expect(response.headers.location).toBeUndefined()
      expect(response.body).toContain(`<h1>${title}</h1>`)
      expect(response.body).toContain(code)
      expect(snapshot(mock.app)).toEqual(before)
    }

    it('unknown session', async () => {
      await refused('/api/v1/seller/onboard/not-a-session?autoApprove=1', 404, 'ONB_001', 'Onboarding session not found')
      await refused('/api/v1/seller/onboard/not-a-session', 404, 'ONB_001', 'Onboarding session not found')
    })

    it('expired: valid for 3 minutes less 1 ms, refused at 3 minutes, by page, form and autoApprove', async () => {
      mock.app.mock.clock.freeze(T0)
      const session = await startSession(mock.app)
      mock.app.mock.clock.advance(180_000 - 1)
      expect((await mock.app.inject({ url: pathOf(session.onboardUrl) })).statusCode).toBe(200)
      mock.app.mock.clock.advance(1)
      await refused(pathOf(session.onboardUrl), 410, 'ONB_002', 'Onboarding session expired')
      await refused(`${pathOf(session.onboardUrl)}?autoApprove=1`, 410, 'ONB_002', 'Onboarding session expired')
      await refused(pathOf(session.onboardUrl), 410, 'ONB_002', 'Onboarding session expired', 'POST')
    })

    it('reused', async () => {
      const session = await startSession(mock.app)
      expect((await mock.app.inject({ url: `${pathOf(session.onboardUrl)}?autoApprove=1` })).statusCode).toBe(302)
      await refused(`${pathOf(session.onboardUrl)}?autoApprove=1`, 409, 'ONB_003', 'Onboarding session already used')
      await refused(pathOf(session.onboardUrl), 409, 'ONB_003', 'Onboarding session already used', 'POST')
    })

    it.each([
      ['a bound store of the partner', DEMO.catalogueStore.storeClientId],
      ['another partner\'s store', DEMO.otherPartnersStore.storeClientId],
      ['an unknown store', 'str_nobody']
    ])('%s', async (_name, store) => {
      const session = await startSession(mock.app)
      await refused(`${pathOf(session.onboardUrl)}?autoApprove=1&store=${store}`, 400, 'ONB_004', 'Store cannot be connected')
      expect(row(mock.app, 'SELECT completed_at FROM toco_onboard_sessions WHERE id = ?', session.sessionId)).toEqual({ completed_at: null })
    })

    it('a period that is not offered', async () => {
      const session = await startSession(mock.app)
      await refused(`${pathOf(session.onboardUrl)}?autoApprove=1&period=7`, 400, 'ONB_005', 'Invalid authorization period')
    })
  })

  it('escapes what it shows', async () => {
    await mock.app.inject({ method: 'POST', url: '/__admin/fixtures', payload: { toco: { partners: [{ clientId: 'ptnr_x', secretKey: 's', name: '<script>alert(1)</script>' }] } } })
    const session = await startSession(mock.app, { clientId: 'ptnr_x', secretKey: 's' })
    const page = await mock.app.inject({ url: pathOf(session.onboardUrl) })
    expect(page.body).not.toContain('<script>alert(1)</script>')
    expect(page.body).toContain('&#60;script&#62;alert(1)&#60;/script&#62;')
  })

  it('the journal records the page as public, with the declared reason', async () => {
    const session = await startSession(mock.app)
    await mock.app.inject({ url: pathOf(session.onboardUrl) })
    const { requests } = (await mock.app.inject({ url: '/__admin/requests?limit=1' })).json()
    expect(requests[0]).toMatchObject({ method: 'GET', status: 200, auth: { outcome: 'public', code: null, reason: expect.stringContaining('seller consent page') } })
    expect(session.expiresAt).toMatch(ISO_MS)
  })
})
