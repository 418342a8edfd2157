import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { validateHeaderName, validateHeaderValue } from 'node:http'
import Type from 'typebox'
import { adminFailure } from '../errors.js'

/** The methods a request can reach the APIs with: a rule for another could never apply. */
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']

const Rule = {
  method: Type.Optional(Type.String({ minLength: 1, description: `${METHODS.join(', ')}, any case` })),
  path: Type.String({ minLength: 1, description: 'Exact, or with * wildcards; with or without the API prefix' }),
  tenant: Type.Optional(Type.String({ minLength: 1, description: 'Only requests authenticated as this partner / merchant' })),
  times: Type.Optional(Type.Integer({ minimum: 1, description: 'Applies this many times, then is removed' })),
  probability: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
  seed: Type.Optional(Type.Integer({ description: 'Makes probability draws repeatable' })),
  respond: Type.Optional(Type.Object({
    // 1xx is not a final answer: a client waits for the one that never comes.
    status: Type.Integer({ minimum: 200, maximum: 599 }),
    body: Type.Optional(Type.Unknown({ description: 'Sent as is; without it, the owning API\'s own error envelope for the status' })),
    headers: Type.Optional(Type.Record(Type.String(), Type.String()))
  }, { additionalProperties: false })),
  delayMs: Type.Optional(Type.Integer({ minimum: 0, maximum: 600_000 })),
  drop: Type.Optional(Type.Literal(true, { description: 'Close the connection without an answer' }))
}
const Id = Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) })

/** Fault injection: make the APIs fail, stall or hang up on purpose, the way a real outage would. */
export const faultRoutes: FastifyPluginAsyncTypebox<{ apiNames: readonly string[] }> = async (app, { apiNames }) => {
  const rule = { api: Type.Optional(Type.Enum(apiNames, { description: `An API name (${apiNames.join(', ')})` })), ...Rule }
  const FaultRule = Type.Object(rule, {
    additionalProperties: false,
    examples: [{ path: '/v1/actions/store/delete-store', respond: { status: 503 }, times: 2 }, { path: '/partner/stores/*', delayMs: 3000 }]
  })
  const example = { id: 'flt_1c45cfb3aec5', path: '/v1/actions/store/delete-store', hits: 0, times: 2, respond: { status: 503 } }
  const Fault = Type.Object({ id: Type.String(), ...rule, hits: Type.Integer() }, { examples: [example] })

  app.post('/faults', {
    config: { auth: 'admin' },
    schema: { body: FaultRule, response: { 201: Fault } }
  }, async (request, reply) => {
    const rule = request.body
    if (!rule.respond && rule.delayMs === undefined && !rule.drop) {
      throw adminFailure(400, 'VALIDATION_FAILED', '/ needs respond, delayMs or drop', '/')
    }
    if (rule.respond && rule.drop) throw adminFailure(400, 'VALIDATION_FAILED', '/drop cannot go with respond', '/drop')
    if (rule.method !== undefined && !METHODS.includes(rule.method.toUpperCase())) {
      throw adminFailure(400, 'VALIDATION_FAILED', `/method must be one of ${METHODS.join(', ')}`, '/method')
    }
    for (const [name, value] of Object.entries(rule.respond?.headers ?? {})) headerProblem(name, value)
    return reply.code(201).send(request.ctx.faults.add(rule))
  })

  app.get('/faults', {
    config: { auth: 'admin' },
    schema: { response: { 200: Type.Object({ faults: Type.Array(Fault) }, { examples: [{ faults: [example] }] }) } }
  }, async (request) => ({ faults: request.ctx.faults.list() }))

  app.delete('/faults/:id', {
    config: { auth: 'admin' },
    schema: { params: Id, response: { 200: Type.Object({ deleted: Type.String() }) } }
  }, async (request) => {
    if (!request.ctx.faults.remove(request.params.id)) {
      throw adminFailure(404, 'UNKNOWN_FAULT', `No fault rule "${request.params.id}"`, '/id')
    }
    return { deleted: request.params.id }
  })

  app.delete('/faults', {
    config: { auth: 'admin' },
    schema: { response: { 200: Type.Object({ cleared: Type.Integer() }) } }
  }, async (request) => ({ cleared: request.ctx.faults.clear() }))
}

/** Framing stays the server's: a wrong Content-Length or Transfer-Encoding would hang the client (a Trailer fails Node's answer). */
const FRAMING = new Set(['content-length', 'transfer-encoding', 'connection', 'upgrade', 'keep-alive', 'trailer'])

/** A header Node could not send (a space in its name, CR/LF in its value) would fail the answer, not the rule. */
function headerProblem (name: string, value: string): void {
  const path = `/respond/headers/${name.replaceAll('~', '~0').replaceAll('/', '~1')}`
  try {
    validateHeaderName(name)
  } catch {
    throw adminFailure(400, 'VALIDATION_FAILED', `${path} is not a valid HTTP header name`, path)
  }
  if (FRAMING.has(name.toLowerCase())) throw adminFailure(400, 'VALIDATION_FAILED', `${path} is set by the server, not by a fault rule`, path)
  try {
    validateHeaderValue(name, value)
  } catch {
    throw adminFailure(400, 'VALIDATION_FAILED', `${path} has characters a header value cannot carry`, path)
  }
}
