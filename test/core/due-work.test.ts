/**
 * The due-time index over the ticks (src/core/context.ts): a request runs the ticks only when
 * the clock reaches their next due time or a table they watch was written, so a write elsewhere
 * (a product deleted) costs no due-work (issue 21).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import { APIS, MIGRATIONS, STATE_FILES } from '../../src/apis/index.js'
import { createClock } from '../../src/clock.js'
import { createState, type ApiRepos } from '../../src/core/context.js'
import { FaultBook } from '../../src/core/faults.js'
import { Journal } from '../../src/core/journal.js'
import { openDatabase } from '../../src/db/open.js'

const dir = mkdtempSync(join(tmpdir(), 'due-work-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** A state over `path` with one tick that watches `watched`, due at `due.at`; `runs` counts its runs. */
function stateWithTick (path: string) {
  const { db } = openDatabase(path, MIGRATIONS)
  db.exec('CREATE TABLE IF NOT EXISTS watched (v INTEGER); CREATE TABLE IF NOT EXISTS other (v INTEGER)')
  const clock = createClock()
  clock.freeze(Date.parse('2026-01-01T00:00:00.000Z'))
  const due = { at: Infinity }
  let runs = 0
  const state = createState({
    db,
    clock,
    fixtures: [],
    journal: new Journal(0),
    faults: new FaultBook(),
    files: STATE_FILES,
    makeRepos: (current) => Object.fromEntries(APIS.map((api) => [api.name, api.repos(current)])) as unknown as ApiRepos,
    ticks: [{ run: () => { runs++; return due.at }, watches: ['watched'] }]
  })
  return { db, clock, due, state, runs: () => runs }
}

describe('the ticks run when something may have fallen due, and only then', () => {
  it('runs them on the first request, then not again while nothing is due and nothing they watch was written', () => {
    const { db, state, runs } = stateWithTick(':memory:')
    state.context()
    expect(runs()).toBe(1)
    state.context()
    db.prepare('INSERT INTO other VALUES (1)').run()
    db.prepare('UPDATE other SET v = 2').run()
    state.context()
    expect(runs()).toBe(1)
  })

  it('runs them once after each insert, update or delete of a watched table', () => {
    const { db, state, runs } = stateWithTick(':memory:')
    state.context()
    for (const write of ['INSERT INTO watched VALUES (1)', 'UPDATE watched SET v = 2', 'DELETE FROM watched']) {
      const before = runs()
      db.prepare(write).run()
      state.context()
      state.context()
      expect(runs(), write).toBe(before + 1)
    }
  })

  it('runs them when the clock reaches their next due time, not a millisecond before', () => {
    const { clock, due, state, runs } = stateWithTick(':memory:')
    due.at = clock.now() + 1000
    state.context()
    clock.advance(999)
    state.context()
    expect(runs()).toBe(1)
    clock.advance(1)
    state.context()
    expect(runs()).toBe(2)
  })

  it('runs them after another connection commits to the same database file', () => {
    const path = join(dir, 'shared.db')
    const { state, runs } = stateWithTick(path)
    state.context()
    state.context()
    expect(runs()).toBe(1)
    const other = new Database(path)
    other.prepare('INSERT INTO other VALUES (1)').run()
    other.close()
    state.context()
    expect(runs()).toBe(2)
  })

  it('keeps its triggers out of the schema: temporary, on this connection only', () => {
    const { db, state } = stateWithTick(':memory:')
    state.context()
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'mock_watch_%'").pluck().get()).toBe(0)
    expect(db.prepare("SELECT name FROM sqlite_temp_master WHERE type = 'trigger' ORDER BY name").pluck().all())
      .toEqual(['mock_watch_watched_delete', 'mock_watch_watched_insert', 'mock_watch_watched_update'])
  })
})
