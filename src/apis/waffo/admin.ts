import { shortId } from './ids.js'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { adminFailure } from '../../admin/errors.js'
import { atomically } from '../../db/atomically.js'
import { TICKET_STATUSES } from './fixture.js'
import type { WaffoWebhookSigner } from './webhooks/signer.js'
import { changeCard, OUTCOMES, PurchaseRefusal } from './checkout.js'
import { settleSession } from './plan-change.js'
import { formatBinding, formatTicket, KYB_TICKET_EXAMPLE, KybTicket, SENDER_BINDING_EXAMPLE, SenderBinding } from './format.js'
import { formatRefund, formatRefundTicket, moveTicket, Refund, RefundTicket, TICKET_ACTIONS, TicketRefusal, type TicketAction } from './refunds.js'

const StoreFilter = Type.Object({ storeId: Type.Optional(Type.String({ minLength: 1 })) })

/**
 * /__admin/waffo: what upstream has no public API for. KYB tickets and sender bindings (a test
 * creates and clears them to reach, and leave, delete-store's pending_tickets, bound_emails and
 * bound_domains categories), paying a checkout session, moving refund tickets, a subscription's
 * card; and the webhook key.
 */
export const waffoAdmin: FastifyPluginAsyncTypebox = async (app) => {
  const liveStore = (storeId: string, repos: { isLiveStore: (id: string) => boolean }) => {
    if (!repos.isLiveStore(storeId)) throw adminFailure(404, 'UNKNOWN_STORE', `No live Waffo store "${storeId}"`, '/storeId')
  }

  app.get('/webhook-key', {
    config: { auth: 'admin' },
    schema: {
      response: {
        200: Type.Object({
          algorithm: Type.Literal('RSA-SHA256'),
          header: Type.Literal('X-Waffo-Signature'),
          format: Type.String(),
          publicKey: Type.String({ description: 'PEM (SPKI): verifyWebhook(body, header, { publicKey }) or WAFFO_WEBHOOK_PUBLIC_KEY' })
        }, {
          examples: [{
            algorithm: 'RSA-SHA256',
            header: 'X-Waffo-Signature',
            format: 't=<epoch ms>,v1=<base64 RSA-SHA256 over "<t>.<raw body>">',
            publicKey: '-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA5QWP5rvXzmUc9YbpsV6L\n…\n-----END PUBLIC KEY-----\n'
          }]
        })
      }
    }
  }, async () => ({
    algorithm: 'RSA-SHA256' as const,
    header: 'X-Waffo-Signature' as const,
    format: 't=<epoch ms>,v1=<base64 RSA-SHA256 over "<t>.<raw body>">',
    publicKey: (app.webhooks.signers.get('waffo') as WaffoWebhookSigner).publicKey()
  }))

  app.post('/kyb-tickets', {
    config: { auth: 'admin' },
    schema: {
      summary: 'Open a Waffo KYB ticket on a store (blocks delete-store)',
      body: Type.Object({ storeId: Type.String({ minLength: 1 }), status: Type.Optional(Type.Enum(TICKET_STATUSES)) }, { additionalProperties: false, examples: [{ storeId: 'STO_2aUyqjCzEIiEcYMKj7TZtw' }] }),
      response: { 201: KybTicket }
    }
  }, async (request, reply) => {
    const { db, clock, repos: { waffo } } = request.ctx
    const ticket = atomically(db, () => {
      liveStore(request.body.storeId, waffo.seeding)
      return waffo.seeding.createTicket(shortId('TKT'), request.body.storeId, request.body.status ?? 'pending', clock.iso())
    })
    return reply.code(201).send(formatTicket(ticket))
  })

  app.post('/kyb-tickets/:id/resolve', {
    config: { auth: 'admin' },
    schema: {
      summary: 'Resolve a Waffo KYB ticket',
      params: Type.Object({ id: Type.String() }),
      body: Type.Object({ status: Type.Enum(['succeeded', 'rejected']) }, { additionalProperties: false, examples: [{ status: 'succeeded' }] }),
      response: { 200: KybTicket }
    }
  }, async (request) => {
    const { clock, repos: { waffo } } = request.ctx
    const ticket = waffo.seeding.setTicketStatus(request.params.id, request.body.status, clock.iso())
    if (!ticket) throw adminFailure(404, 'UNKNOWN_TICKET', `No KYB ticket "${request.params.id}"`, '/id')
    return formatTicket(ticket)
  })

  app.get('/kyb-tickets', {
    config: { auth: 'admin' },
    schema: { summary: 'Waffo KYB tickets, optionally of one store', querystring: StoreFilter, response: { 200: Type.Object({ tickets: Type.Array(KybTicket) }, { examples: [{ tickets: [KYB_TICKET_EXAMPLE] }] }) } }
  }, async (request) => ({ tickets: request.ctx.repos.waffo.seeding.tickets(request.query.storeId).map(formatTicket) }))

  app.post('/bindings', {
    config: { auth: 'admin' },
    schema: {
      summary: 'Bind a sender email or domain to a Waffo store (blocks delete-store)',
      body: Type.Object({
        storeId: Type.String({ minLength: 1 }), kind: Type.Enum(['email', 'domain']), value: Type.String({ minLength: 1 })
      }, { additionalProperties: false, examples: [{ storeId: 'STO_2aUyqjCzEIiEcYMKj7TZtw', kind: 'email', value: 'billing@example.com' }] }),
      response: { 201: SenderBinding }
    }
  }, async (request, reply) => {
    const { db, clock, repos: { waffo } } = request.ctx
    const { storeId, kind, value } = request.body
    const binding = atomically(db, () => {
      liveStore(storeId, waffo.seeding)
      if (waffo.seeding.bindings(storeId).some((row) => row.kind === kind && row.value === value)) {
        throw adminFailure(409, 'BINDING_EXISTS', `Store "${storeId}" already has the ${kind} binding "${value}"`, '/value')
      }
      return waffo.seeding.createBinding(storeId, kind, value, clock.iso())
    })
    return reply.code(201).send(formatBinding(binding))
  })

  app.delete('/bindings/:id', {
    config: { auth: 'admin' },
    schema: { summary: 'Revoke a Waffo sender binding', params: Type.Object({ id: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }) }), response: { 200: SenderBinding } }
  }, async (request) => {
    const binding = request.ctx.repos.waffo.seeding.revokeBinding(request.params.id)
    if (!binding) throw adminFailure(404, 'UNKNOWN_BINDING', `No sender binding ${request.params.id}`, '/id')
    return formatBinding(binding)
  })

  app.get('/bindings', {
    config: { auth: 'admin' },
    schema: { summary: 'Waffo sender bindings, optionally of one store', querystring: StoreFilter, response: { 200: Type.Object({ bindings: Type.Array(SenderBinding) }, { examples: [{ bindings: [SENDER_BINDING_EXAMPLE] }] }) } }
  }, async (request) => ({ bindings: request.ctx.repos.waffo.seeding.bindings(request.query.storeId).map(formatBinding) }))

  const Outcome = Type.Object({
    outcome: Type.Enum(OUTCOMES),
    buyerIdentity: Type.Optional(Type.String({
      minLength: 1,
      maxLength: 256,
      description: 'The buyer an authenticated checkout binds the order to (what its link\'s #token carries; a session opened with a buyer token has its own)'
    }))
  }, { additionalProperties: false, examples: [{ outcome: 'success' }, { outcome: 'decline', buyerIdentity: 'user-123' }] })

  // Pays a checkout session (or confirms a plan change) as the hosted page would, for suites that want no browser.
  app.post('/checkout-sessions/:id/pay', {
    config: { auth: 'admin' },
    schema: {
      params: Type.Object({ id: Type.String() }),
      body: Outcome,
      response: {
        200: Type.Object({
          sessionId: Type.String(),
          orderId: Type.String(),
          orderStatus: Type.String(),
          // null: a plan change with nothing due charges nothing.
          paymentId: Type.Union([Type.String(), Type.Null()]),
          paymentStatus: Type.Union([Type.String(), Type.Null()]),
          successUrl: Type.Union([Type.String(), Type.Null()])
        })
      }
    }
  }, async (request) => {
    try {
      const { session, order, payment } = atomically(request.ctx.db, () => settleSession(request.ctx, request.params.id, request.body.outcome, { identity: request.body.buyerIdentity }))
      return { sessionId: session.id, orderId: order.id, orderStatus: order.status, paymentId: payment?.id ?? null, paymentStatus: payment?.status ?? null, successUrl: session.success_url }
    } catch (error) {
      if (error instanceof PurchaseRefusal) throw adminFailure(error.status, error.code, error.message, '/id')
      throw error
    }
  })

  // Upstream reviews refund tickets by hand; a suite moves them here (refunds.ts TICKET_ACTIONS).
  app.post('/refund-tickets/:id/:action', {
    config: { auth: 'admin' },
    schema: {
      summary: 'Move a Waffo refund ticket: review, approve, reject, return, process, succeed (refund + refund.succeeded), fail (refund.failed) or cancel',
      params: Type.Object({ id: Type.String(), action: Type.Enum(Object.keys(TICKET_ACTIONS) as TicketAction[]) }),
      body: Type.Optional(Type.Object({
        note: Type.Optional(Type.String({ minLength: 1, maxLength: 1000, description: 'reject: the rejectReason; any other action: the reviewNote' }))
      }, { additionalProperties: false, examples: [{ note: 'Refund approved: the buyer was charged twice' }] })),
      response: { 200: Type.Object({ ticket: RefundTicket, refund: Type.Optional(Refund) }) }
    }
  }, async (request) => {
    try {
      const { ticket, refund } = atomically(request.ctx.db, () =>
        moveTicket(request.ctx, request.params.id, request.params.action, request.body?.note ?? null))
      return { ticket: formatRefundTicket(ticket), ...(refund ? { refund: formatRefund(refund) } : {}) }
    } catch (error) {
      if (error instanceof TicketRefusal) throw adminFailure(error.status, error.code, error.message, '/id')
      throw error
    }
  })

  // The card a subscription's renewals are charged on; a working card recovers a past-due one at once.
  app.post('/orders/:id/payment-method', {
    config: { auth: 'admin' },
    schema: {
      params: Type.Object({ id: Type.String() }),
      body: Outcome,
      response: { 200: Type.Object({ orderId: Type.String(), status: Type.String(), paymentMethod: Type.Enum(OUTCOMES) }) }
    }
  }, async (request) => {
    const { db, repos: { waffo } } = request.ctx
    const order = atomically(db, () => {
      const found = waffo.orders.live(request.params.id)
      if (!found || found.type !== 'subscription') throw adminFailure(404, 'UNKNOWN_ORDER', `No live Waffo subscription order "${request.params.id}"`, '/id')
      return changeCard(request.ctx, found, request.body.outcome)
    })
    return { orderId: order.id, status: order.status, paymentMethod: order.card_outcome }
  })
}
