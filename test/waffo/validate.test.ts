/** The store service's own checks, including the one a signed request cannot reach. */
import { describe, expect, it } from 'vitest'
import { WaffoError } from '../../src/apis/waffo/errors.js'
import { requireField, requireMerchant, requireShortId } from '../../src/apis/waffo/validate.js'

const failure = (fn: () => unknown) => {
  try {
    fn()
  } catch (error) {
    expect(error).toBeInstanceOf(WaffoError)
    return { status: (error as WaffoError).statusCode, errors: (error as WaffoError).errors }
  }
  throw new Error('expected a WaffoError')
}

describe('waffo validation', () => {
  it('400 "Missing merchantId in request context" without a forwarded merchant', () => {
    expect(failure(() => requireMerchant(undefined))).toEqual({
      status: 400, errors: [{ message: 'Missing merchantId in request context', layer: 'store' }]
    })
    expect(requireMerchant({ merchantId: 'MER_x', environment: 'test' })).toEqual({ merchantId: 'MER_x', environment: 'test' })
  })

  it('requires a field that is present and not empty', () => {
    for (const body of [undefined, null, 'id', {}, { id: null }, { id: '' }]) {
      expect(failure(() => requireField(body, 'id')).errors[0]!.message).toBe('Missing required field: id')
    }
    expect(requireField({ id: 0 }, 'id')).toBe(0)
  })

  it('accepts only PREFIX_ + 22 base62 characters', () => {
    expect(requireShortId('STO_2aUyqjCzEIiEcYMKj7TZtw', 'STO')).toBe('STO_2aUyqjCzEIiEcYMKj7TZtw')
    for (const [value, shown] of [['STO_2aUyqjCzEIiEcYMKj7TZt!', 'STO_2aUyqjCzEIiEcYMKj7TZt!'], [' STO_2aUyqjCzEIiEcYMKj7TZtw', ' STO_2aUyqjCzEIiEcYMKj7TZtw'], [{ a: 1 }, '{"a":1}'], [true, 'true']] as const) {
      expect(failure(() => requireShortId(value, 'STO')).errors[0]!.message).toBe(`Expected format: STO_xxx, got "${shown}"`)
    }
  })
})
