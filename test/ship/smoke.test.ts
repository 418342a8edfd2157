/** examples/smoke.mjs (the compose consumer's script, and `npm run smoke` in CI) against a listening mock. */
import { execFile } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, expect, it } from 'vitest'
import { tempDir } from '../durability/support.js'
import { DEMO, toco, useListeningApp } from '../helpers.js'
import { ROOT } from '../support/process.js'

const server = useListeningApp()
const tmp = tempDir()
afterAll(tmp.remove)

const smoke = (env: Record<string, string>) => promisify(execFile)(process.execPath, [join(ROOT, 'examples', 'smoke.mjs')], { env: { PATH: process.env.PATH, MOCK_URL: server.url, ...env } })
  .then(({ stdout, stderr }) => ({ code: 0, stdout, stderr }), (error) => ({ code: error.code as number, stdout: error.stdout as string, stderr: error.stderr as string }))

it('resets, makes one signed call per API, asserts, and changes the state it says', async () => {
  // Dirty state first: the script's reset must undo it before its calls.
  expect((await toco(server.app, { path: `/partner/stores/${DEMO.unbindStore.storeClientId}/unbind` })).statusCode).toBe(200)
  const first = await smoke({})
  expect(first).toEqual({ code: 0, stderr: '', stdout: `ok reset\nok toco unbind\nok waffo delete-store\nsmoke passed against ${server.url}: reset, toco unbind, waffo delete-store\n` })
  const db = server.app.mock.db
  expect(db.prepare('SELECT revoked_at FROM toco_store_tokens WHERE token = ?').pluck().get(DEMO.unbindStore.storeToken)).not.toBeNull()
  expect(db.prepare('SELECT deleted_at FROM waffo_stores WHERE id = ?').pluck().get(DEMO.waffoStores.clean)).not.toBeNull()
  // Run again on the changed state: its reset makes it repeatable.
  expect((await smoke({})).code).toBe(0)
})

it('fails, naming the call, when a signature does not verify', async () => {
  const fixtures = JSON.parse(readFileSync(join(ROOT, 'fixtures', 'default.json'), 'utf8'))
  fixtures.toco.partners[0].secretKey = 'not-the-secret-the-mock-has'
  const file = join(tmp.dir, 'wrong-secret.json')
  writeFileSync(file, JSON.stringify(fixtures))
  const result = await smoke({ FIXTURES_FILE: file })
  expect(result.code).toBe(1)
  expect(result.stdout).toBe('ok reset\n')
  expect(result.stderr).toMatch(/^smoke: FAILED: toco unbind: expected 200 with data\.status "unbound" \(HTTP 401 \{"success":false/)
})
