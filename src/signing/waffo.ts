import { createHash, createPublicKey, createSign, verify, type KeyObject } from 'node:crypto'

/** `METHOD\nPATH\nTIMESTAMP\nbase64(sha256(body))`, as the official SDK signs it. */
export function waffoCanonical (method: string, path: string, timestamp: string | number, body: string | Buffer = ''): string {
  const bodyHash = createHash('sha256').update(body).digest('base64')
  return `${method.toUpperCase()}\n${path}\n${timestamp}\n${bodyHash}`
}

export interface SignWaffoRequest {
  merchantId: string
  privateKeyPem: string
  path: string
  method?: string
  body?: string
  /** Epoch seconds; defaults to now. */
  timestamp?: string | number
}

/** The headers the SDK sends: X-Merchant-Id, X-Timestamp, X-Signature (base64 RSA-SHA256). */
export function signWaffoRequest (request: SignWaffoRequest): Record<string, string> {
  const timestamp = String(request.timestamp ?? Math.floor(Date.now() / 1000))
  const signer = createSign('sha256')
  signer.update(waffoCanonical(request.method ?? 'POST', request.path, timestamp, request.body ?? ''))
  return {
    'Content-Type': 'application/json',
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

/** RSA-SHA256 verification of a base64 signature; never throws on malformed input. */
export function verifyWaffoSignature (pem: string, canonical: string, signatureBase64: string): boolean {
  try {
    return verify('sha256', Buffer.from(canonical), publicKey(pem), Buffer.from(signatureBase64, 'base64'))
  } catch {
    return false
  }
}
