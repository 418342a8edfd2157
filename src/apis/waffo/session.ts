import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'

/**
 * Buyer session tokens: HS256 JWTs, valid 5 minutes on the mock's clock. The signing key is made
 * per process, so a token never outlives the mock that issued it (and nothing secret is stored).
 */
export const SESSION_TTL_MS = 5 * 60 * 1000
const KEY = randomBytes(32)
const HEADER = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))

export interface SessionClaims {
  /** The buyer identity (an email or the merchant's own identifier). */
  sub: string
  storeId: string
  /** The merchant whose API key issued the token. */
  merchantId: string
  iat: number
  /** Epoch seconds. */
  exp: number
}

function base64url (text: string | Buffer): string {
  return Buffer.from(text).toString('base64url')
}

const mac = (input: string) => createHmac('sha256', KEY).update(input).digest()

export function issueSession (claims: Omit<SessionClaims, 'iat' | 'exp'>, nowMs: number): { token: string, expiresAt: string } {
  const exp = Math.floor((nowMs + SESSION_TTL_MS) / 1000)
  const body = `${HEADER}.${base64url(JSON.stringify({ ...claims, iat: Math.floor(nowMs / 1000), exp }))}`
  return { token: `${body}.${mac(body).toString('base64url')}`, expiresAt: new Date(exp * 1000).toISOString() }
}

export type SessionCheck = { ok: true, claims: SessionClaims } | { ok: false, why: 'malformed' | 'signature' } | { ok: false, why: 'expired', claims: SessionClaims }

/** Verifies the signature first, then the expiry against `nowMs`. */
export function verifySession (token: string, nowMs: number): SessionCheck {
  const parts = token.split('.')
  if (parts.length !== 3 || parts[0] !== HEADER) return { ok: false, why: 'malformed' }
  const given = Buffer.from(parts[2]!, 'base64url')
  const expected = mac(`${parts[0]}.${parts[1]}`)
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, why: 'signature' }
  let claims: SessionClaims
  try {
    claims = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8')) as SessionClaims
  } catch {
    return { ok: false, why: 'malformed' }
  }
  if (typeof claims.exp !== 'number' || nowMs >= claims.exp * 1000) return { ok: false, why: 'expired', claims }
  return { ok: true, claims }
}
