/**
 * GraphQL for refunds, kept apart from schema.ts / resolvers.ts: `refundTickets`, `refunds` and
 * their *Count twins with the fields the SDK's guide ("5. Payment and Refund Queries") asks
 * for, and a payment's `refunds` and `refundStatus` ("4. Order Details"). Same scope as the other
 * lists: the caller's environment, live stores it belongs to, and for a buyer session only its
 * own payments. The caller's tickets and refunds are read once per request (one statement per
 * store each), then every list and field is served from that read.
 */
import type { PaymentRow } from '../repo/purchases.js'
import type { RefundRow, RefundTicketRow } from '../repo/refunds.js'
import { paymentObject, visiblePayments } from './payments.js'
import { rootList, scopeOf, storeIds, visibleStores, type ListArgs, type ReadContext } from './resolvers.js'

const listArgs = 'storeId: String, limit: Int, offset: Int'

export const REFUND_SCHEMA = `
input RefundTicketFilter { id: StringFilter, status: StringFilter, paymentId: StringFilter, refundTicketMerchantExternalId: StringFilter, testMode: BooleanFilter, createdAt: DateTimeFilter, updatedAt: DateTimeFilter }
input RefundFilter { id: StringFilter, status: StringFilter, paymentId: StringFilter, orderMerchantExternalId: StringFilter, refundTicketMerchantExternalId: StringFilter, testMode: BooleanFilter, createdAt: DateTimeFilter }

extend type Query {
  "Refund tickets of the caller's environment (a buyer session: its own), oldest first."
  refundTickets(${listArgs}, filter: RefundTicketFilter): [RefundTicket!]!
  refundTicketsCount(storeId: String, filter: RefundTicketFilter): Int!
  "Refunds (succeeded or failed) of the caller's environment (a buyer session: its own), oldest first."
  refunds(${listArgs}, filter: RefundFilter): [Refund!]!
  refundsCount(storeId: String, filter: RefundFilter): Int!
}

type RefundAmountDetails { currency: String!, amount: String! }

"The SDK's RequestedAmount."
type RequestedAmount { amount: String!, currency: String! }
"The current version's content, as the SDK's RefundTicketVersionData."
type RefundTicketVersionData { reason: String!, requestedAmount: RequestedAmount }

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
  currentVersionId: String
  reviewerId: String
  versionNumber: Int!
  versionData: RefundTicketVersionData
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
  "What the refund ticket asked for."
  requestedAmountDetails: RefundAmountDetails!
  "What the payment channel refunded (or was asked to, when it failed)."
  pspAmountDetails: RefundAmountDetails!
  testMode: Boolean!
  createdAt: String!
  payment: Payment
  refundTicket: RefundTicket
}

extend type Payment {
  "The status of the payment's latest refund (succeeded or failed, RefundStatus); null before any."
  refundStatus: String
  "Oldest first."
  refunds: [Refund!]!
}
`

/** Tables behind the paged lists, for the cost estimate's row bound. */
export const REFUND_TABLES: Record<string, string> = { RefundTicket: 'waffo_refund_tickets', Refund: 'waffo_refunds' }

/** The caller's visible payments, tickets and refunds, read once per request. */
export interface RefundRead {
  payments: Map<string, PaymentRow>
  tickets: RefundTicketRow[]
  refunds: RefundRow[]
  ticketsById: Map<string, RefundTicketRow>
  refundsByTicket: Map<string, RefundRow[]>
  refundsByPayment: Map<string, RefundRow[]>
}

function grouped (rows: readonly RefundRow[], key: (row: RefundRow) => string): Map<string, RefundRow[]> {
  const groups = new Map<string, RefundRow[]>()
  for (const row of rows) {
    const list = groups.get(key(row))
    if (list) list.push(row)
    else groups.set(key(row), [row])
  }
  return groups
}

/** A ticket or refund is visible when its payment is (environment, store membership, a buyer's own orders). */
function refundRead (ctx: ReadContext): RefundRead {
  if (!ctx.refundRead) {
    const stores = [...visibleStores(ctx).keys()]
    const payments = new Map(visiblePayments(ctx, scopeOf(ctx)).map((row) => [row.id, row]))
    const visible = (row: { payment_id: string }) => payments.has(row.payment_id)
    const tickets = ctx.repos.refunds.ticketsOfStores(stores, ctx.environment).filter(visible)
    const refunds = ctx.repos.refunds.refundsOfStores(stores, ctx.environment).filter(visible)
    ctx.refundRead = {
      payments,
      tickets,
      refunds,
      ticketsById: new Map(tickets.map((row) => [row.id, row])),
      refundsByTicket: grouped(refunds, (row) => row.ticket_id),
      refundsByPayment: grouped(refunds, (row) => row.payment_id)
    }
  }
  return ctx.refundRead
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
    currentVersionId: row.current_version_id,
    reviewerId: row.reviewer_id,
    versionNumber: row.version_number,
    versionData: { reason: row.reason, requestedAmount: { amount: row.amount, currency: row.currency } },
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
    // The mock refunds exactly what the ticket asked for.
    requestedAmountDetails: { currency: row.currency, amount: row.amount },
    pspAmountDetails: { amount: row.amount, currency: row.currency },
    testMode: row.mode === 'test',
    createdAt: row.created_at
  }
}

/** Rows of the stores asked for (one, or all the caller's). */
const ofStores = <T extends { store_id: string }>(rows: readonly T[], ids: readonly string[]) => {
  const wanted = new Set(ids)
  return rows.filter((row) => wanted.has(row.store_id))
}

/** The payment behind a ticket or refund (visible, since its ticket or refund is). */
const paymentOf = (parent: { paymentId: string }, _args: unknown, ctx: ReadContext) => {
  const row = refundRead(ctx).payments.get(parent.paymentId)
  return row ? paymentObject(ctx, row, [...visibleStores(ctx).keys()]) : null
}

export const refundResolvers = {
  Query: {
    ...rootList('refundTickets', (ctx: ReadContext, args: ListArgs) => ofStores(refundRead(ctx).tickets, storeIds(ctx, args.storeId)).map(ticketObject)),
    ...rootList('refunds', (ctx: ReadContext, args: ListArgs) => ofStores(refundRead(ctx).refunds, storeIds(ctx, args.storeId)).map(refundObject))
  },
  RefundTicket: {
    payment: paymentOf,
    refunds: (parent: { id: string }, _args: unknown, ctx: ReadContext) => (refundRead(ctx).refundsByTicket.get(parent.id) ?? []).map(refundObject)
  },
  Refund: {
    payment: paymentOf,
    refundTicket: (parent: { refundTicketId: string }, _args: unknown, ctx: ReadContext) => {
      const row = refundRead(ctx).ticketsById.get(parent.refundTicketId)
      return row ? ticketObject(row) : null
    }
  },
  Payment: {
    refunds: (parent: { id: string }, _args: unknown, ctx: ReadContext) => (refundRead(ctx).refundsByPayment.get(parent.id) ?? []).map(refundObject),
    refundStatus: (parent: { id: string }, _args: unknown, ctx: ReadContext) => refundRead(ctx).refundsByPayment.get(parent.id)?.at(-1)?.status ?? null
  }
}
