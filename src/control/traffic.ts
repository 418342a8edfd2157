import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { ownerOf, type ApiRoute } from '../core/api.js'
import type { Fault, FaultBook, FaultTarget } from '../core/faults.js'
import type { Journal } from '../core/journal.js'
import { declareRequestFields } from '../http/request-fields.js'
import { pathOf } from '../http/url.js'
import { nearMissFinder } from './near-miss.js'
import { adminError, JSON_TYPE } from '../http/answer.js'

declare module 'fastify' {
  interface FastifyRequest {
    /** An API request (not the control plane): journaled, faultable. */
    watched: boolean
    /** Mock time when the request arrived (epoch ms). */
    arrivedAt: number
    /** The fault rule that shaped this answer, if any. */
    fault?: Fault
    /** The serialized answer, for the journal. */
    sentBody?: string | Buffer
  }
}

export interface TrafficOptions {
  journal: Journal
  faults: FaultBook
  /** The simulated APIs (the registry, handed down by the app): whose prefix owns a URL, and its error envelope. */
  apis: readonly ApiRoute[]
}

/** A fault rule's answer: a string as it is, anything else as JSON. */
const asGiven = (payload: unknown) => typeof payload === 'string' ? payload : JSON.stringify(payload)

const isAdmin = (url: string) => url === '/__admin' || url.startsWith('/__admin/') || url.startsWith('/__admin?')

/** Why Fastify refused a body before any API looked at it, for the journal. */
function bodyRefusal (code: string, message: string, contentType: string | undefined): string {
  if (code !== 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return `the body was refused before authentication: ${message}`
  const sent = contentType === undefined ? 'no Content-Type' : `Content-Type "${contentType}"`
  return contentType?.includes(',')
    ? `${sent} is several values joined: the header was sent more than once (a signing helper's Content-Type plus your own?). Send exactly one Content-Type: application/json`
    : `${sent} is not a media type this API accepts: send Content-Type: application/json`
}

/**
 * Everything that watches or bends API traffic, at the root so it sees every API and unmatched
 * paths alike: the request journal, fault injection, the request id header, and the debug line
 * that explains a refusal. Control-plane requests pass untouched.
 */
export const traffic = fp(async (app: FastifyInstance, { journal, faults, apis }: TrafficOptions) => {
  const nearMiss = nearMissFinder(app.mock.routes, apis.map((api) => api.prefix))
  const apiFor = (url: string) => ownerOf(apis, url)
  app.decorateRequest('watched', false)
  app.decorateRequest('arrivedAt', 0)
  declareRequestFields(app, ['fault', 'sentBody'])

  const target = (request: FastifyRequest): FaultTarget => {
    const path = pathOf(request.url)
    const api = apiFor(path)
    return {
      api: api?.name,
      method: request.method,
      path,
      localPath: api ? path.slice(api.prefix.length) || '/' : undefined,
      tenant: request.tenant
    }
  }

  /** Delays, answers or hangs up as the rule says; calls `done` only when the request goes on normally. */
  function applyFault (request: FastifyRequest, reply: FastifyReply, fault: Fault, done: () => void): void {
    request.fault = fault
    const act = () => {
      if (fault.drop) {
        record(request, reply, 0)
        reply.hijack()
        reply.raw.destroy()
        return
      }
      if (!fault.respond) return done()
      const { status, body, headers } = fault.respond
      if (headers) reply.headers(headers)
      const api = apiFor(pathOf(request.url))
      // A rule's body goes out as given (a string raw, anything else as JSON): the route's response
      // schema would refuse a body that breaks the contract on purpose, and a text Content-Type an object.
      if (body !== undefined) {
        if (typeof body !== 'string' && !reply.hasHeader('content-type')) reply.type(JSON_TYPE)
        reply.code(status).serializer(asGiven).send(body)
        return
      }
      if (!/json/i.test(String(reply.getHeader('content-type') ?? 'json'))) reply.serializer(asGiven)
      if (api) api.replyError(request, reply, api.statusError(status))
      else reply.code(status).send(adminError('FAULT', `Injected fault ${fault.id}`))
    }
    if (fault.delayMs) setTimeout(act, fault.delayMs)
    else act()
  }

  // Callback-style hooks: they run on every request, and an async hook costs a promise each time.
  app.addHook('onRequest', (request, reply, done) => {
    if (isAdmin(request.url)) return done()
    request.watched = true
    request.arrivedAt = request.ctx.clock.now()
    reply.header('x-request-id', request.id)
    const fault = faults.size === 0 ? undefined : faults.take(target(request), false)
    if (!fault) return done()
    applyFault(request, reply, fault, done)
  })

  // Rules that name a tenant wait until the API's guard has said who is calling.
  app.addHook('preHandler', (request, reply, done) => {
    const fault = faults.size === 0 || request.tenant === undefined || !request.watched ? undefined : faults.take(target(request), true)
    if (!fault) return done()
    applyFault(request, reply, fault, done)
  })

  app.addHook('onSend', (request, _reply, payload, done) => {
    if (request.watched && journal.enabled && (typeof payload === 'string' || Buffer.isBuffer(payload))) request.sentBody = payload
    done(null, payload)
  })

  function record (request: FastifyRequest, reply: FastifyReply, status: number) {
    const path = pathOf(request.url)
    const missed = request.is404 && !request.fault ? nearMiss(request.method, path) : undefined
    const api = apiFor(path)?.name ?? null
    // Outside both APIs, only what looks like a miss of one of them (not a browser's /favicon.ico).
    if (api === null && !missed && !request.fault) return
    journal.record({
      requestId: request.id,
      at: request.arrivedAt,
      api,
      method: request.method,
      path,
      url: request.url,
      rawHeaders: request.raw.rawHeaders,
      status,
      durationMs: Math.round(reply.elapsedTime * 1000) / 1000,
      tenant: request.tenant ?? null,
      auth: request.verdict ?? null,
      requestBody: request.rawBody,
      responseBody: request.sentBody,
      // Absent when undefined: the details' JSON leaves them out.
      fault: request.fault?.id,
      nearMiss: missed
    })
  }

  // A body refused before the API's guard ran (Fastify's content-type checks) gets a reason too.
  app.addHook('onError', (request, _reply, error, done) => {
    if (request.watched && !request.verdict && error.code?.startsWith('FST_ERR_CTP_')) {
      request.verdict = { outcome: 'refused', code: error.code, reason: bodyRefusal(error.code, error.message, request.headers['content-type']) }
    }
    done()
  })

  app.addHook('onResponse', (request, reply, done) => {
    if (request.watched) {
      if (request.verdict?.outcome === 'refused') request.log.debug({ verdict: request.verdict }, 'request refused')
      if (journal.enabled && !request.fault?.drop) record(request, reply, reply.statusCode)
    }
    done()
  })
}, { name: 'traffic', dependencies: ['request-context'] })
