/** Headers that carry a credential or a signature: censored in logs and in the request journal. */
export const SECRET_HEADERS = ['x-signature', 'x-store-token', 'authorization', 'x-admin-token'] as const

export const CENSOR = '[redacted]'

/** A copy of the headers with every secret one censored (header names are lower case in Node). */
export function redactHeaders (headers: Record<string, unknown>): Record<string, unknown> {
  const copy = { ...headers }
  for (const name of SECRET_HEADERS) if (name in copy) copy[name] = CENSOR
  return copy
}

/** A JWT (a buyer session token): three base64url parts, the first a JSON header (`eyJ…`). */
const JWT = /\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g
/** `name:value` lines of a signature base string, raw or inside a JSON string (`\n` escaped). */
// A `<name>` placeholder (what auth reasons already show) is kept as it is.
const SECRET_LINES = new RegExp(`(^|\\n|\\\\n)(${SECRET_HEADERS.join('|')}):(?!<)[^\\n\\\\"]*`, 'gi')

/** A JSON member holding a secret: a Waffo webhook's `secret` (sent and answered), a Toco partner's `secretKey`, a key's `privateKeyPem`. */
const SECRET_NAMES = ['secret', 'secretKey', 'privateKeyPem']
// A value cut off by the journal's cap has no closing quote: censored to the end all the same.
const SECRET_MEMBERS = new RegExp(`"(${SECRET_NAMES.join('|')})"(\\s*:\\s*)"(?:[^"\\\\]|\\\\.)*(?:"|\\\\?$)`, 'g')

/**
 * Text the journal shows (bodies, auth reasons) with credentials censored: JWTs (buyer session
 * tokens in issue-session-token answers), secret JSON members (webhook secrets), and the secret
 * lines of an expected base string (MOCK_DEBUG_SIGNATURES=1 puts the store token there).
 */
export function redactText (text: string): string {
  const members = text.includes('"secret') || text.includes('"privateKeyPem"')
  if (!members && !text.includes('eyJ') && !/x-|authorization/i.test(text)) return text
  const censored = text.replace(JWT, CENSOR).replace(SECRET_LINES, `$1$2:${CENSOR}`)
  return members ? censored.replace(SECRET_MEMBERS, `"$1"$2"${CENSOR}"`) : censored
}

/** A `token` query parameter: the buyer JWT an authenticated checkout link carries (`?autoPay=…&token=`). */
const TOKEN_PARAMETER = /([?&]token=)[^&#]*/gi

/** A URL as logs and the journal show it: JWTs and `token` parameters censored. */
export function redactUrl (url: string): string {
  if (!url.includes('eyJ') && !/token=/i.test(url)) return url
  return url.replace(JWT, CENSOR).replace(TOKEN_PARAMETER, `$1${CENSOR}`)
}

/**
 * A parsed JSON body with its secret members censored, whatever escapes spelled their names
 * (`"secr\\u0065t"` is `secret` once parsed, and the text's pattern never saw it).
 */
export function redactJson (value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactJson)
  if (value === null || typeof value !== 'object') return value
  return Object.fromEntries(Object.entries(value).map(([key, member]) =>
    [key, SECRET_NAMES.includes(key) && typeof member === 'string' ? CENSOR : redactJson(member)]))
}
