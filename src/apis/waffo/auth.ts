import type { FastifyRequest } from 'fastify'
import { timestampAccepted } from '../../core/signed-time.js'
import { accept, admitPublic, callerSlot, refuse } from '../../core/auth.js'
import type { Config } from '../../config.js'
import { headerValue } from '../../http/raw-body.js'
import { throwingHook } from '../../http/throwing-hook.js'
import { verifyWaffoSignature, waffoCanonical } from '../../signing/waffo.js'
import { type WaffoError, waffoErrors } from './errors.js'
import { verifySession } from './session.js'

/**
 * The credentials a Waffo route needs: a merchant API key's signature (`apiKey`), a buyer
 * session token from auth/issue-session-token (`session`), or either (`apiKeyOrSession`).
 */
export const WAFFO_SCOPES = ['apiKey', 'session', 'apiKeyOrSession'] as const
export type WaffoScope = typeof WAFFO_SCOPES[number]

/** What the gateway forwards once a key verified: the merchant and the key's environment. */
export interface MerchantCaller { kind: 'merchant', merchantId: string, environment: 'test' | 'prod' }

/** What the gateway forwards for a verified session token: the buyer, the store, X-Environment. */
export interface BuyerCaller { kind: 'buyer', buyerIdentity: string, storeId: string, merchantId: string, environment: 'test' | 'prod' }

export type WaffoCaller = MerchantCaller | BuyerCaller

/** The gateway's future tolerance ("matches the gateway's API Key check": the SDK's futureToleranceMs). */
export const FUTURE_TOLERANCE_SECONDS = 60

const callers = callerSlot<WaffoCaller>('Waffo')

/** Who the gateway authenticated this request as; a route that reads it without auth is a bug of ours. */
export function caller (request: FastifyRequest): WaffoCaller {
  return callers.get(request)
}

/** The store service's first check: the gateway must have forwarded a merchant (not a buyer). */
export function merchant (request: FastifyRequest): MerchantCaller {
  const found = caller(request)
  if (found.kind !== 'merchant') throw waffoErrors.missingMerchantContext()
  return found
}

/**
 * The gateway's API-key check: X-Merchant-Id, X-Timestamp (epoch seconds) and X-Signature over
 * the canonical request, verified against each public key the merchant registered. The key that
 * verifies decides the environment. Every route is guarded unless it declares itself public.
 */
export function waffoAuthenticator (config: Config) {
  const explain = (reason: string, extra: Record<string, unknown> = {}) =>
    config.debugSignatures ? { reason, ...extra } : undefined
  const refused = (request: FastifyRequest, code: string, reason: string, error: WaffoError) => refuse(request, code, reason, error)

  const authenticateSession = sessionAuthenticator()

  return throwingHook(function authenticate (request: FastifyRequest): void {
    const route = request.routeOptions.config
    if (admitPublic(request, route)) return
    const scope = (route.auth ?? 'apiKey') as WaffoScope
    if (scope !== 'apiKey' && request.headers.authorization !== undefined) return authenticateSession(request)
    if (scope === 'session') {
      throw refused(request, 'MISSING_AUTHENTICATION', 'missing Authorization: Bearer <session token> (this action is for buyer sessions)',
        waffoErrors.missingAuthentication())
    }
    const { repos: { waffo }, clock } = request.ctx
    const merchantId = headerValue(request.headers['x-merchant-id'])
    const timestamp = headerValue(request.headers['x-timestamp'])
    const signature = headerValue(request.headers['x-signature'])
    if (!merchantId || !timestamp || !signature) {
      const missing = [!merchantId && 'X-Merchant-Id', !timestamp && 'X-Timestamp', !signature && 'X-Signature'].filter(Boolean)
      throw refused(request, 'MISSING_AUTHENTICATION', `missing ${missing.join(', ')}`, waffoErrors.missingAuthentication())
    }

    const nowSeconds = Math.floor(clock.now() / 1000)
    if (!/^\d{1,13}$/.test(timestamp)) {
      const reason = 'X-Timestamp is not integer epoch seconds'
      throw refused(request, 'TIMESTAMP_INVALID', reason, waffoErrors.authenticationFailed(explain(reason)))
    }
    const skew = nowSeconds - Number(timestamp)
    if (!timestampAccepted(Number(timestamp) * 1000, nowSeconds * 1000, config.authClock, config.timestampWindowSeconds * 1000, FUTURE_TOLERANCE_SECONDS * 1000)) {
      const reason = `X-Timestamp is ${Math.abs(skew)} s in the ${skew > 0 ? 'past' : 'future'}; the window is ${config.timestampWindowSeconds} s back, ${FUTURE_TOLERANCE_SECONDS} s ahead`
      throw refused(request, 'TIMESTAMP_OUT_OF_WINDOW', `${reason} (mock time ${nowSeconds})`,
        waffoErrors.authenticationFailed(explain(reason, { serverTime: nowSeconds })))
    }

    const keys = waffo.merchants.apiKeys(merchantId)
    if (keys.length === 0) throw refused(request, 'INVALID_API_KEY', `no API key registered for merchant ${merchantId}`, waffoErrors.invalidApiKey())

    const canonical = waffoCanonical(request.method, request.url, timestamp, request.rawBody ?? '')
    const key = keys.find((candidate) => verifyWaffoSignature(candidate.public_key_pem, canonical, signature))
    if (!key) {
      const reason = 'no registered public key of this merchant verifies X-Signature'
      throw refused(request, 'SIGNATURE_MISMATCH',
        `${reason} (it must be canonical base64 of an RSA-SHA256 signature); expected canonical request:\n${canonical}`,
        waffoErrors.authenticationFailed(explain(reason, { expectedCanonical: canonical })))
    }
    callers.set(request, { kind: 'merchant', merchantId, environment: key.environment })
    accept(request, merchantId, `merchant ${merchantId} signature verified with a ${key.environment} key`)
    // Only a caller that passed the gateway learns that its body was not JSON.
    if (request.bodyNotJson) throw request.bodyOverLimit ? waffoErrors.badRequest(request.bodyOverLimit) : waffoErrors.invalidJson()
  })
}

/**
 * A buyer session: `Authorization: Bearer <token>` plus `X-Environment`, which the SDK sends
 * because the token carries no environment. Verified on the mock's clock.
 */
function sessionAuthenticator () {
  return function authenticateSession (request: FastifyRequest): void {
    const authorization = headerValue(request.headers.authorization) ?? ''
    const token = /^Bearer +(\S+)$/i.exec(authorization)?.[1]
    if (!token) throw refuse(request, 'MISSING_AUTHENTICATION', 'missing session token: Authorization is not "Bearer <token>"', waffoErrors.missingAuthentication())
    const environment = headerValue(request.headers['x-environment'])
    if (environment !== 'test' && environment !== 'prod') {
      throw refuse(request, 'MISSING_ENVIRONMENT', 'a session token needs X-Environment: test or prod', waffoErrors.missingEnvironment())
    }
    const check = verifySession(token, request.ctx.clock.now())
    if (!check.ok) {
      if (check.why === 'expired') throw refuse(request, 'TOKEN_EXPIRED', 'the session token has expired (5 minutes, mock time)', waffoErrors.tokenExpired())
      throw refuse(request, 'TOKEN_INVALID', `the session token is ${check.why === 'signature' ? 'not signed by this mock' : 'not a JWT this mock issued'}`,
        waffoErrors.authenticationFailed())
    }
    const { sub, storeId, merchantId } = check.claims
    callers.set(request, { kind: 'buyer', buyerIdentity: sub, storeId, merchantId, environment })
    accept(request, merchantId, `buyer session for store ${storeId} (issued by merchant ${merchantId}), ${environment}`)
    if (request.bodyNotJson) throw request.bodyOverLimit ? waffoErrors.badRequest(request.bodyOverLimit) : waffoErrors.invalidJson()
  }
}
