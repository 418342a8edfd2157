import type { FastifyRequest } from 'fastify'
import { describe, expect, it } from 'vitest'
import { caller, callerStore } from '../../src/apis/toco/auth.js'
import { callerSlot } from '../../src/core/auth.js'

// A route that reads its caller without having passed the guard is our bug: it must say so, not read undefined.
describe('caller(request)', () => {
  const unguarded = { method: 'GET', url: '/api/v1/stores/S1' } as FastifyRequest

  it('throws an internal error naming the route when the guard verified no one', () => {
    expect(() => caller(unguarded)).toThrow('internal: GET /api/v1/stores/S1 read its Toco caller, but no credentials were verified')
    expect(() => callerStore(unguarded)).toThrow('internal: GET /api/v1/stores/S1 read its Toco caller, but no credentials were verified')
  })
})

describe('callerSlot', () => {
  it('hands a caller back only to the API whose guard set it', () => {
    const toco = callerSlot<{ partnerClientId: string }>('Toco')
    const waffo = callerSlot<{ merchantId: string }>('Waffo')
    const request = { method: 'POST', url: '/v1/x' } as FastifyRequest
    waffo.set(request, { merchantId: 'MER_1' })
    expect(waffo.get(request)).toEqual({ merchantId: 'MER_1' })
    expect(() => toco.get(request)).toThrow('internal: POST /v1/x read its Toco caller, but no credentials were verified')
  })
})
