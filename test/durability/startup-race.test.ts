/**
 * Two servers started together on a new file database: the second must wait for the first's
 * migration and seed, not repeat them. The first start is played by a child holding its
 * migration transaction open; the second is openDatabase in this process, started inside it.
 */
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, expect, it } from 'vitest'
import { MIGRATIONS } from '../../src/apis/index.js'
import { createDatabase, tempDir, withDb, writeCatalogueFixture } from './support.js'

const tmp = tempDir()
afterAll(() => tmp.remove())

it('a second first start during the first one\'s migration waits for it instead of failing', async () => {
  const dbPath = join(tmp.dir, 'new.sqlite')
  const { file: fixtures } = writeCatalogueFixture(tmp.dir, 3)
  const first = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('first-start.ts', import.meta.url)), dbPath, fixtures], {
    stdio: ['ignore', 'pipe', 'inherit']
  })
  const exited = once(first, 'exit')
  try {
    // "open": the migration transaction holds the write lock.
    await Promise.race([once(first.stdout, 'data'), exited.then(() => { throw new Error('first-start.ts exited early') })])
    // Blocks this thread until the first commits (busy_timeout 5 s; the child holds ~1 s).
    expect(() => createDatabase(dbPath, fixtures)).not.toThrow()
    const [code] = await exited
    expect(code).toBe(0)
    withDb(dbPath, (db) => {
      expect(db.prepare('SELECT module, version FROM schema_versions ORDER BY module').all())
        .toEqual(MIGRATIONS.map(({ name, steps }) => ({ module: name, version: steps.length })).sort((a, b) => a.module.localeCompare(b.module)))
      expect(db.prepare('SELECT count(*) FROM toco_partners').pluck().get()).toBe(2)
    })
  } finally {
    first.kill('SIGKILL')
    await exited
  }
})
