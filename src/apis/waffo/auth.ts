import type { FastifyRequest } from 'fastify'
import type { Clock } from '../../clock.js'
import type { Config } from '../../config.js'
import { headerValue } from '../../http/raw-body.js'
import { verifyWaffoSignature, waffoCanonical } from '../../signing/waffo.js'
import { waffoErrors } from './errors.js'
import type { WaffoStore } from './store.js'

/** What the gateway forwards once a key verified: the merchant and the key's environment. */
export interface MerchantContext { merchantId: string, environment: 'test' | 'prod' }

declare module 'fastify' {
  interface FastifyContextConfig { waffoAuth?: 'apiKey' }
  interface FastifyRequest { merchantContext?: MerchantContext }
}

/**
 * The gateway's API-key check: X-Merchant-Id, X-Timestamp (epoch seconds) and X-Signature over
 * the canonical request, verified against each public key the merchant registered. The key that
 * verifies decides the environment.
 */
export function waffoAuthenticator (store: WaffoStore, clock: Clock, config: Config) {
  const explain = (reason: string, extra: Record<string, unknown> = {}) =>
    config.debugSignatures ? { reason, ...extra } : undefined

  return async function authenticate (request: FastifyRequest): Promise<void> {
    if (!request.routeOptions.config.waffoAuth) return
    const merchantId = headerValue(request.headers['x-merchant-id'])
    const timestamp = headerValue(request.headers['x-timestamp'])
    const signature = headerValue(request.headers['x-signature'])
    if (!merchantId || !timestamp || !signature) throw waffoErrors.missingAuthentication()

    const nowSeconds = Math.floor(clock.now() / 1000)
    if (!/^\d{1,13}$/.test(timestamp)) {
      throw waffoErrors.authenticationFailed(explain('X-Timestamp is not integer epoch seconds'))
    }
    const skew = nowSeconds - Number(timestamp)
    if (Math.abs(skew) > config.timestampWindowSeconds) {
      throw waffoErrors.authenticationFailed(explain(
        `X-Timestamp is ${Math.abs(skew)} s in the ${skew > 0 ? 'past' : 'future'}; the window is ±${config.timestampWindowSeconds} s`,
        { serverTime: nowSeconds }))
    }

    const keys = store.apiKeys(merchantId)
    if (keys.length === 0) throw waffoErrors.invalidApiKey()

    const canonical = waffoCanonical(request.method, request.url, timestamp, request.rawBody ?? '')
    const key = keys.find((candidate) => verifyWaffoSignature(candidate.public_key_pem, canonical, signature))
    if (!key) {
      throw waffoErrors.authenticationFailed(explain('no registered public key of this merchant verifies X-Signature',
        { expectedCanonical: canonical }))
    }
    if (request.bodyNotJson) throw waffoErrors.invalidJson()
    request.merchantContext = { merchantId, environment: key.environment }
  }
}
