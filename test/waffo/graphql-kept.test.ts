/**
 * GraphQL's kept lists (a store's products, a merchant's stores): built once, dropped by any
 * write, and never more than a bounded number of items however large the catalogue.
 */
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { keptUntilWrite } from '../../src/apis/waffo/graphql/kept.js'

function counted (db: Database.Database) {
  let builds = 0
  const read = (key: string, size = 3) => keptUntilWrite(db, key, () => { builds++; return Array.from({ length: size }, (_, i) => i) })
  return { read, builds: () => builds }
}

describe('keptUntilWrite', () => {
  it('builds a key once, shares the value, and builds again after a write', () => {
    const db = new Database(':memory:')
    db.exec('CREATE TABLE t (x INTEGER)')
    const { read, builds } = counted(db)
    const first = read('a')
    expect(read('a')).toBe(first)
    expect(builds()).toBe(1)
    db.prepare('INSERT INTO t VALUES (1)').run()
    expect(read('a')).not.toBe(first)
    expect(builds()).toBe(2)
    db.close()
  })

  it('keeps at most 20,000 items: the oldest lists go first, a larger one is never kept', () => {
    const db = new Database(':memory:')
    const { read, builds } = counted(db)
    read('a', 8000)
    read('b', 8000)
    read('c', 8000) // over the budget: a goes
    expect(builds()).toBe(3)
    read('b', 8000)
    read('c', 8000)
    expect(builds()).toBe(3)
    read('a', 8000)
    expect(builds()).toBe(4)
    read('huge', 20_001)
    read('huge', 20_001)
    expect(builds()).toBe(6)
    db.close()
  })
})
