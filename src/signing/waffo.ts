import { createPublicKey, createSign, hash, verify, type KeyObject } from 'node:crypto'

/** `METHOD\nPATH\nTIMESTAMP\nbase64(sha256(body))`, as the official SDK signs it. */
export function waffoCanonical (method: string, path: string, timestamp: string | number, body: string | Buffer = ''): string {
  const bodyHash = hash('sha256', body, 'base64')
  return `${method.toUpperCase()}\n${path}\n${timestamp}\n${bodyHash}`
}

export interface SignWaffoRequest {
  /** The merchant id (`MER_…`), sent as X-Merchant-Id. */
  merchantId: string
  /** The merchant's RSA private key as PEM text (the SDK calls the same key `privateKey`). */
  privateKeyPem: string
  /** The path as sent, `/v1` included: `/v1/actions/store/delete-store` (query string too, if any). */
  path: string
  /** Defaults to POST. */
  method?: string
  /** The exact body bytes you send (a JSON string); the signature covers them. */
  body?: string
  /** Epoch SECONDS (Toco's x-timestamp is milliseconds); defaults to now. */
  timestamp?: string | number
  /**
   * Headers you send anyway: returned merged with the signed ones. A Content-Type of yours (any
   * letter case) is kept as the only one; without it, `Content-Type: application/json` is added.
   */
  headers?: Record<string, string>
}

/**
 * The headers the SDK sends: Content-Type (application/json unless `headers` has one),
 * X-Merchant-Id, X-Timestamp (epoch seconds), X-Signature (base64 RSA-SHA256), plus your `headers`.
 */
export function signWaffoRequest (request: SignWaffoRequest): Record<string, string> {
  if (typeof request.privateKeyPem !== 'string' || request.privateKeyPem === '') {
    throw new TypeError('signWaffoRequest needs privateKeyPem: the merchant\'s RSA private key as PEM text')
  }
  const timestamp = String(request.timestamp ?? Math.floor(Date.now() / 1000))
  const signer = createSign('sha256')
  signer.update(waffoCanonical(request.method ?? 'POST', request.path, timestamp, request.body ?? ''))
  const own = request.headers ?? {}
  const hasContentType = Object.keys(own).some((name) => name.toLowerCase() === 'content-type')
  return {
    ...(hasContentType ? {} : { 'Content-Type': 'application/json' }),
    ...own,
    'X-Merchant-Id': request.merchantId,
    'X-Timestamp': timestamp,
    'X-Signature': signer.sign(request.privateKeyPem, 'base64')
  }
}

const keyCache = new Map<string, KeyObject>()

/** Parses (once) a registered public key PEM. */
export function publicKey (pem: string): KeyObject {
  let key = keyCache.get(pem)
  if (!key) {
    key = createPublicKey(pem)
    keyCache.set(pem, key)
  }
  return key
}

/**
 * The signature bytes, only if `encoded` is canonical base64 of exactly `length` bytes:
 * Buffer.from(…, 'base64') alone skips spaces, trailing junk and base64url characters.
 */
export function strictBase64 (encoded: string, length: number): Buffer | undefined {
  if (encoded.length !== 4 * Math.ceil(length / 3) || !/^[A-Za-z0-9+/]+={0,2}$/.test(encoded)) return undefined
  const bytes = Buffer.from(encoded, 'base64')
  return bytes.length === length && bytes.toString('base64') === encoded ? bytes : undefined
}

/** RSA-SHA256 verification of a canonical base64 signature; never throws on malformed input. */
export function verifyWaffoSignature (pem: string, canonical: string, signatureBase64: string): boolean {
  try {
    const key = publicKey(pem)
    const bytes = strictBase64(signatureBase64, (key.asymmetricKeyDetails?.modulusLength ?? 0) / 8)
    return bytes !== undefined && verify('sha256', Buffer.from(canonical), key, bytes)
  } catch {
    return false
  }
}
