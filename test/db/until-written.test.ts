/**
 * untilWritten (src/db/until-written.ts): what only some tables decide, read once until one of
 * them is written, and never kept from inside a transaction (a rollback would leave it stale).
 */
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { untilWritten } from '../../src/db/until-written.js'

function setup () {
  const db = new Database(':memory:')
  db.exec('CREATE TABLE watched (v TEXT); CREATE TABLE other (v TEXT); INSERT INTO watched VALUES (\'a\')')
  const cache = untilWritten(db, 'test', ['watched'])
  let loads = 0
  const read = (now?: string, until: string | null = null) => cache.read('key', now, () => {
    loads++
    return { value: db.prepare('SELECT group_concat(v) FROM watched').pluck().get() as string, until }
  })
  return { db, read, loads: () => loads }
}

describe('untilWritten', () => {
  it('loads once, again after each insert, update or delete of a watched table, not after other writes', () => {
    const { db, read, loads } = setup()
    expect(read()).toBe('a')
    expect(read()).toBe('a')
    db.prepare("INSERT INTO other VALUES ('x')").run()
    expect(read()).toBe('a')
    expect(loads()).toBe(1)
    db.prepare("INSERT INTO watched VALUES ('b')").run()
    expect(read()).toBe('a,b')
    db.prepare("UPDATE watched SET v = 'c' WHERE v = 'b'").run()
    expect(read()).toBe('a,c')
    db.prepare("DELETE FROM watched WHERE v = 'c'").run()
    expect(read()).toBe('a')
    expect(loads()).toBe(4)
  })

  it('holds an entry read at a time only while the time stays in [then, until)', () => {
    const { read, loads } = setup()
    read('2026-01-01T00:00:00.000Z', '2026-01-02T00:00:00.000Z')
    read('2026-01-01T12:00:00.000Z', '2026-01-02T00:00:00.000Z')
    expect(loads()).toBe(1)
    read('2026-01-02T00:00:00.000Z')
    expect(loads()).toBe(2)
    read('2025-12-31T00:00:00.000Z')
    expect(loads()).toBe(3)
  })

  it('keeps nothing read inside a transaction: a rollback undoes what it saw', () => {
    const { db, read } = setup()
    expect(read()).toBe('a')
    const rolledBack = db.transaction(() => {
      db.prepare("INSERT INTO watched VALUES ('uncommitted')").run()
      expect(read()).toBe('a,uncommitted')
      throw new Error('rolled back')
    })
    expect(rolledBack).toThrow('rolled back')
    expect(read()).toBe('a')
  })

  it('keeps a bounded number of entries: every request may name its own caller', () => {
    const db = new Database(':memory:')
    db.exec('CREATE TABLE watched (v TEXT)')
    const cache = untilWritten(db, 'test', ['watched'])
    let loads = 0
    const read = (key: string) => cache.read(key, undefined, () => ({ value: ++loads, until: null }))
    for (let i = 0; i < 300; i++) read(`caller ${i}`)
    expect(loads).toBe(300)
    // The newest are kept; the oldest went when the cache filled.
    expect(read('caller 299')).toBe(300)
    expect(read('caller 0')).toBe(301)
  })
})
