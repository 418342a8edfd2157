import { randomUUID } from 'node:crypto'

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'

/** A UUID as 22 base62 digits, left-padded with `0` (the digit order is undocumented: ours is 0-9A-Za-z). */
export function uuidToBase62 (uuid: string): string {
  let value = BigInt(`0x${uuid.replaceAll('-', '')}`)
  let digits = ''
  while (value > 0n) {
    digits = BASE62[Number(value % 62n)]! + digits
    value /= 62n
  }
  return digits.padStart(22, '0')
}

/**
 * Waffo's short-id shape: PREFIX_ + 22 base62 characters (`STO_…`, `PROD_…`, `ORD_…`). Each one
 * encodes a UUID, as upstream's do (its gateway decodes them): so the first digit is 0–7.
 */
export const shortId = (prefix: string) => `${prefix}_${uuidToBase62(randomUUID())}`
