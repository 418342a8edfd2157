/** Headers that carry a credential or a signature: censored in logs and in the request journal. */
export const SECRET_HEADERS = ['x-signature', 'x-store-token', 'authorization', 'x-admin-token'] as const

export const CENSOR = '[redacted]'

/** A copy of the headers with every secret one censored (header names are lower case in Node). */
export function redactHeaders (headers: Record<string, unknown>): Record<string, unknown> {
  const copy = { ...headers }
  for (const name of SECRET_HEADERS) if (name in copy) copy[name] = CENSOR
  return copy
}
