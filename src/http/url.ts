/** A request URL without its query string. */
export function pathOf (url: string): string {
  const query = url.indexOf('?')
  return query === -1 ? url : url.slice(0, query)
}

/** The longest URL the mock takes where a browser or a delivery will use it (what browsers and proxies reliably carry). */
export const URL_MAX = 2048

/**
 * A URL the mock may later put in a `Location` header or hand to a browser: absolute http(s)
 * with a host, at most `maxLength` characters, and only printable ASCII (RFC 3986 URIs are
 * ASCII; anything else must be sent percent-encoded). CR/LF or non-ASCII once passed here and
 * then failed the 302 with ERR_INVALID_CHAR after the approval had committed.
 */
export function isWebUrl (value: unknown, maxLength: number): value is string {
  if (typeof value !== 'string' || value.length === 0 || value.length > maxLength) return false
  // Printable ASCII only: no control characters, no spaces, no DEL, nothing above U+007E.
  if (!/^[\x21-\x7e]+$/.test(value)) return false
  // Written absolute, as sent: WHATWG would read `http:///cb` as host "cb".
  if (!/^https?:\/\/[^/?#]/i.test(value)) return false
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return false
  }
  // Port 0 parses, and nothing can be reached there.
  return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '' && url.port !== '0'
}
