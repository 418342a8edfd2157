/** Which API owns a URL: its prefix exactly, or the prefix followed by a path or a query — never a longer word. */
import { describe, expect, it } from 'vitest'
import { ownerOf } from '../../src/core/api.js'

const apis = [{ name: 'toco', prefix: '/api/v1' }, { name: 'waffo', prefix: '/v1' }]
const owner = (url: string) => ownerOf(apis, url)?.name

describe('ownerOf', () => {
  it('owns the prefix itself, a path below it and a query on it', () => {
    expect(owner('/api/v1')).toBe('toco')
    expect(owner('/api/v1/partner/products/deletions')).toBe('toco')
    expect(owner('/api/v1?x=1')).toBe('toco')
    expect(owner('/v1')).toBe('waffo')
    expect(owner('/v1/actions/store/delete-store')).toBe('waffo')
    expect(owner('/v1?')).toBe('waffo')
  })

  it('does not own a path that only starts with the same letters', () => {
    expect(owner('/api/v12/partner')).toBeUndefined()
    expect(owner('/api/v1x')).toBeUndefined()
    expect(owner('/v10/actions')).toBeUndefined()
    expect(owner('/v1.json')).toBeUndefined()
    expect(owner('/api')).toBeUndefined()
    expect(owner('/__admin/health')).toBeUndefined()
    expect(owner('')).toBeUndefined()
  })
})
