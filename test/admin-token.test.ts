/** The admin token is compared in constant time: through crypto.timingSafeEqual, never `===`. */
import { expect, it, vi } from 'vitest'
import { appForTest } from './helpers.js'

const compared = vi.hoisted(() => [] as Array<[string, string]>)
vi.mock('node:crypto', async (importOriginal) => {
  const crypto = await importOriginal<typeof import('node:crypto')>()
  const timingSafeEqual = (a: NodeJS.ArrayBufferView, b: NodeJS.ArrayBufferView) => {
    compared.push([Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString(), Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString()])
    return crypto.timingSafeEqual(a, b)
  }
  return { ...crypto, default: { ...crypto, timingSafeEqual }, timingSafeEqual }
})

it('compares a same-length wrong token and the right one with timingSafeEqual', async () => {
  const app = await appForTest({ adminToken: 'let-me-in' })
  compared.length = 0
  const wrong = await app.inject({ method: 'POST', url: '/__admin/reset', headers: { authorization: 'Bearer let-me-on' } })
  expect(wrong.statusCode).toBe(401)
  expect(compared).toContainEqual(['let-me-on', 'let-me-in'])

  compared.length = 0
  const right = await app.inject({ method: 'POST', url: '/__admin/reset', headers: { authorization: 'Bearer let-me-in' } })
  expect(right.statusCode).toBe(200)
  expect(compared).toContainEqual(['let-me-in', 'let-me-in'])
})
