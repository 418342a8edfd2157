/**
 * Finding 3: URLs are validated where they are accepted (absolute http(s), printable ASCII, no
 * control characters, length-capped), and the consent 302 can never fail after the approval
 * committed: a session whose redirect cannot be sent is refused before anything is written.
 */
import { describe, expect, it } from 'vitest'
import { isWebUrl } from '../../src/http/url.js'
import { DEMO, snapshot, toco, useApp } from '../helpers.js'
import { refusal } from '../waffo/support.js'

const mock = useApp()
const SESSIONS = '/partner/onboard/sessions'

const BAD = [
  ['CR/LF (header injection)', 'https://partner.example/cb\r\nSet-Cookie: x=1'],
  ['a bare LF', 'https://partner.example/cb\n'],
  ['a NUL', 'https://partner.example/\u0000cb'],
  ['a tab', 'https://partner.example/\tcb'],
  ['a space', 'https://partner.example/c b'],
  ['non-ASCII in the path', 'https://partner.example/caf\u00e9'],
  ['non-ASCII in the host', 'https://\u4f8b\u3048.jp/cb'],
  ['DEL', 'https://partner.example/cb\u007f'],
  ['a relative URL', '/callback'],
  ['no host', 'http:///cb'],
  ['port 0 (nothing listens there)', 'http://partner.example:0/cb'],
  ['too long', `https://partner.example/${'a'.repeat(2048)}`]
]

describe('isWebUrl', () => {
  it.each(BAD)('refuses %s', (_name, url) => expect(isWebUrl(url, 2048)).toBe(false))
  it('accepts absolute, percent-encoded http(s) URLs with query and fragment', () => {
    for (const url of ['https://partner.example/cb?x=caf%C3%A9&y=1#done', 'http://127.0.0.1:3000/cb', 'https://xn--r8jz45g.jp/cb']) {
      expect(isWebUrl(url, 2048), url).toBe(true)
    }
  })
})

describe('Toco redirectUri', () => {
  it.each(BAD)('%s → VAL_001 "redirectUri must be a URL address", no session', async (_name, redirectUri) => {
    const before = snapshot(mock.app)
    const response = await toco(mock.app, { path: SESSIONS, body: { redirectUri } })
    expect(response.statusCode).toBe(400)
    expect(response.json().error).toMatchObject({ code: 'VAL_001', message: 'Validation failed', details: { context: { validationErrors: { redirectUri: 'redirectUri must be a URL address' } } } })
    expect(snapshot(mock.app)).toEqual(before)
  })

  it('a stored session whose redirect cannot be sent: approving is refused (400 ONB_006) and binds nothing, uses nothing', async () => {
    const createdAt = new Date(mock.app.mock.clock.now()).toISOString()
    const loaded = await mock.app.inject({
      method: 'POST',
      url: '/__admin/fixtures',
      payload: { toco: { onboardSessions: [{ id: 'crlf', partnerClientId: DEMO.partner.clientId, redirectUri: 'https://partner.example/cb\r\nX: y', createdAt }] } }
    })
    expect(loaded.statusCode, loaded.body).toBe(200)
    const before = snapshot(mock.app)
    for (const request of [
      { method: 'GET' as const, url: '/api/v1/seller/onboard/crlf?autoApprove=1' },
      { method: 'POST' as const, url: '/api/v1/seller/onboard/crlf', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'store=new&period=30' }
    ]) {
      const response = await mock.app.inject(request)
      expect(response.statusCode).toBe(400)
      expect(response.headers.location).toBeUndefined()
      expect(response.headers['content-type']).toBe('text/html; charset=utf-8')
      expect(response.body).toContain('Invalid redirect address')
      expect(response.body).toContain('ONB_006')
    }
    expect(snapshot(mock.app)).toEqual(before)
  })
})

describe('Waffo successUrl', () => {
  it.each(BAD.filter(([name]) => name !== 'too long'))('%s → 400 naming the rule, nothing written', async (_name, successUrl) => {
    const before = snapshot(mock.app)
    expect(await refusal(mock.app, 'onetime-product/create-product', { storeId: DEMO.waffoStores.clean, name: 'P', prices: { USD: { amount: '1.00', taxCategory: 'saas' } }, successUrl }))
      .toEqual([400, 'Invalid successUrl: expected an http(s) URL of at most 512 characters', 'product'])
    expect(snapshot(mock.app)).toEqual(before)
  })
})
