/**
 * The change stamp that keeps the product list's page cache and the ticks' due index honest: it
 * moves with a write of this connection and, on a file, with a commit of another one.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { changeStamp } from '../../src/db/change-stamp.js'

const dirs: string[] = []
afterEach(() => { for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true }) })

describe('changeStamp', () => {
  it('moves with a write of this connection, not with a read', () => {
    const db = new Database(':memory:')
    db.exec('CREATE TABLE t (x INTEGER)')
    const stamp = changeStamp(db)
    const before = stamp()
    db.prepare('SELECT count(*) FROM t').get()
    expect(stamp()).toBe(before)
    db.prepare('INSERT INTO t VALUES (1)').run()
    expect(stamp()).not.toBe(before)
    db.close()
  })

  it('on a file, moves with a commit of another connection (a second process)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'stamp-'))
    dirs.push(dir)
    const file = join(dir, 'db.sqlite')
    const mine = new Database(file)
    mine.pragma('journal_mode = WAL')
    mine.exec('CREATE TABLE t (x INTEGER)')
    const other = new Database(file)
    const stamp = changeStamp(mine)
    const before = stamp()
    expect(stamp()).toBe(before)
    other.prepare('INSERT INTO t VALUES (1)').run()
    expect(stamp()).not.toBe(before)
    mine.close()
    other.close()
  })
})
