import type { TocoSignaturePath } from '../signing/toco.js'
import { signTocoRequest, TOCO_PREFIX, tocoSignedPath } from '../signing/toco.js'
import { signWaffoRequest } from '../signing/waffo.js'

const quote = (value: string) => `'${value.replaceAll("'", "'\\''")}'`

function curl (method: string, url: string, headers: Record<string, string>, body: string | undefined): string {
  const lines = [`curl -X ${method} "${url}"`, ...Object.entries(headers).map(([name, value]) => `-H "${name}: ${value}"`)]
  if (body !== undefined) lines.push(`--data ${quote(body)}`)
  return lines.join(' \\\n  ')
}

export interface TocoCurl {
  baseUrl: string
  method: string
  /** Path under /api/v1, with any query string: `/partner/stores/str_x/unbind`. */
  path: string
  body?: string | undefined
  partner: { clientId: string, secretKey: string }
  store?: { storeClientId: string, storeToken: string } | undefined
  signaturePath: TocoSignaturePath
  timestamp?: number
}

/** A ready-to-run curl line for a Toco request, signed like the server verifies it. */
export function tocoCurl (request: TocoCurl): string {
  const url = TOCO_PREFIX + request.path
  const headers = signTocoRequest({
    secretKey: request.partner.secretKey,
    method: request.method,
    path: tocoSignedPath(url, request.signaturePath),
    partnerClientId: request.partner.clientId,
    storeClientId: request.store?.storeClientId,
    storeToken: request.store?.storeToken,
    timestamp: request.timestamp,
    body: request.body
  })
  // The seeds' order: Content-Type, then x-signature before the signed headers.
  const { 'x-signature': signature, ...signed } = headers
  return curl(request.method, request.baseUrl + url,
    { 'Content-Type': 'application/json', 'x-signature': signature!, ...signed }, request.body)
}

export interface WaffoCurl {
  baseUrl: string
  /** Full path, as the SDK signs it: `/v1/actions/store/delete-store`. */
  path: string
  body: string
  merchantId: string
  privateKeyPem: string
  timestamp?: number
}

/** A ready-to-run curl line for a Waffo action, signed exactly as @waffo/pancake-ts signs it. */
export function waffoCurl (request: WaffoCurl): string {
  const headers = signWaffoRequest({ ...request, method: 'POST' })
  return curl('POST', request.baseUrl + request.path, headers, request.body)
}
