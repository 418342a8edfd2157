import type { FastifyRequest } from 'fastify'
import type { Clock } from '../../clock.js'
import type { Config } from '../../config.js'
import { headerValue } from '../../http/raw-body.js'
import { safeEqual } from '../../signing/compare.js'
import { tocoBaseString, tocoSignedPath, verifyTocoSignature } from '../../signing/toco.js'
import { tocoErrors } from './errors.js'
import type { TocoStore } from './store.js'

/** Which credentials a route needs: the partner signature alone, or also a store token. */
export type TocoAuthScope = 'partner' | 'store'

export interface TocoCaller {
  partnerClientId: string
  /** Set on store-scoped routes once the store token has been accepted. */
  storeClientId?: string
}

declare module 'fastify' {
  interface FastifyContextConfig { tocoAuth?: TocoAuthScope }
  interface FastifyRequest { tocoCaller?: TocoCaller }
}

const PARTNER_HEADERS = ['x-partner-client-id', 'x-timestamp', 'x-signature'] as const
const STORE_HEADERS = ['x-store-client-id', 'x-store-token'] as const

/**
 * The HMAC guard, run before body validation so an unsigned request learns nothing about the
 * API's validation rules. Order: headers present → timestamp window → partner → signature →
 * store ownership → store token.
 */
export function tocoAuthenticator (store: TocoStore, clock: Clock, config: Config) {
  return async function authenticate (request: FastifyRequest): Promise<void> {
    const scope = request.routeOptions.config.tocoAuth
    if (!scope) return
    const header = (name: string) => headerValue(request.headers[name])

    const required = scope === 'store' ? [...PARTNER_HEADERS, ...STORE_HEADERS] : PARTNER_HEADERS
    const missing = required.filter((name) => !header(name))
    if (missing.length > 0) throw tocoErrors.missingHeaders(missing)

    const partnerClientId = header('x-partner-client-id')!
    const timestamp = header('x-timestamp')!
    checkTimestamp(timestamp, clock.now(), config.timestampWindowSeconds)

    const partner = store.findPartner(partnerClientId)
    if (!partner) throw tocoErrors.unknownPartner(partnerClientId)

    const storeClientId = header('x-store-client-id')
    const storeToken = header('x-store-token')
    const baseString = tocoBaseString({
      method: request.method,
      path: tocoSignedPath(request.url, config.tocoSignaturePath),
      partnerClientId,
      storeClientId,
      storeToken,
      timestamp,
      body: request.rawBody
    })
    if (!verifyTocoSignature(partner.secret_key, baseString, header('x-signature')!)) {
      throw tocoErrors.invalidSignature(config.debugSignatures ? { expectedBaseString: baseString } : {})
    }

    if (scope === 'store') {
      const target = store.findStore(storeClientId!)
      if (!target || target.partner_client_id !== partnerClientId) throw tocoErrors.storeAccessDenied(storeClientId!)
      // Compare against every live token in constant time rather than looking the token up by value.
      const accepted = store.activeTokens(storeClientId!).some((token) => safeEqual(token, storeToken!))
      if (!accepted) throw tocoErrors.invalidStoreToken(storeClientId!)
      request.tocoCaller = { partnerClientId, storeClientId: storeClientId! }
    } else {
      request.tocoCaller = { partnerClientId }
    }
    // Only a caller that passed the guard learns that its body was not JSON.
    if (request.bodyNotJson) throw tocoErrors.validation({ body: 'Request body must be valid JSON' })
  }
}

/** AUTH_003 unless x-timestamp is integer epoch ms within ±window of now. */
function checkTimestamp (raw: string, now: number, windowSeconds: number): void {
  if (!/^\d{1,16}$/.test(raw)) {
    throw tocoErrors.expiredTimestamp({ providedTimestamp: raw, currentTime: now, ageSeconds: null }, windowSeconds)
  }
  const provided = Number(raw)
  if (Math.abs(now - provided) > windowSeconds * 1000) {
    const ageSeconds = Math.trunc((now - provided) / 1000)
    throw tocoErrors.expiredTimestamp({ providedTimestamp: provided, currentTime: now, ageSeconds }, windowSeconds)
  }
}
