/** Waffo short ids encode a UUID in 22 base62 digits, as upstream's do (digest §10). */
import { expect, it } from 'vitest'
import { shortId, uuidToBase62 } from '../../src/apis/waffo/ids.js'

it('encodes a UUID, left-padded with 0', () => {
  expect(uuidToBase62('00000000-0000-0000-0000-000000000000')).toBe('0000000000000000000000')
  expect(uuidToBase62('00000000-0000-0000-0000-00000000003d')).toBe('000000000000000000000z')
  expect(uuidToBase62('00000000-0000-0000-0000-00000000003e')).toBe('0000000000000000000010')
  // The largest UUID still fits in 22 digits; so every id starts with 0–7.
  expect(uuidToBase62('ffffffff-ffff-ffff-ffff-ffffffffffff')).toBe('7n42DGM5Tflk9n8mt7Fhc7')
})

it('makes ids of the API\'s shape that decode back to version-4 UUIDs', () => {
  const ids = Array.from({ length: 2000 }, () => shortId('STO'))
  for (const id of ids) {
    expect(id).toMatch(/^STO_[0-7][0-9A-Za-z]{21}$/)
    let value = 0n
    for (const digit of id.slice(4)) value = value * 62n + BigInt('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'.indexOf(digit))
    expect(value.toString(16).padStart(32, '0')[12]).toBe('4')
  }
  expect(new Set(ids).size).toBe(ids.length)
})
