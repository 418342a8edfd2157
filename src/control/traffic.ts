import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { APIS, apiFor } from '../apis/index.js'
import type { Fault, FaultBook, FaultTarget } from './faults.js'
import { capBody, type Journal } from './journal.js'
import { nearMissFinder } from './near-miss.js'

declare module 'fastify' {
  interface FastifyRequest {
    /** Mock time when the request arrived (epoch ms). */
    arrivedAt: number
    /** The fault rule that shaped this answer, if any. */
    fault?: Fault
    /** The serialized answer, kept for the journal. */
    sentBody?: unknown
  }
}

export interface TrafficOptions {
  journal: Journal
  faults: FaultBook
}

const isAdmin = (url: string) => url === '/__admin' || url.startsWith('/__admin/') || url.startsWith('/__admin?')
const pathOf = (url: string) => {
  const query = url.indexOf('?')
  return query === -1 ? url : url.slice(0, query)
}

/**
 * Everything that watches or bends API traffic, at the root so it sees every API and unmatched
 * paths alike: the request journal, fault injection, the request id header, and the debug line
 * that explains a refusal. Control-plane requests pass untouched.
 */
export const traffic = fp(async (app: FastifyInstance, { journal, faults }: TrafficOptions) => {
  const nearMiss = nearMissFinder(app.mock.routes, APIS.map((api) => api.prefix))
  app.decorateRequest('arrivedAt', 0)

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

  async function applyFault (request: FastifyRequest, reply: FastifyReply, fault: Fault) {
    request.fault = fault
    if (fault.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.delayMs))
    if (fault.drop) {
      record(request, reply, 0)
      reply.hijack()
      reply.raw.destroy()
      return reply
    }
    if (!fault.respond) return undefined
    const { status, body, headers } = fault.respond
    if (headers) reply.headers(headers)
    const api = apiFor(pathOf(request.url))
    if (body !== undefined) return reply.code(status).send(body)
    if (api) return api.replyError(request, reply, api.statusError(status))
    return reply.code(status).send({ error: { code: 'FAULT', message: `Injected fault ${fault.id}` } })
  }

  app.addHook('onRequest', async (request, reply) => {
    if (isAdmin(request.url)) return
    request.arrivedAt = request.ctx.clock.now()
    reply.header('x-request-id', request.id)
    if (faults.size === 0) return
    const fault = faults.take(target(request), false)
    if (fault) return applyFault(request, reply, fault)
  })

  // Rules that name a tenant wait until the API's guard has said who is calling.
  app.addHook('preHandler', async (request, reply) => {
    if (faults.size === 0 || request.tenant === undefined || isAdmin(request.url)) return
    const fault = faults.take(target(request), true)
    if (fault) return applyFault(request, reply, fault)
  })

  app.addHook('onSend', async (request, _reply, payload) => {
    if (journal.enabled && !isAdmin(request.url) && (typeof payload === 'string' || Buffer.isBuffer(payload))) {
      request.sentBody = payload
    }
    return payload
  })

  function record (request: FastifyRequest, reply: FastifyReply, status: number) {
    const path = pathOf(request.url)
    const missed = request.is404 && !request.fault ? nearMiss(request.method, path) : undefined
    journal.record({
      requestId: request.id,
      at: request.arrivedAt,
      api: apiFor(path)?.name ?? null,
      method: request.method,
      path,
      query: request.query as Record<string, unknown> ?? {},
      headers: request.headers,
      status,
      durationMs: Math.round(reply.elapsedTime * 1000) / 1000,
      tenant: request.tenant ?? null,
      auth: request.verdict ?? null,
      requestBody: capBody(request.rawBody),
      responseBody: capBody(request.sentBody as string | Buffer | undefined),
      ...(request.fault ? { fault: request.fault.id } : {}),
      ...(missed ? { nearMiss: missed } : {})
    })
  }

  app.addHook('onResponse', async (request, reply) => {
    if (isAdmin(request.url)) return
    if (request.verdict?.outcome === 'refused') request.log.debug({ verdict: request.verdict }, 'request refused')
    if (journal.enabled && !request.fault?.drop) record(request, reply, reply.statusCode)
  })
}, { name: 'traffic', dependencies: ['request-context'] })
