/** Finding 5: fault and journal path patterns match in linear time, never by backtracking. */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { globMatcher } from '../../src/core/glob.js'
import { appForTest } from '../helpers.js'
import { seed } from '../fuzz/settings.js'

/** The obvious (exponential) definition, as the reference the fast matcher must agree with. */
function reference (pattern: string, value: string): boolean {
  if (pattern === '') return value === ''
  if (pattern[0] === '*') return reference(pattern.slice(1), value) || (value !== '' && reference(pattern, value.slice(1)))
  return value !== '' && value[0] === pattern[0] && reference(pattern.slice(1), value.slice(1))
}

describe('globMatcher', () => {
  it('agrees with the textbook definition on short patterns over a small alphabet', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'b', '/', '*'), maxLength: 8 })
    fc.assert(fc.property(text, fc.string({ unit: fc.constantFrom('a', 'b', '/'), maxLength: 10 }), (pattern, value) => {
      expect(globMatcher(pattern)(value)).toBe(reference(pattern, value))
    }), { numRuns: 2000, seed })
  })

  it('keeps literal regex characters literal', () => {
    expect(globMatcher('/v1/a.b*')('/v1/a.b/c')).toBe(true)
    expect(globMatcher('/v1/a.b*')('/v1/aXb/c')).toBe(false)
    expect(globMatcher('(x)+*')('(x)+y')).toBe(true)
  })

  it('decides *a*a*a*b against 100,000 a\'s in well under a second (21 s per 400 a\'s before)', () => {
    const started = performance.now()
    expect(globMatcher('*a*a*a*b')('a'.repeat(100_000))).toBe(false)
    expect(globMatcher(`${'*a'.repeat(200)}*b`)('a'.repeat(100_000))).toBe(false)
    expect(performance.now() - started).toBeLessThan(1000)
  })

  it('a fault rule and a journal filter with that pattern answer at once over HTTP', async () => {
    const app = await appForTest()
    try {
      const added = await app.inject({ method: 'POST', url: '/__admin/faults', payload: { path: '*a*a*a*a*a*a*a*a*b', respond: { status: 503 } } })
      expect(added.statusCode).toBe(201)
      const started = performance.now()
      const probe = await app.inject({ method: 'GET', url: `/__admin/health?${'a'.repeat(400)}` })
      const listed = await app.inject({ method: 'GET', url: `/__admin/requests?path=${encodeURIComponent('*a*a*a*a*a*a*a*a*b')}` })
      const unmatched = await app.inject({ method: 'POST', url: `/v1/${'a'.repeat(400)}` })
      expect(performance.now() - started).toBeLessThan(1000)
      expect(probe.json()).toEqual({ status: 'ok' })
      expect(listed.json()).toMatchObject({ requests: [] })
      expect(unmatched.statusCode).toBe(404)
    } finally {
      await app.close()
    }
  })
})
