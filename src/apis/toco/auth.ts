import type { FastifyRequest } from 'fastify'
import { type AuthClock, timestampAccepted } from '../../core/signed-time.js'
import { accept, admitPublic, callerSlot, refuse } from '../../core/auth.js'
import { headerValue } from '../../http/raw-body.js'
import { throwingHook } from '../../http/throwing-hook.js'
import { safeEqual } from '../../signing/compare.js'
import { tocoBaseString, tocoSignedPath, verifyTocoSignature } from '../../signing/toco.js'
import type { TocoConfig } from './config.js'
import { type TocoError, tocoErrors } from './errors.js'

/** Which credentials a route needs: the partner signature alone, or also a store token. */
export const TOCO_SCOPES = ['partner', 'store'] as const
export type TocoScope = typeof TOCO_SCOPES[number]

export interface TocoCaller {
  partnerClientId: string
  /** Set on store-scoped routes once the store token has been accepted. */
  storeClientId?: string
}

const callers = callerSlot<TocoCaller>('Toco')

/** Who the HMAC guard verified; a route that reads it without passing the guard is a bug of ours. */
export function caller (request: FastifyRequest): TocoCaller {
  return callers.get(request)
}

/** The store a store-scoped route acts on: the one whose token the guard accepted. */
export function callerStore (request: FastifyRequest): string {
  const { storeClientId } = caller(request)
  if (storeClientId === undefined) throw new Error(`internal: ${request.method} ${request.url} read its Toco store, but the route is not store-scoped`)
  return storeClientId
}

const PARTNER_HEADERS = ['x-partner-client-id', 'x-timestamp', 'x-signature'] as const
/**
 * The headers each scope requires, in the order a refusal names them. The AUTH guide requires
 * x-store-token whenever x-store-client-id is sent, so a partner-scoped call naming a store needs it too.
 */
const REQUIRED_HEADERS: Record<TocoScope | 'partnerNamingStore', readonly string[]> = {
  partner: PARTNER_HEADERS,
  partnerNamingStore: [...PARTNER_HEADERS, 'x-store-token'],
  store: [...PARTNER_HEADERS, 'x-store-client-id', 'x-store-token']
}
/** Stands in for the store token in a recorded base string: the journal never holds a credential. */
export const STORE_TOKEN_PLACEHOLDER = '<x-store-token>'

/** A refusal: recorded on the request with its reason, then thrown in Toco's envelope. */
const refused = (request: FastifyRequest, error: TocoError, reason: string) => refuse(request, error.code, reason, error)

/**
 * The HMAC guard, run before body validation so an unsigned request learns nothing about the
 * API's validation rules. Every route is guarded unless it declares itself public; one that
 * declares nothing gets the strictest scope. Order: headers present → timestamp window →
 * partner → signature → store ownership → store token.
 */
export function tocoAuthenticator (config: TocoConfig) {
  return throwingHook(function authenticate (request: FastifyRequest): void {
    const route = request.routeOptions.config
    if (admitPublic(request, route)) return
    const scope: TocoScope = route.auth === 'partner' ? 'partner' : 'store'
    const { repos: { toco }, clock } = request.ctx
    const header = (name: string) => headerValue(request.headers[name])

    const required = REQUIRED_HEADERS[scope === 'partner' && header('x-store-client-id') ? 'partnerNamingStore' : scope]
    const missing = required.filter((name) => !header(name))
    if (missing.length > 0) {
      throw refused(request, tocoErrors.missingHeaders(missing), `missing ${missing.join(', ')}`)
    }

    const partnerClientId = header('x-partner-client-id')!
    const timestamp = header('x-timestamp')!
    checkTimestamp(request, timestamp, clock.now(), config.timestampWindowSeconds, config.authClock)

    const storeClientId = header('x-store-client-id')
    // A store-scoped route reads the store and its tokens with the partner: one statement, judged in the order above.
    const withStore = scope === 'store' ? toco.partners.withStore(partnerClientId, storeClientId!, clock.iso()) : undefined
    const partner = scope === 'store' ? withStore : toco.partners.find(partnerClientId)
    if (!partner) throw refused(request, tocoErrors.unknownPartner(partnerClientId), `no partner ${partnerClientId}`)

    const storeToken = header('x-store-token')
    const signed = {
      method: request.method,
      path: tocoSignedPath(request.url, config.tocoSignaturePath),
      partnerClientId,
      storeClientId,
      storeToken,
      timestamp,
      body: request.rawBody
    }
    const baseString = tocoBaseString(signed)
    if (!verifyTocoSignature(partner.secret_key, baseString, header('x-signature')!)) {
      const shown = tocoBaseString({ ...signed, storeToken: storeToken === undefined ? undefined : STORE_TOKEN_PLACEHOLDER })
      throw refused(request, tocoErrors.invalidSignature(config.debugSignatures ? { expectedBaseString: baseString } : {}),
        `x-signature is not the HMAC-SHA256 of the expected base string under partner ${partnerClientId}'s secret; expected base string:\n${shown}`)
    }

    if (withStore) {
      if (withStore.owner !== partnerClientId) {
        throw refused(request, tocoErrors.storeAccessDenied(storeClientId!), `store ${storeClientId} is not partner ${partnerClientId}'s`)
      }
      // Compare against every live token in constant time rather than looking the token up by value.
      const accepted = withStore.tokens.some((token) => safeEqual(token, storeToken!))
      if (!accepted) {
        throw refused(request, tocoErrors.invalidStoreToken(storeClientId!), `x-store-token is not a live token of store ${storeClientId}`)
      }
      callers.set(request, { partnerClientId, storeClientId: storeClientId! })
      accept(request, partnerClientId, `partner ${partnerClientId} signature verified; store ${storeClientId} token accepted`)
    } else {
      callers.set(request, { partnerClientId })
      accept(request, partnerClientId, `partner ${partnerClientId} signature verified`)
    }
    // Only a caller that passed the guard learns that its body was not JSON.
    if (request.bodyNotJson) throw tocoErrors.validation({ body: request.bodyOverLimit ?? 'Request body must be valid JSON' })
  })
}

/** AUTH_003 unless x-timestamp is integer epoch ms within ±window of the mock clock (or, AUTH_CLOCK=either, the wall clock); the context keeps mock time. */
function checkTimestamp (request: FastifyRequest, raw: string, now: number, windowSeconds: number, authClock: AuthClock): void {
  if (!/^\d{1,16}$/.test(raw)) {
    throw refused(request, tocoErrors.expiredTimestamp({ providedTimestamp: raw, currentTime: now, ageSeconds: null }, windowSeconds),
      'x-timestamp is not integer epoch milliseconds')
  }
  const provided = Number(raw)
  if (!timestampAccepted(provided, now, authClock, windowSeconds * 1000, windowSeconds * 1000)) {
    const ageSeconds = Math.trunc((now - provided) / 1000)
    throw refused(request, tocoErrors.expiredTimestamp({ providedTimestamp: provided, currentTime: now, ageSeconds }, windowSeconds),
      `x-timestamp is ${Math.abs(ageSeconds)} s in the ${ageSeconds >= 0 ? 'past' : 'future'}; the window is ±${windowSeconds} s (mock time ${new Date(now).toISOString()})`)
  }
}
