/**
 * Finding 4: a web page cannot drive the token-less control plane. Bodies must be
 * application/json (415), a foreign Origin is refused (403), and the Host must be an IP literal,
 * localhost, the bound host or one of ADMIN_ALLOWED_HOSTS (403), so DNS rebinding reads nothing.
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { App } from '../../src/app.js'
import { hostAllowed } from '../../src/admin/guard.js'
import { loadConfig } from '../../src/config.js'
import { appForTest, snapshot } from '../helpers.js'

let app: App | undefined
afterEach(async () => { await app?.close(); app = undefined })

const drop = { path: '*', drop: true }

describe('admin bodies: application/json only', () => {
  it.each(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonx', 'text/json'])(
    'a %s POST /__admin/faults (a cross-site "simple" request) is 415 and adds no rule', async (type) => {
      app = await appForTest()
      const response = await app.inject({ method: 'POST', url: '/__admin/faults', headers: { 'content-type': type }, payload: JSON.stringify(drop) })
      expect(response.statusCode).toBe(415)
      expect(response.json()).toEqual({ error: { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Content-Type must be application/json' } })
      expect((await app.inject({ method: 'GET', url: '/__admin/faults' })).json()).toEqual({ faults: [] })
    })

  it('a text/plain fixtures merge changes nothing; a body without any Content-Type is 415 too', async () => {
    app = await appForTest()
    const before = snapshot(app)
    const doc = JSON.stringify({ toco: { partners: [{ clientId: 'ptnr_evil', secretKey: 'x' }] } })
    const plain = await app.inject({ method: 'POST', url: '/__admin/fixtures?mode=merge', headers: { 'content-type': 'text/plain;charset=UTF-8' }, payload: doc })
    expect(plain.statusCode).toBe(415)
    const bare = await app.inject({ method: 'POST', url: '/__admin/reset', payload: Buffer.from('{}') })
    expect(bare.statusCode).toBe(415)
    expect(bare.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE')
    expect(snapshot(app)).toEqual(before)
  })

  it('application/json with a charset, and a bodiless POST, still work', async () => {
    app = await appForTest()
    const added = await app.inject({ method: 'POST', url: '/__admin/faults', headers: { 'content-type': 'application/json; charset=utf-8' }, payload: JSON.stringify({ path: '/nowhere', respond: { status: 503 } }) })
    expect(added.statusCode).toBe(201)
    expect((await app.inject({ method: 'POST', url: '/__admin/reset' })).json()).toMatchObject({ status: 'reset' })
  })
})

describe('Origin: only the mock\'s own', () => {
  it('a foreign Origin (or "null") is 403 and nothing changes, even with a JSON body', async () => {
    app = await appForTest()
    for (const origin of ['https://evil.example', 'null', 'http://localhost:9999']) {
      const response = await app.inject({ method: 'POST', url: '/__admin/faults', headers: { host: 'localhost:8080', origin }, payload: drop })
      expect(response.statusCode).toBe(403)
      expect(response.json()).toEqual({ error: { code: 'ADMIN_ORIGIN_REFUSED', message: `Origin ${JSON.stringify(origin)} is not this mock's origin; the control plane refuses cross-site requests` } })
    }
    expect((await app.inject({ method: 'GET', url: '/__admin/faults' })).json()).toEqual({ faults: [] })
  })

  it('the dashboard\'s own origin is allowed', async () => {
    app = await appForTest()
    const response = await app.inject({ method: 'POST', url: '/__admin/faults', headers: { host: '127.0.0.1:8080', origin: 'http://127.0.0.1:8080' }, payload: { path: '/nowhere', respond: { status: 503 } } })
    expect(response.statusCode).toBe(201)
  })
})

describe('Host: no DNS rebinding', () => {
  it('GET /__admin/state with Host: attacker.example is 403 without the state; health still answers', async () => {
    app = await appForTest()
    const response = await app.inject({ method: 'GET', url: '/__admin/state', headers: { host: 'attacker.example:8080' } })
    expect(response.statusCode).toBe(403)
    expect(response.json()).toEqual({ error: { code: 'ADMIN_HOST_REFUSED', message: 'Host "attacker.example:8080" may not reach the control plane; list it in ADMIN_ALLOWED_HOSTS' } })
    expect(response.body).not.toContain('ptnr_')
    const health = await app.inject({ method: 'GET', url: '/__admin/health', headers: { host: 'attacker.example:8080' } })
    expect(health.json()).toEqual({ status: 'ok' })
    // The APIs are not the control plane: they answer any Host, as upstream does.
    expect((await app.inject({ method: 'POST', url: '/v1/actions/store/delete-store', headers: { host: 'attacker.example' } })).statusCode).toBe(401)
  })

  it('ADMIN_ALLOWED_HOSTS adds names (a compose service), `*` allows any', async () => {
    app = await appForTest({ adminAllowedHosts: ['toco-waffo-mock'] })
    expect((await app.inject({ method: 'GET', url: '/__admin/clock', headers: { host: 'toco-waffo-mock:8080' } })).statusCode).toBe(200)
    expect((await app.inject({ method: 'GET', url: '/__admin/clock', headers: { host: 'other:8080' } })).statusCode).toBe(403)
    expect(loadConfig({ ADMIN_ALLOWED_HOSTS: 'a.test, b.test' }).adminAllowedHosts).toEqual(['a.test', 'b.test'])
    expect(loadConfig({}).adminAllowedHosts).toEqual([])
  })

  it('the rule: IP literals, localhost, the bound host, the list', () => {
    const options = { boundHost: 'mock.internal', allowedHosts: ['ci-runner'] }
    for (const host of ['127.0.0.1:8080', '10.1.2.3', '[::1]:8080', 'localhost:1', 'app.localhost', 'MOCK.internal:80', 'ci-runner', 'localhost.']) {
      expect(hostAllowed(host, options), host).toBe(true)
    }
    for (const host of [undefined, '', 'evil.example', '127.0.0.1.evil.example', 'localhost.evil.example', 'ci-runner.evil']) {
      expect(hostAllowed(host, options), host).toBe(false)
    }
    expect(hostAllowed('anything', { boundHost: '0.0.0.0', allowedHosts: ['*'] })).toBe(true)
  })
})
