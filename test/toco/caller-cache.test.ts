/**
 * The HMAC guard answers who a caller is from memory (src/apis/toco/repo/partners.ts, issue 21):
 * every write to the partners, stores or tokens, by a route, by SQL or by another process on the
 * same file, and every move of the clock past (or back before) a token's expiry must still be
 * seen by the very next request.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import type { App } from '../../src/app.js'
import { appForTest, DEMO, toco, useApp } from '../helpers.js'

const T0 = Date.parse('2026-03-01T10:00:00.000Z')
const EXPIRES = '2026-03-01T11:00:00.000Z'
const deletions = (app: App, store: { storeClientId: string, storeToken: string } = DEMO.catalogueStore, partner: { clientId: string, secretKey: string } = DEMO.partner) =>
  toco(app, { path: '/partner/stores/products/deletions', body: { ids: ['nope'] }, store, partner })
const code = async (response: ReturnType<typeof deletions>) => {
  const answer = await response
  return answer.statusCode === 200 ? 'OK' : answer.json().error.code as string
}

describe('the guard\'s caller cache', () => {
  const mock = useApp()

  it('follows the mock clock across a token\'s expiry, forwards and back', async () => {
    const { app } = mock
    app.mock.clock.freeze(T0)
    app.mock.db.prepare('UPDATE toco_store_tokens SET expires_at = ? WHERE token = ?').run(EXPIRES, DEMO.catalogueStore.storeToken)
    expect(await code(deletions(app))).toBe('OK')
    app.mock.clock.freeze(Date.parse(EXPIRES) - 1)
    expect(await code(deletions(app))).toBe('OK')
    app.mock.clock.freeze(Date.parse(EXPIRES))
    expect(await code(deletions(app))).toBe('AUTH_005')
    // Set back: the token is live again, as the SQL would say.
    app.mock.clock.freeze(Date.parse(EXPIRES) - 60_000)
    expect(await code(deletions(app))).toBe('OK')
  })

  it('sees a token revoked, a secret changed and a store moved by plain SQL at the next request', async () => {
    const { app } = mock
    expect(await code(deletions(app))).toBe('OK')
    app.mock.db.prepare('UPDATE toco_store_tokens SET revoked_at = ? WHERE token = ?').run('2026-01-01T00:00:00.000Z', DEMO.catalogueStore.storeToken)
    expect(await code(deletions(app))).toBe('AUTH_005')
    app.mock.db.prepare('UPDATE toco_store_tokens SET revoked_at = NULL WHERE token = ?').run(DEMO.catalogueStore.storeToken)
    expect(await code(deletions(app))).toBe('OK')

    app.mock.db.prepare('UPDATE toco_partners SET secret_key = ? WHERE client_id = ?').run('a new secret', DEMO.partner.clientId)
    expect(await code(deletions(app))).toBe('AUTH_004')
    expect(await code(deletions(app, DEMO.catalogueStore, { clientId: DEMO.partner.clientId, secretKey: 'a new secret' }))).toBe('OK')
    app.mock.db.prepare('UPDATE toco_partners SET secret_key = ? WHERE client_id = ?').run(DEMO.partner.secretKey, DEMO.partner.clientId)

    app.mock.db.prepare('UPDATE toco_stores SET partner_client_id = ? WHERE store_client_id = ?').run(DEMO.otherPartner.clientId, DEMO.catalogueStore.storeClientId)
    expect(await code(deletions(app))).toBe('AUTH_006')
  })

  it('sees a partner-scoped caller appear and a store unbound through the API', async () => {
    const { app } = mock
    const newcomer = { clientId: 'ptnr_Newcomer01', secretKey: 'newcomer secret' }
    const unbind = () => toco(app, { path: `/partner/stores/${DEMO.unbindStore.storeClientId}/unbind`, partner: newcomer })
    expect((await unbind()).json().error.code).toBe('AUTH_002')
    app.mock.db.prepare("INSERT INTO toco_partners (client_id, secret_key, name, created_at) VALUES (?, ?, 'Newcomer', '2026-01-01T00:00:00.000Z')")
      .run(newcomer.clientId, newcomer.secretKey)
    expect((await unbind()).json().error.code).toBe('STORE_020')

    expect(await code(deletions(app, DEMO.unbindStore))).toBe('OK')
    const unbound = await toco(app, { path: `/partner/stores/${DEMO.unbindStore.storeClientId}/unbind` })
    expect(unbound.statusCode).toBe(200)
    expect(await code(deletions(app, DEMO.unbindStore))).toBe('AUTH_005')
  })
})

describe('on a database file another process writes to', () => {
  const dir = mkdtempSync(join(tmpdir(), 'caller-cache-'))
  let app: App | undefined
  afterEach(async () => { await app?.close() })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('sees the other process revoke the token', async () => {
    const path = join(dir, 'mock.db')
    app = await appForTest({ dbPath: path })
    expect(await code(deletions(app))).toBe('OK')
    const other = new Database(path)
    other.prepare('UPDATE toco_store_tokens SET revoked_at = ? WHERE token = ?').run('2026-01-01T00:00:00.000Z', DEMO.catalogueStore.storeToken)
    other.close()
    expect(await code(deletions(app))).toBe('AUTH_005')
  })
})
