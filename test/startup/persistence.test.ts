/**
 * A file database across restarts of the real program: written state survives, the banner says
 * seeded or kept, other FIXTURES than the seeding ones are warned about, and RESET_ON_START reseeds.
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, expect, it, onTestFinished } from 'vitest'
import { DEFAULT_FIXTURES } from '../../src/config.js'
import { fixturesFingerprint } from '../../src/core/state-files/seeded.js'
import { readFixtures } from '../../src/apis/index.js'
import { signTocoRequest } from '../../src/signing/toco.js'
import { DEMO } from '../helpers.js'
import { bundledServer, runBundled } from '../support/bundle.js'
import { json, stop, waitFor } from '../support/process.js'
import { tempDir, withDb } from '../durability/support.js'

const tmp = tempDir()
afterAll(async () => {
  tmp.remove()
  ;(await bundledServer()).remove()
})

const dbPath = join(tmp.dir, 'mock.db')
const mine = join(tmp.dir, 'mine.json')
const MINE = {
  partner: { clientId: 'ptnr_mine', secretKey: 'mine-secret-key' },
  store: { storeClientId: 'str_mine', partnerClientId: 'ptnr_mine', storeToken: 'stkn_mine', status: 'bound', name: 'Mine' }
}
writeFileSync(mine, JSON.stringify({ toco: { partners: [MINE.partner], stores: [MINE.store] } }))

/** Starts the program on the file; resolves with its URL and banner once it listens. */
async function start (env: Record<string, string> = {}) {
  const run = await runBundled([], { PORT: '0', DB_PATH: dbPath, ...env })
  onTestFinished(() => stop(run.child))
  const [banner, url] = await waitFor(run, /listening on (http:\/\/127\.0\.0\.1:\d+)[\s\S]*\n\n(?:Credentials|Demo credentials)[^\n]*\n/)
  return {
    url: url!,
    banner: banner!,
    /** SIGTERM, and the exit code. */
    stop: async () => { run.child.kill('SIGTERM'); return run.exited }
  }
}

/** A signed Toco unbind, as a partner client sends it. */
async function unbind (url: string, partner: { clientId: string, secretKey: string }, storeClientId: string) {
  const path = `/partner/stores/${storeClientId}/unbind`
  const headers = signTocoRequest({ secretKey: partner.secretKey, method: 'POST', path, partnerClientId: partner.clientId })
  return json(await fetch(`${url}/api/v1${path}`, { method: 'POST', headers }))
}

const databaseLine = (state: string) => `  Database            ${dbPath} (${state})`
const WARNING = `  WARNING             ${dbPath} was seeded from other fixtures than these`

it('writes, restarts, reads; warns about other fixtures; RESET_ON_START reseeds', { timeout: 60_000 }, async () => {
  const first = await start()
  expect(first.banner).toContain(databaseLine('freshly seeded from the fixtures'))
  expect(await unbind(first.url, DEMO.partner, DEMO.unbindStore.storeClientId)).toMatchObject({ success: true, message: 'Store unbound successfully' })
  expect(await first.stop()).toBe(0)
  // On disk: the unbind revoked the token, and the file remembers which fixtures seeded it.
  withDb(dbPath, (db) => {
    expect(db.prepare('SELECT revoked_at FROM toco_store_tokens WHERE token = ?').pluck().get(DEMO.unbindStore.storeToken)).not.toBeNull()
    expect(db.prepare("SELECT value FROM mock_meta WHERE key = 'fixtures_sha256'").pluck().get()).toBe(fixturesFingerprint(readFixtures([DEFAULT_FIXTURES])))
  })

  const second = await start()
  expect(second.banner).toContain(databaseLine('kept: the state of the last run'))
  expect(second.banner).not.toContain('WARNING')
  // Its credentials and curls are the fixtures': the banner says the kept state may differ.
  expect(second.banner).toContain('Demo credentials (DEMO ONLY, from fixtures/default.json; the kept database may have changed them since, POST /__admin/reset restores them):')
  expect(first.banner).toContain('Demo credentials (DEMO ONLY, from fixtures/default.json):')
  const again = await unbind(second.url, DEMO.partner, DEMO.unbindStore.storeClientId)
  expect(again.error.code).toBe('STORE_021')
  expect(await second.stop()).toBe(0)

  // Other fixtures on the kept file: the old state is served, and the banner says so.
  const other = await start({ FIXTURES: mine })
  expect(other.banner).toContain(databaseLine('kept: the state of the last run'))
  expect(other.banner).toContain(`${WARNING}: it serves its old state, and\n` +
    '                      these fixtures apply only on POST /__admin/reset. Start with RESET_ON_START=1 (or --reset-on-start) to reseed it.\n')
  expect((await unbind(other.url, MINE.partner, MINE.store.storeClientId)).error).toMatchObject({ code: 'AUTH_002', message: 'Invalid partner client ID' })
  expect(await other.stop()).toBe(0)

  const reseeded = await start({ FIXTURES: mine, RESET_ON_START: '1' })
  expect(reseeded.banner).toContain(databaseLine('reseeded from the fixtures: RESET_ON_START'))
  expect(reseeded.banner).not.toContain('WARNING')
  expect(await unbind(reseeded.url, MINE.partner, MINE.store.storeClientId)).toMatchObject({ success: true })
  expect((await unbind(reseeded.url, DEMO.partner, DEMO.unbindStore.storeClientId)).error.code).toBe('AUTH_002')
  expect(await reseeded.stop()).toBe(0)

  // The reseeded file now belongs to these fixtures: kept without a warning, its writes still there.
  const kept = await start({ FIXTURES: mine })
  expect(kept.banner).toContain(databaseLine('kept: the state of the last run'))
  expect(kept.banner).not.toContain('WARNING')
  expect((await unbind(kept.url, MINE.partner, MINE.store.storeClientId)).error.code).toBe('STORE_021')
  expect(await kept.stop()).toBe(0)
  withDb(dbPath, (db) => {
    expect(db.prepare('SELECT client_id FROM toco_partners').pluck().all()).toEqual([MINE.partner.clientId])
  })
})
