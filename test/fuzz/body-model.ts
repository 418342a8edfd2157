/**
 * What a body means on the wire, judged independently of the server's code: the oracles ask
 * this, then compare with what the server answered.
 */
import { BODY_LIMIT } from '../../src/app.js'
import { jsonLimitViolation } from '../../src/http/json-limits.js'

export type Decoded =
  | { kind: 'absent' }
  | { kind: 'not-json' }
  /** `poisoned`: has a `__proto__` or `constructor` key, which a server may refuse as unsafe JSON. */
  /** `overLimit`: past a JSON limit (nesting, string, array length), the reason every API names. */
  | { kind: 'json', value: unknown, poisoned: boolean, overLimit?: string | undefined }

export const tooLarge = (raw: string | undefined) => raw !== undefined && Buffer.byteLength(raw) > BODY_LIMIT

export function decode (raw: string | undefined): Decoded {
  if (raw === undefined || raw === '') return { kind: 'absent' }
  // The server sees UTF-8 bytes: lone surrogates arrive as U+FFFD. A leading BOM is allowed (RFC 8259 §8.1).
  const wire = Buffer.from(raw, 'utf8').toString('utf8').replace(/^\uFEFF/, '')
  let value: unknown
  try {
    value = JSON.parse(wire)
  } catch {
    return { kind: 'not-json' }
  }
  return { kind: 'json', value, poisoned: hasPoisonKey(value), overLimit: jsonLimitViolation(wire) }
}

/** Iterative, so a 60 000-deep body cannot overflow the oracle itself. */
function hasPoisonKey (root: unknown): boolean {
  const pending: unknown[] = [root]
  while (pending.length > 0) {
    const value = pending.pop()
    if (typeof value !== 'object' || value === null) continue
    for (const key of Object.keys(value)) {
      if (key === '__proto__' || key === 'constructor') return true
      pending.push((value as Record<string, unknown>)[key])
    }
  }
  return false
}

export const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
