import type { FastifyContextConfig, FastifyInstance, FastifyRequest } from 'fastify'
import { declareRequestFields } from '../http/request-fields.js'

/**
 * How a request fared at its API's guard: authenticated (`ok`), refused, or on a route that
 * declared itself public. The journal, the dashboard and debug logs read it.
 */
export interface Verdict {
  outcome: 'ok' | 'refused' | 'public'
  /** The refusal's code (the API's own where it has one), null otherwise. */
  code: string | null
  /** Why, for a person: never a secret, a signature or a token. */
  reason: string
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The credentials the route needs: one of its API's scopes. Absent means the API's strictest scope. */
    auth?: string
    /** The route is open to anyone; the value says why. */
    public?: string
  }
  interface FastifyRequest {
    verdict?: Verdict
    /** The partner or merchant the request authenticated as. */
    tenant?: string
    /** Who the guard verified, read through callerSlot's typed `get`. */
    verifiedCaller?: object
    /** Which API's guard verified it. */
    verifiedBy?: string
  }
}

/** The guards' fields, declared on every request before any guard sets them. */
export function declareAuthFields (app: FastifyInstance): void {
  declareRequestFields(app, ['verdict', 'tenant', 'verifiedCaller', 'verifiedBy'])
}

/** Records a refusal and hands back the error to throw. */
export function refuse<E> (request: FastifyRequest, code: string, reason: string, error: E): E {
  request.verdict = { outcome: 'refused', code, reason }
  return error
}

export function accept (request: FastifyRequest, tenant: string, reason: string): void {
  request.tenant = tenant
  request.verdict = { outcome: 'ok', code: null, reason }
}

/**
 * For a route that declared itself public: records the declared reason; false when it must be
 * authenticated. `route` is the route's config, read once by the guard (`request.routeOptions`
 * builds a new object on each read).
 */
export function admitPublic (request: FastifyRequest, route: FastifyContextConfig): boolean {
  // An unmatched path reaches the API's 404 handler, which runs the API's hooks too: its 404 is
  // the answer whatever the credentials, as before default deny.
  const why = request.is404 ? 'no route matches; the API answers 404' : route.public
  if (!why) return false
  request.verdict = { outcome: 'public', code: null, reason: why }
  return true
}

/**
 * Who an API's guard authenticated, kept per request and read through the API's own typed
 * `caller(request)`; reading it on a request no guard verified is a bug of ours, said loudly.
 */
export function callerSlot<Caller extends object> (api: string) {
  // On the request itself, not in a WeakMap: an ephemeron per request cost every scavenge.
  return {
    set (request: FastifyRequest, caller: Caller): void {
      request.verifiedCaller = caller
      request.verifiedBy = api
    },
    get (request: FastifyRequest): Caller {
      const found = request.verifiedBy === api ? request.verifiedCaller as Caller | undefined : undefined
      if (!found) throw new Error(`internal: ${request.method} ${request.url} read its ${api} caller, but no credentials were verified`)
      return found
    }
  }
}
