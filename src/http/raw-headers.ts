/**
 * Node's raw header strings (name, value, name, value…) as its `request.headers` shows them:
 * names in lower case, set-cookie an array, cookie joined with '; ', a repeat of a single-valued
 * header dropped, any other joined with ', '.
 */
export function headersOf (raw: readonly string[]): Record<string, string | string[]> {
  const headers = Object.create(null) as Record<string, string | string[]>
  for (let n = 0; n + 1 < raw.length; n += 2) {
    const name = raw[n]!.toLowerCase()
    const value = raw[n + 1]!
    const seen = headers[name]
    if (name === 'set-cookie') headers[name] = [...(seen ?? []), value]
    else if (seen === undefined) headers[name] = value
    else if (!SINGLE_VALUED.has(name)) headers[name] = `${seen as string}${name === 'cookie' ? '; ' : ', '}${value}`
  }
  return headers
}

/** Headers whose repeats Node drops (`matchKnownFields` in node:_http_incoming). */
const SINGLE_VALUED = new Set(['content-type', 'content-length', 'user-agent', 'referer', 'host', 'authorization',
  'proxy-authorization', 'if-modified-since', 'if-unmodified-since', 'from', 'location', 'max-forwards', 'retry-after',
  'etag', 'last-modified', 'server', 'age', 'expires'])
