import { isIP } from 'node:net'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { headerValue } from '../http/raw-body.js'
import { adminError } from '../http/answer.js'

export interface AdminGuardOptions {
  /** The interface the server listens on (HOST). */
  boundHost: string
  /** ADMIN_ALLOWED_HOSTS: more names the Host header may carry; `*` allows any. */
  allowedHosts: readonly string[]
}

/** The host part of a Host header, lowercase, without port or trailing dot. */
export function hostName (host: string): string {
  const value = host.trim().toLowerCase()
  const name = value.startsWith('[') ? value.slice(0, value.indexOf(']') + 1) : value.replace(/:\d*$/, '')
  return name.replace(/\.$/, '')
}

/**
 * Who may reach the control plane (docs/fidelity.md, README "Security notes"):
 * - Host: an IP literal (DNS rebinding always carries the attacker's own name), `localhost`
 *   (and `*.localhost`), the bound HOST, or a name in ADMIN_ALLOWED_HOSTS.
 * - Origin, when a browser sends one: the mock's own (`http(s)://` + Host); anything else,
 *   `null` included, is a page elsewhere.
 */
export function hostAllowed (host: string | undefined, { boundHost, allowedHosts }: AdminGuardOptions): boolean {
  if (allowedHosts.includes('*')) return true
  if (host === undefined || host.trim() === '') return false
  const name = hostName(host)
  const bare = name.replace(/^\[(.*)\]$/, '$1')
  if (isIP(bare) !== 0) return true
  if (name === 'localhost' || name.endsWith('.localhost')) return true
  return name === hostName(boundHost) || allowedHosts.some((allowed) => hostName(allowed) === name)
}

function originAllowed (request: FastifyRequest): boolean {
  const origin = headerValue(request.headers.origin)
  if (origin === undefined) return true
  const host = headerValue(request.headers.host)?.toLowerCase()
  const given = origin.toLowerCase()
  return host !== undefined && (given === `http://${host}` || given === `https://${host}`)
}

/** `application/json`, optionally with parameters (`; charset=utf-8`). */
const JSON_TYPE = /^application\/json\s*(;|$)/i

/**
 * A web page must not drive the control plane: a "simple" cross-site POST (text/plain, form
 * encodings) is refused by its media type, any other cross-site request by its Origin, and DNS
 * rebinding by its Host. Public routes (health for probes, the static dashboard page) stay open.
 */
export function guardAdmin (app: FastifyInstance, options: AdminGuardOptions): void {
  // Callback-style: an async hook costs a promise on every control-plane call (health probes, resets).
  app.addHook('onRequest', (request, reply, done) => {
    // No route, nothing to guard: the not-found handler answers 404 (whatever the body's type).
    if (request.routeOptions.config.public || request.is404) return done()
    const host = headerValue(request.headers.host)
    if (!hostAllowed(host, options)) {
      return reply.code(403).send(adminError('ADMIN_HOST_REFUSED', `Host ${JSON.stringify(host ?? '')} may not reach the control plane; list it in ADMIN_ALLOWED_HOSTS`))
    }
    if (!originAllowed(request)) {
      return reply.code(403).send(adminError('ADMIN_ORIGIN_REFUSED', `Origin ${JSON.stringify(headerValue(request.headers.origin))} is not this mock's origin; the control plane refuses cross-site requests`))
    }
    const type = headerValue(request.headers['content-type'])
    const hasBody = Number(request.headers['content-length'] ?? 0) > 0 || request.headers['transfer-encoding'] !== undefined
    if ((type !== undefined || hasBody) && !JSON_TYPE.test(type ?? '')) {
      return reply.code(415).send(adminError('UNSUPPORTED_MEDIA_TYPE', 'Content-Type must be application/json'))
    }
    done()
  })
}
