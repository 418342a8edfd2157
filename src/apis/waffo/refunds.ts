import { randomUUID } from 'node:crypto'
import Type from 'typebox'
import type { RequestContext } from '../../core/context.js'
import type { BuyerCaller } from './auth.js'
import { waffoErrors } from './errors.js'
import { shortId } from './ids.js'
import { buyerOwns, type OrderRow } from './repo/orders.js'
import type { PaymentRow } from './repo/purchases.js'
import { OPEN_TICKET_STATUSES, type RefundRow, type RefundTicketRow, type TicketStatus } from './repo/refunds.js'
import { emitRefundEvent } from './webhooks/events.js'

const Nullable = Type.Union([Type.String(), Type.Null()])
const RequestedAmount = Type.Object({ amount: Type.String(), currency: Type.String() })

/** The SDK's RefundTicket, fields in its order. */
export const RefundTicket = Type.Object({
  id: Type.String(),
  type: Type.Literal('refund'),
  status: Type.String(),
  subjectId: Type.String(),
  submitterId: Type.String(),
  submitterType: Type.Literal('customer'),
  currentVersionId: Nullable,
  reviewerId: Nullable,
  reviewedAt: Nullable,
  reviewNote: Nullable,
  rejectReason: Nullable,
  executedAt: Nullable,
  metadata: Type.Record(Type.String(), Type.Unknown()),
  refundTicketMerchantExternalId: Nullable,
  versionNumber: Type.Union([Type.Integer(), Type.Null()]),
  versionData: Type.Union([Type.Object({ reason: Type.String(), requestedAmount: Type.Union([RequestedAmount, Type.Null()]) }), Type.Null()]),
  createdAt: Type.String(),
  updatedAt: Type.String()
})

export function formatRefundTicket (row: RefundTicketRow): Type.Static<typeof RefundTicket> {
  return {
    id: row.id,
    type: 'refund',
    status: row.status,
    subjectId: row.payment_id,
    submitterId: row.submitter_id,
    submitterType: 'customer',
    currentVersionId: row.current_version_id,
    reviewerId: row.reviewer_id,
    reviewedAt: row.reviewed_at,
    reviewNote: row.review_note,
    rejectReason: row.reject_reason,
    executedAt: row.executed_at,
    metadata: JSON.parse(row.metadata) as Record<string, unknown>,
    refundTicketMerchantExternalId: row.external_id,
    versionNumber: row.version_number,
    versionData: { reason: row.reason, requestedAmount: { amount: row.amount, currency: row.currency } },
    createdAt: row.created_at,
    updatedAt: row.updated_at
  }
}

/** A refund as the control plane shows it (GraphQL has its own view). */
export const Refund = Type.Object({
  id: Type.String(), ticketId: Type.String(), paymentId: Type.String(), status: Type.String(), amount: Type.String(), currency: Type.String(), createdAt: Type.String()
})
export const formatRefund = (row: RefundRow): Type.Static<typeof Refund> => ({
  id: row.id, ticketId: row.ticket_id, paymentId: row.payment_id, status: row.status, amount: row.amount, currency: row.currency, createdAt: row.created_at
})

// Money as display strings ("9.99", "1000"), compared exactly at the largest scale involved.
const scaleOf = (amount: string) => amount.split('.')[1]?.length ?? 0
const units = (amount: string, scale: number) => {
  const [whole, fraction = ''] = amount.split('.')
  return BigInt(whole! + fraction.padEnd(scale, '0'))
}
const display = (value: bigint, scale: number) => {
  if (scale === 0) return value.toString()
  const digits = value.toString().padStart(scale + 1, '0')
  return `${digits.slice(0, -scale)}.${digits.slice(-scale)}`
}

/**
 * What is left to refund on a payment: what it collected, less its succeeded refunds and what
 * open tickets (pending … processing) hold. A ticket being resubmitted (returned or rejected) holds nothing.
 */
function refundable (ctx: RequestContext, payment: PaymentRow): { left: bigint, scale: number } {
  const { refunds } = ctx.repos.waffo
  const taken = [
    ...refunds.refundsOf(payment.id).filter((refund) => refund.status === 'succeeded').map((refund) => refund.amount),
    ...refunds.ticketsOf(payment.id).filter((ticket) => (OPEN_TICKET_STATUSES as readonly string[]).includes(ticket.status))
      .map((ticket) => ticket.amount)
  ]
  const scale = Math.max(scaleOf(payment.amount), ...taken.map(scaleOf))
  return { left: taken.reduce((rest, amount) => rest - units(amount, scale), units(payment.amount, scale)), scale }
}

/** A payment in the buyer's environment and its order; `owned` when both are the buyer's, in its store. */
function lookup (ctx: RequestContext, who: BuyerCaller, paymentId: string) {
  const { refunds, orders } = ctx.repos.waffo
  const found = refunds.payment(paymentId)
  const payment = found && found.mode === who.environment ? found : undefined
  const order = payment && orders.live(payment.order_id)
  return { payment, order, owned: order !== undefined && order.store_id === who.storeId && buyerOwns(order, who.buyerIdentity) }
}

/** A payment of this buyer's, in its environment (404 otherwise; another buyer's or store's: 403). */
export function buyersPayment (ctx: RequestContext, who: BuyerCaller, paymentId: string): { payment: PaymentRow, order: OrderRow } {
  const { payment, order, owned } = lookup(ctx, who, paymentId)
  if (!payment || !order) throw waffoErrors.paymentNotFound()
  if (!owned) throw waffoErrors.paymentNotOwned()
  return { payment, order }
}

/** A ticket on one of this buyer's payments; any other does not exist for the caller (404). */
export function buyersTicket (ctx: RequestContext, who: BuyerCaller, ticketId: string): RefundTicketRow {
  const ticket = ctx.repos.waffo.refunds.ticket(ticketId)
  if (!ticket || !lookup(ctx, who, ticket.payment_id).owned) throw waffoErrors.ticketNotFound()
  return ticket
}

export interface RequestedRefund { reason: string, requestedAmount: { amount: string, currency: string } }

/** The reason trimmed, and an amount the payment can still give back (refusals write nothing). */
export function checkedRequest (ctx: RequestContext, payment: PaymentRow, request: RequestedRefund): { reason: string } {
  const reason = request.reason.trim()
  if (reason.length < 1 || reason.length > 1000) throw waffoErrors.refundReasonLength()
  if (payment.status !== 'succeeded') throw waffoErrors.paymentNotRefundable(payment.status)
  const { amount, currency } = request.requestedAmount
  if (currency !== payment.currency) throw waffoErrors.refundCurrencyMismatch(payment.currency)
  const { left, scale } = refundable(ctx, payment)
  const common = Math.max(scale, scaleOf(amount))
  const wanted = units(amount, common)
  if (wanted <= 0n) throw waffoErrors.refundAmountNotPositive()
  if (wanted > left * 10n ** BigInt(common - scale)) throw waffoErrors.refundAmountExceeded(display(left, scale), currency)
  return { reason }
}

/** Opens a ticket (pending, version 1). */
export function openTicket (ctx: RequestContext, who: BuyerCaller, payment: PaymentRow, fields: {
  reason: string, amount: string, currency: string, metadata: Record<string, unknown>, externalId: string | null
}): RefundTicketRow {
  const at = ctx.clock.iso()
  return ctx.repos.waffo.refunds.insertTicket({
    id: shortId('TKT'),
    store_id: payment.store_id,
    payment_id: payment.id,
    mode: payment.mode,
    status: 'pending',
    submitter_id: who.buyerIdentity,
    version_number: 1,
    current_version_id: randomUUID(),
    reason: fields.reason,
    amount: fields.amount,
    currency: fields.currency,
    reviewer_id: null,
    reviewed_at: null,
    review_note: null,
    reject_reason: null,
    executed_at: null,
    metadata: JSON.stringify(fields.metadata),
    external_id: fields.externalId,
    created_at: at,
    updated_at: at
  })
}

/** Where resubmit-ticket is allowed: a ticket sent back (returned) or refused (rejected). */
export const RESUBMITTABLE: readonly TicketStatus[] = ['returned', 'rejected']

/** A new version of a returned or rejected ticket: pending again, the last review cleared. */
export function resubmitTicket (ctx: RequestContext, ticket: RefundTicketRow, reason: string, amount: string): RefundTicketRow {
  return ctx.repos.waffo.refunds.updateTicket({
    ...ticket,
    status: 'pending',
    version_number: ticket.version_number + 1,
    current_version_id: randomUUID(),
    reason,
    amount,
    reviewer_id: null,
    reviewed_at: null,
    review_note: null,
    reject_reason: null,
    updated_at: ctx.clock.iso()
  })
}

/** The control plane's moves: what each needs the ticket to be in, and what it makes it. */
export const TICKET_ACTIONS = {
  review: { from: ['pending'], to: 'under_review' },
  approve: { from: ['pending', 'under_review'], to: 'approved' },
  reject: { from: ['pending', 'under_review'], to: 'rejected' },
  return: { from: ['pending', 'under_review'], to: 'returned' },
  process: { from: ['approved'], to: 'processing' },
  succeed: { from: ['approved', 'processing'], to: 'succeeded' },
  fail: { from: ['approved', 'processing'], to: 'failed' },
  cancel: { from: ['pending', 'under_review', 'returned', 'rejected'], to: 'cancelled' }
} as const satisfies Record<string, { from: readonly TicketStatus[], to: TicketStatus }>
export type TicketAction = keyof typeof TICKET_ACTIONS

/** Who the control plane reviews as. */
export const MOCK_REVIEWER = 'mock-reviewer'

export class TicketRefusal extends Error {
  constructor (readonly status: number, readonly code: string, message: string) { super(message) }
}

/**
 * Moves a ticket as upstream's reviewer or PSP would. A review decision stamps the reviewer;
 * succeed / fail settle it: a refund row (REF_) against the payment and refund.succeeded /
 * refund.failed in the same transaction. Call inside a transaction.
 */
export function moveTicket (ctx: RequestContext, id: string, action: TicketAction, note: string | null): { ticket: RefundTicketRow, refund?: RefundRow } {
  const { refunds, orders } = ctx.repos.waffo
  const ticket = refunds.ticket(id)
  if (!ticket) throw new TicketRefusal(404, 'UNKNOWN_TICKET', `No refund ticket "${id}"`)
  const { from, to } = TICKET_ACTIONS[action]
  if (!(from as readonly string[]).includes(ticket.status)) {
    throw new TicketRefusal(409, 'TICKET_STATE', `Refund ticket ${id} is ${ticket.status}; ${action} needs ${from.join(' or ')}`)
  }
  const at = ctx.clock.iso()
  const decided = action === 'approve' || action === 'reject' || action === 'return'
  const settled = to === 'succeeded' || to === 'failed'
  const moved = refunds.updateTicket({
    ...ticket,
    status: to,
    ...(decided ? { reviewer_id: MOCK_REVIEWER, reviewed_at: at } : {}),
    ...(action === 'reject' ? { reject_reason: note } : note === null ? {} : { review_note: note }),
    ...(settled ? { executed_at: at } : {}),
    updated_at: at
  })
  if (!settled) return { ticket: moved }
  const payment = refunds.payment(ticket.payment_id)!
  const order = orders.live(payment.order_id)!
  const refund = refunds.insertRefund({
    id: shortId('REF'),
    ticket_id: ticket.id,
    payment_id: payment.id,
    store_id: ticket.store_id,
    mode: ticket.mode,
    status: to,
    amount: ticket.amount,
    currency: ticket.currency,
    reason: ticket.reason,
    order_external_id: refunds.orderExternalId(order.id),
    ticket_external_id: ticket.external_id,
    created_at: at
  })
  emitRefundEvent(ctx, refund, payment, order)
  return { ticket: moved, refund }
}
