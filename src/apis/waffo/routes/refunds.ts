import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import Type from 'typebox'
import { atomically } from '../../../db/atomically.js'
import { type BuyerCaller, caller } from '../auth.js'
import { waffoErrors } from '../errors.js'
import { Envelope } from '../format.js'
import { buyersPayment, buyersTicket, checkedRequest, formatRefundTicket, openTicket, RefundTicket, RESUBMITTABLE, resubmitTicket } from '../refunds.js'
import type { RefundTicketRow } from '../repo/refunds.js'
import { declared, WAFFO_ROUTES } from './table.js'

const TicketResponse = { 200: Envelope(Type.Object({ ticket: RefundTicket })) }
const answer = (row: RefundTicketRow) => ({ data: { ticket: formatRefundTicket(row) } })

/** The routes are for sessions only: the gateway has forwarded a buyer. */
const buyer = (request: FastifyRequest) => caller(request) as BuyerCaller

/** refund-ticket/create-ticket and resubmit-ticket: a buyer asks for (part of) a payment back. */
export const refundRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const create = WAFFO_ROUTES.createRefundTicket
  app.route({
    ...declared(create),
    schema: { body: create.body, response: TicketResponse },
    handler: async (request) => {
      const body = request.body
      const who = buyer(request)
      return answer(atomically(request.ctx.db, () => {
        const { payment } = buyersPayment(request.ctx, who, body.paymentId)
        const { reason } = checkedRequest(request.ctx, payment, body)
        return openTicket(request.ctx, who, payment, {
          reason,
          amount: body.requestedAmount.amount,
          currency: body.requestedAmount.currency,
          metadata: body.metadata ?? {},
          externalId: body.refundTicketMerchantExternalId ?? null
        })
      }))
    }
  })

  const resubmit = WAFFO_ROUTES.resubmitRefundTicket
  app.route({
    ...declared(resubmit),
    schema: { body: resubmit.body, response: TicketResponse },
    handler: async (request) => {
      const body = request.body
      const who = buyer(request)
      return answer(atomically(request.ctx.db, () => {
        const { payment } = buyersPayment(request.ctx, who, body.paymentId)
        const ticket = buyersTicket(request.ctx, who, body.ticketId)
        if (ticket.payment_id !== payment.id) throw waffoErrors.ticketPaymentMismatch()
        if (!RESUBMITTABLE.includes(ticket.status)) throw waffoErrors.ticketNotResubmittable(ticket.status)
        const { reason } = checkedRequest(request.ctx, payment, body)
        return resubmitTicket(request.ctx, ticket, reason, body.requestedAmount.amount)
      }))
    }
  })
}
