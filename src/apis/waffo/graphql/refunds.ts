/**
 * GraphQL for refunds, kept apart from schema.ts / resolvers.ts: `refundTickets`, `refunds` and
 * their *Count twins, with the fields the SDK's guide ("5. Payment and Refund Queries") asks
 * for, and the Payment fields its refund-ticket query reads (`snapshotAmountDetails`,
 * `onetimeOrder`, `subscriptionOrder`). Same scope as the other lists: the caller's environment,
 * live stores it belongs to, and for a buyer session only its own payments.
 */
import type { OrderRow } from '../repo/orders.js'
import type { RefundRow, RefundTicketRow } from '../repo/refunds.js'
import { matches } from './filters.js'
import { buyersOwn, orderObject, page, paymentObject, storeIds, type ListArgs, type ReadContext } from './resolvers.js'

const listArgs = 'storeId: String, limit: Int, offset: Int'

export const REFUND_SCHEMA = `
input RefundTicketFilter { id: StringFilter, status: StringFilter, paymentId: StringFilter, refundTicketMerchantExternalId: StringFilter, createdAt: DateTimeFilter, updatedAt: DateTimeFilter }
input RefundFilter { id: StringFilter, status: StringFilter, paymentId: StringFilter, orderMerchantExternalId: StringFilter, refundTicketMerchantExternalId: StringFilter, createdAt: DateTimeFilter }

extend type Query {
  "Refund tickets of the caller's environment (a buyer session: its own), oldest first."
  refundTickets(${listArgs}, filter: RefundTicketFilter): [RefundTicket!]!
  refundTicketsCount(storeId: String, filter: RefundTicketFilter): Int!
  "Refunds (succeeded or failed) of the caller's environment (a buyer session: its own), oldest first."
  refunds(${listArgs}, filter: RefundFilter): [Refund!]!
  refundsCount(storeId: String, filter: RefundFilter): Int!
}

type RefundAmountDetails { currency: String!, amount: String! }

type RefundTicket {
  id: ID!
  "Always refund."
  type: String!
  "pending, under_review, approved, rejected, returned, processing, succeeded, failed or cancelled."
  status: String!
  "The current version's reason."
  reason: String!
  "The current version's requested amount."
  requestedAmountDetails: RefundAmountDetails!
  paymentId: String!
  storeId: String!
  submitterId: String!
  submitterType: String!
  versionNumber: Int!
  reviewedAt: String
  reviewNote: String
  rejectReason: String
  executedAt: String
  metadata: JSON!
  refundTicketMerchantExternalId: String
  testMode: Boolean!
  createdAt: String!
  updatedAt: String!
  payment: Payment
  refunds: [Refund!]!
}

type Refund {
  id: ID!
  "succeeded or failed (RefundStatus)."
  status: String!
  refundTicketId: String!
  paymentId: String!
  storeId: String!
  reason: String!
  orderMerchantExternalId: String
  refundTicketMerchantExternalId: String
  "What the payment channel refunded (or was asked to, when it failed)."
  pspAmountDetails: RefundAmountDetails!
  testMode: Boolean!
  createdAt: String!
  payment: Payment
  refundTicket: RefundTicket
}

type PaymentSnapshotAmountDetails { currency: String!, subtotal: String!, taxAmount: String!, total: String!, taxCategory: String, phase: String! }

extend type Payment {
  "The order's price snapshot as this payment charged it; phase regular, or special for a trial's charge."
  snapshotAmountDetails: PaymentSnapshotAmountDetails
  onetimeOrder: OnetimeOrder
  subscriptionOrder: SubscriptionOrder
}
`

/** Tables behind the paged lists, for the cost estimate's row bound. */
export const REFUND_TABLES: Record<string, string> = { RefundTicket: 'waffo_refund_tickets', Refund: 'waffo_refunds' }

/** A payment the caller may see: its environment, and for a buyer, one of its own orders. */
function visibleOrder (ctx: ReadContext, paymentOf: { payment_id: string }): OrderRow | undefined {
  const payment = ctx.repos.refunds.payment(paymentOf.payment_id)
  const order = payment && ctx.repos.orders.live(payment.order_id)
  return order && buyersOwn(ctx, order) ? order : undefined
}

function ticketObject (row: RefundTicketRow) {
  return {
    id: row.id,
    type: 'refund',
    status: row.status,
    reason: row.reason,
    requestedAmountDetails: { currency: row.currency, amount: row.amount },
    paymentId: row.payment_id,
    storeId: row.store_id,
    submitterId: row.submitter_id,
    submitterType: 'customer',
    versionNumber: row.version_number,
    reviewedAt: row.reviewed_at,
    reviewNote: row.review_note,
    rejectReason: row.reject_reason,
    executedAt: row.executed_at,
    metadata: JSON.parse(row.metadata) as unknown,
    refundTicketMerchantExternalId: row.external_id,
    testMode: row.mode === 'test',
    createdAt: row.created_at,
    updatedAt: row.updated_at
  }
}

function refundObject (row: RefundRow) {
  return {
    id: row.id,
    status: row.status,
    refundTicketId: row.ticket_id,
    paymentId: row.payment_id,
    storeId: row.store_id,
    reason: row.reason,
    orderMerchantExternalId: row.order_external_id,
    refundTicketMerchantExternalId: row.ticket_external_id,
    pspAmountDetails: { amount: row.amount, currency: row.currency },
    testMode: row.mode === 'test',
    createdAt: row.created_at
  }
}

const tickets = (ctx: ReadContext, args: ListArgs) => ctx.repos.refunds.ticketsOfStores(storeIds(ctx, args.storeId), ctx.environment)
  .filter((row) => visibleOrder(ctx, row) !== undefined).map(ticketObject).filter((item) => matches(item, args.filter))
const refunds = (ctx: ReadContext, args: ListArgs) => ctx.repos.refunds.refundsOfStores(storeIds(ctx, args.storeId), ctx.environment)
  .filter((row) => visibleOrder(ctx, row) !== undefined).map(refundObject).filter((item) => matches(item, args.filter))

/** The payment behind a ticket or refund (same store and environment, so as visible as its parent). */
const paymentOf = (parent: { paymentId: string }, _args: unknown, ctx: ReadContext) => {
  const row = ctx.repos.refunds.payment(parent.paymentId)
  return row ? paymentObject(row) : null
}

/** A payment's order, when it is of this type. */
const orderOf = (type: OrderRow['type']) => (parent: { orderId: string }, _args: unknown, ctx: ReadContext) => {
  const row = ctx.repos.orders.live(parent.orderId)
  return row && row.type === type && buyersOwn(ctx, row) ? orderObject(row, ctx.repos) : null
}

export const refundResolvers = {
  Query: {
    refundTickets: (_root: unknown, args: ListArgs, ctx: ReadContext) => page(tickets(ctx, args), args),
    refundTicketsCount: (_root: unknown, args: ListArgs, ctx: ReadContext) => tickets(ctx, args).length,
    refunds: (_root: unknown, args: ListArgs, ctx: ReadContext) => page(refunds(ctx, args), args),
    refundsCount: (_root: unknown, args: ListArgs, ctx: ReadContext) => refunds(ctx, args).length
  },
  RefundTicket: {
    payment: paymentOf,
    refunds: (parent: { id: string }, _args: unknown, ctx: ReadContext) => {
      const row = ctx.repos.refunds.ticket(parent.id)
      return row ? ctx.repos.refunds.refundsOf(row.payment_id).filter((refund) => refund.ticket_id === row.id).map(refundObject) : []
    }
  },
  Refund: {
    payment: paymentOf,
    refundTicket: (parent: { refundTicketId: string }, _args: unknown, ctx: ReadContext) => {
      const row = ctx.repos.refunds.ticket(parent.refundTicketId)
      return row ? ticketObject(row) : null
    }
  },
  Payment: {
    snapshotAmountDetails: (parent: { id: string }, _args: unknown, ctx: ReadContext) => {
      const payment = ctx.repos.refunds.payment(parent.id)
      if (!payment) return null
      const order = ctx.repos.orders.live(payment.order_id)
      const snapshot = order?.price_snapshot ? JSON.parse(order.price_snapshot) as { amount: string, taxCategory?: string } : undefined
      return {
        currency: payment.currency,
        subtotal: payment.amount,
        taxAmount: '0.00',
        total: payment.amount,
        taxCategory: snapshot?.taxCategory ?? null,
        phase: snapshot === undefined || snapshot.amount === payment.amount ? 'regular' : 'special'
      }
    },
    onetimeOrder: orderOf('onetime'),
    subscriptionOrder: orderOf('subscription')
  }
}
