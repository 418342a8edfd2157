import { describe, expect, it } from 'vitest'
import { preparedOnUse } from '../../src/db/prepared-on-use.js'

describe('preparedOnUse', () => {
  it('builds each repository on its first read, once, and never one that is not read', () => {
    const built: string[] = []
    const repos = preparedOnUse({
      a: () => { built.push('a'); return { n: 1 } },
      b: () => { built.push('b'); return { n: 2 } }
    })
    expect(built).toEqual([])
    const first = repos.a
    expect(repos.a).toBe(first)
    expect(first).toEqual({ n: 1 })
    expect(built).toEqual(['a'])
    expect(Object.keys(repos)).toEqual(['a', 'b'])
  })
})
