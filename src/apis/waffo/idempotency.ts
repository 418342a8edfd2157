import { createHash } from 'node:crypto'
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest, onSendHookHandler, preValidationHookHandler } from 'fastify'
import { headerValue } from '../../http/raw-body.js'
import { declareRequestFields } from '../../http/request-fields.js'
import { caller } from './auth.js'
import { waffoErrors } from './errors.js'

/** The SDK's API reference: at most 256 letters, digits, hyphens and underscores; anything else is a 400. */
export const IDEMPOTENCY_KEY_FORMAT = /^[A-Za-z0-9_-]{1,256}$/
/** "Unique ID for write operations (cached 24h)": 24 h of mock time. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000
/** The header a replayed answer carries (our name; docs/fidelity.md). */
export const REPLAYED_HEADER = 'x-idempotency-replayed'

interface Claim { slot: string, merchantId: string, environment: 'test' | 'prod', key: string, hash: string, replayed: boolean }

declare module 'fastify' {
  interface FastifyRequest {
    /** Waffo: the X-Idempotency-Key this request holds while it runs. */
    idempotency?: Claim
  }
  interface FastifyContextConfig {
    /** Waffo: a write action (X-Idempotency-Key applies). */
    writes?: boolean
  }
}

/**
 * X-Idempotency-Key on every Waffo write action, in one place. After the gateway: a malformed
 * key → 400; a remembered answer (same merchant, environment, key and request, younger than 24 h of mock
 * time) → replayed byte for byte with `X-Idempotency-Replayed: true`; the same key with another
 * request → 409; the same key still in flight → 409. Only 2xx answers are remembered, so a
 * refused request writes nothing and may be retried with its key.
 */
export function idempotencyKeys (app: FastifyInstance): void {
  declareRequestFields(app, ['idempotency'])
  const inFlight = new Set<string>()

  /** The answer to replay, or undefined when the request goes on (holding its key). Throws the refusals. */
  const claim = (request: FastifyRequest, key: string) => {
    if (!IDEMPOTENCY_KEY_FORMAT.test(key)) throw waffoErrors.invalidIdempotencyKey()
    const who = caller(request)
    const { merchantId, environment } = who
    // A buyer's keys are its own: another buyer of the merchant (or the merchant) replaying one
    // got the first buyer's answer (probing). The prefix cannot clash: keys have no ':'.
    const scoped = who.kind === 'buyer' ? `buyer:${who.storeId}:${who.buyerIdentity}:${key}` : key
    const hash = createHash('sha256').update(`${request.method}\n${request.url}\n`).update(request.rawBody ?? '').digest('hex')
    const slot = `${merchantId}\n${environment}\n${scoped}`
    if (inFlight.has(slot)) throw waffoErrors.idempotencyInFlight()
    const { repos: { waffo }, clock } = request.ctx
    const remembered = waffo.idempotency.find(merchantId, environment, scoped)
    if (remembered && clock.now() - remembered.created_at < IDEMPOTENCY_TTL_MS) {
      if (remembered.request_hash !== hash) throw waffoErrors.idempotencyKeyReused()
      request.idempotency = { slot, merchantId, environment, key: scoped, hash, replayed: true }
      return remembered
    }
    inFlight.add(slot)
    request.idempotency = { slot, merchantId, environment, key: scoped, hash, replayed: false }
    return undefined
  }

  // Callback-style and on write routes only: an async hook on every route cost a promise per
  // request for a header most requests do not send.
  const preValidation: preValidationHookHandler = (request, reply, done) => {
    const key = headerValue(request.headers['x-idempotency-key'])
    if (key === undefined) return done()
    let remembered
    try {
      remembered = claim(request, key)
    } catch (error) {
      return done(error as FastifyError)
    }
    if (!remembered) return done()
    if (remembered.content_type) reply.header('content-type', remembered.content_type)
    reply.code(remembered.status).header(REPLAYED_HEADER, 'true').send(remembered.body)
  }

  const remember: onSendHookHandler = (request, reply, payload, done) => {
    const held = request.idempotency
    if (held && !held.replayed && request.fault?.respond === undefined && reply.statusCode >= 200 && reply.statusCode < 300 && typeof payload === 'string') {
      const contentType = reply.getHeader('content-type')
      request.ctx.repos.waffo.idempotency.save({
        merchant_id: held.merchantId,
        environment: held.environment,
        key: held.key,
        request_hash: held.hash,
        status: reply.statusCode,
        content_type: typeof contentType === 'string' ? contentType : null,
        body: payload,
        created_at: request.ctx.clock.now()
      })
    }
    done(null, payload)
  }

  const release = (request: FastifyRequest) => {
    if (request.idempotency && !request.idempotency.replayed) inFlight.delete(request.idempotency.slot)
  }

  const plus = <T> (hooks: T | T[] | undefined, hook: T): T[] => [...(hooks === undefined ? [] : Array.isArray(hooks) ? hooks : [hooks]), hook]
  app.addHook('onRoute', (route) => {
    if (!route.config?.writes) return
    route.preValidation = plus(route.preValidation, preValidation)
    route.onSend = plus(route.onSend, remember)
    route.onResponse = plus(route.onResponse, (request: FastifyRequest, _reply: FastifyReply, done: () => void) => { release(request); done() })
    route.onRequestAbort = plus(route.onRequestAbort, (request: FastifyRequest, done: () => void) => { release(request); done() })
  })
}
