import { describe, expect, it } from 'vitest'
import type { Db } from '../../src/db/open.js'
import { preparedOnUse } from '../../src/db/prepared-on-use.js'

describe('preparedOnUse', () => {
  it('builds each repository on its first read, once, and never one that is not read', () => {
    const built: string[] = []
    const db = {} as Db
    const repos = preparedOnUse(db, {
      a: (on: Db) => { built.push('a'); return { n: 1, on } },
      b: (on: Db) => { built.push('b'); return { n: 2, on } }
    })
    expect(built).toEqual([])
    const first = repos.a
    expect(repos.a).toBe(first)
    expect(first).toEqual({ n: 1, on: db })
    expect(built).toEqual(['a'])
    expect(Object.keys(repos)).toEqual(['a', 'b'])
  })
})
