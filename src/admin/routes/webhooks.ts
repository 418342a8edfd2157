import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { TriggerError, type TriggerInput, type TriggerResult } from '../../core/api.js'
import type { RequestContext } from '../../core/context.js'
import { MAX_ATTEMPTS, RETRY_DELAYS_MS, type AttemptRow, type DeliveryRow } from '../../core/webhooks/outbox.js'
import { adminFailure } from '../errors.js'

/** An API's events as the control plane triggers them. */
export interface EventSource {
  name: string
  events: readonly string[]
  trigger (ctx: RequestContext, input: TriggerInput): TriggerResult
  example?: TriggerInput
}

const Attempt = Type.Object({
  n: Type.Integer(),
  at: Type.String({ description: 'Mock time of the attempt' }),
  status: Type.Union([Type.Integer(), Type.Null()], { description: 'HTTP status, null when no answer came' }),
  latencyMs: Type.Integer(),
  error: Type.Union([Type.String(), Type.Null()]),
  response: Type.Union([Type.String(), Type.Null()], { description: 'The first 500 characters of the answer' })
})

const Delivery = Type.Object({
  id: Type.String(),
  api: Type.String(),
  event: Type.String(),
  store: Type.Union([Type.String(), Type.Null()]),
  subscription: Type.Union([Type.String(), Type.Null()], { description: 'The registered webhook, null for WEBHOOK_FORWARD_URL' }),
  target: Type.String(),
  status: Type.Enum(['pending', 'delivered', 'failed']),
  attempts: Type.Array(Attempt),
  nextAttemptAt: Type.Union([Type.String(), Type.Null()], { description: 'Mock time' }),
  createdAt: Type.String(),
  finishedAt: Type.Union([Type.String(), Type.Null()]),
  headers: Type.Union([Type.Record(Type.String(), Type.String()), Type.Null()], { description: 'As sent (signature included: it is not a secret); null before the first attempt' }),
  payload: Type.String({ description: 'The raw body, byte for byte' })
})

/** One webhook delivery as GET /__admin/webhooks/deliveries shows it. */
export type WebhookDelivery = Type.Static<typeof Delivery>

function formatDelivery (row: DeliveryRow, attempts: AttemptRow[]): WebhookDelivery {
  return {
    id: row.id,
    api: row.api,
    event: row.event,
    store: row.store,
    subscription: row.subscription,
    target: row.target,
    status: row.status,
    attempts: attempts.map((a) => ({ n: a.n, at: a.at, status: a.status, latencyMs: a.latency_ms, error: a.error, response: a.response })),
    nextAttemptAt: row.next_at,
    createdAt: row.created_at,
    finishedAt: row.finished_at,
    headers: row.signature === null ? null : JSON.parse(row.signature) as Record<string, string>,
    payload: row.payload
  }
}

/** A delivery with its attempts; 404 when there is no such delivery. */
function shown (outbox: RequestContext['outbox'], id: string, row: DeliveryRow | undefined) {
  if (!row) throw adminFailure(404, 'UNKNOWN_DELIVERY', `No delivery "${id}"`, '/id')
  return formatDelivery(row, outbox.attempts(row.id))
}

const Schedule = `Attempts: ${MAX_ATTEMPTS}; after a failed one the next waits ${RETRY_DELAYS_MS.map((ms) => `${ms / 60_000} min`).join(', ')} on the mock clock`

/** /__admin/webhooks: every delivery and its attempts, redelivery, and events on demand. */
export const webhookRoutes = (sources: readonly EventSource[]): FastifyPluginAsyncTypebox => async (app) => {
  app.get('/webhooks/deliveries', {
    config: { auth: 'admin' },
    schema: {
      description: Schedule,
      querystring: Type.Object({
        api: Type.Optional(Type.String()),
        event: Type.Optional(Type.String()),
        status: Type.Optional(Type.Enum(['pending', 'delivered', 'failed'])),
        store: Type.Optional(Type.String()),
        since: Type.Optional(Type.String({ description: 'ISO time (mock clock): deliveries created at or after it' })),
        limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 }))
      }, { additionalProperties: false }),
      response: { 200: Type.Object({ deliveries: Type.Array(Delivery) }) }
    }
  }, async (request) => {
    const { outbox } = request.ctx
    const { since } = request.query
    if (since !== undefined && Number.isNaN(Date.parse(since))) throw adminFailure(400, 'VALIDATION_FAILED', '/since is not an ISO 8601 time', '/since')
    const rows = outbox.list({ ...request.query, since: since === undefined ? undefined : new Date(since).toISOString(), limit: request.query.limit ?? 100 })
    return { deliveries: rows.map((row) => formatDelivery(row, outbox.attempts(row.id))) }
  })

  app.get('/webhooks/deliveries/:id', {
    config: { auth: 'admin' },
    schema: { params: Type.Object({ id: Type.String() }), response: { 200: Delivery } }
  }, async (request) => shown(request.ctx.outbox, request.params.id, request.ctx.outbox.byId(request.params.id)))

  app.post('/webhooks/deliveries/:id/redeliver', {
    config: { auth: 'admin' },
    schema: { params: Type.Object({ id: Type.String() }), response: { 200: Delivery } }
  }, async (request) => {
    const { outbox } = request.ctx
    const row = shown(outbox, request.params.id, outbox.redeliver(request.params.id))
    app.webhooks.deliverer.kick()
    return row
  })

  const events = sources.flatMap((source) => source.events)
  app.post('/webhooks/trigger', {
    config: { auth: 'admin' },
    schema: {
      body: Type.Object({
        event: Type.String({ description: `One of ${events.join(', ')}` }),
        api: Type.Optional(Type.Enum(sources.map((source) => source.name))),
        storeId: Type.Optional(Type.String({ minLength: 1 })),
        orderId: Type.Optional(Type.String({ minLength: 1 }))
      }, { additionalProperties: false, examples: sources.flatMap((source) => source.example ? [source.example] : []) }),
      response: {
        201: Type.Object({
          api: Type.String(),
          event: Type.String(),
          source: Type.Enum(['state', 'synthetic']),
          note: Type.String(),
          deliveries: Type.Array(Type.String())
        })
      }
    }
  }, async (request, reply) => {
    const { event, api, storeId, orderId } = request.body
    const source = sources.find((candidate) => (api === undefined || candidate.name === api) && candidate.events.includes(event))
    if (!source) throw adminFailure(400, 'UNKNOWN_EVENT', `/event must be one of ${events.join(', ')}`, '/event')
    let result: TriggerResult
    try {
      result = source.trigger(request.ctx, { event, storeId, orderId })
    } catch (error) {
      if (error instanceof TriggerError) throw adminFailure(error.statusCode, 'TRIGGER_REFUSED', error.message, error.path)
      throw error
    }
    const deliveries = result.event === null ? [] : request.ctx.outbox.deliveriesOf(result.event)
    app.webhooks.deliverer.kick()
    return reply.code(201).send({ api: source.name, event, source: result.source, note: result.note, deliveries })
  })
}
