import type { Db } from '../../../db/open.js'
import type { PaymentRow } from './purchases.js'

export type TicketStatus = 'pending' | 'under_review' | 'approved' | 'rejected' | 'returned' | 'processing' | 'succeeded' | 'failed' | 'cancelled'

export interface RefundTicketRow {
  id: string
  store_id: string
  payment_id: string
  mode: 'test' | 'prod'
  status: TicketStatus
  /** The buyer identity of the session that submitted it. */
  submitter_id: string
  version_number: number
  current_version_id: string
  reason: string
  amount: string
  currency: string
  reviewer_id: string | null
  reviewed_at: string | null
  review_note: string | null
  reject_reason: string | null
  executed_at: string | null
  /** JSON object. */
  metadata: string
  external_id: string | null
  created_at: string
  updated_at: string
}

export interface RefundRow {
  id: string
  ticket_id: string
  payment_id: string
  store_id: string
  mode: 'test' | 'prod'
  status: 'succeeded' | 'failed'
  amount: string
  currency: string
  reason: string
  order_external_id: string | null
  ticket_external_id: string | null
  created_at: string
}

/** The statuses in which a ticket still holds its amount against the payment. */
export const OPEN_TICKET_STATUSES = ['pending', 'under_review', 'approved', 'processing'] as const

/** Refund tickets and the refunds settling them makes. */
export function refundsRepo (db: Db) {
  const insertTicket = db.prepare<RefundTicketRow, RefundTicketRow>(`
    INSERT INTO waffo_refund_tickets (id, store_id, payment_id, mode, status, submitter_id, version_number, current_version_id, reason,
      amount, currency, reviewer_id, reviewed_at, review_note, reject_reason, executed_at, metadata, external_id, created_at, updated_at)
    VALUES (@id, @store_id, @payment_id, @mode, @status, @submitter_id, @version_number, @current_version_id, @reason,
      @amount, @currency, @reviewer_id, @reviewed_at, @review_note, @reject_reason, @executed_at, @metadata, @external_id, @created_at, @updated_at)
    RETURNING *`)
  const updateTicket = db.prepare<RefundTicketRow, RefundTicketRow>(`
    UPDATE waffo_refund_tickets SET status = @status, version_number = @version_number, current_version_id = @current_version_id,
      reason = @reason, amount = @amount, currency = @currency, reviewer_id = @reviewer_id, reviewed_at = @reviewed_at,
      review_note = @review_note, reject_reason = @reject_reason, executed_at = @executed_at, updated_at = @updated_at
    WHERE id = @id RETURNING *`)
  const ticket = db.prepare<[string], RefundTicketRow>(`
    SELECT t.* FROM waffo_refund_tickets t JOIN waffo_stores s ON s.id = t.store_id WHERE t.id = ? AND s.deleted_at IS NULL`)
  const ticketsOf = db.prepare<[string], RefundTicketRow>('SELECT * FROM waffo_refund_tickets WHERE payment_id = ? ORDER BY created_at, rowid')
  const ticketsOfStore = db.prepare<[string, string], RefundTicketRow>(
    'SELECT * FROM waffo_refund_tickets WHERE store_id = ? AND mode = ? ORDER BY created_at, rowid')
  const insertRefund = db.prepare<RefundRow, RefundRow>(`
    INSERT INTO waffo_refunds (id, ticket_id, payment_id, store_id, mode, status, amount, currency, reason, order_external_id, ticket_external_id, created_at)
    VALUES (@id, @ticket_id, @payment_id, @store_id, @mode, @status, @amount, @currency, @reason, @order_external_id, @ticket_external_id, @created_at)
    RETURNING *`)
  const refundsOf = db.prepare<[string], RefundRow>('SELECT * FROM waffo_refunds WHERE payment_id = ? ORDER BY created_at, rowid')
  const refundsOfStore = db.prepare<[string, string], RefundRow>('SELECT * FROM waffo_refunds WHERE store_id = ? AND mode = ? ORDER BY created_at, rowid')
  const payment = db.prepare<[string], PaymentRow>(`
    SELECT p.* FROM waffo_payments p JOIN waffo_stores s ON s.id = p.store_id WHERE p.id = ? AND s.deleted_at IS NULL`)
  // The order's business id lives on the checkout session that made the order.
  const orderExternalId = db.prepare<[string], string | null>(
    'SELECT external_id FROM waffo_checkout_sessions WHERE order_id = ? AND external_id IS NOT NULL ORDER BY rowid LIMIT 1').pluck()
  return {
    /** A payment of a live store. */
    payment: (id: string) => payment.get(id),
    insertTicket: (row: RefundTicketRow) => insertTicket.get(row)!,
    updateTicket: (row: RefundTicketRow) => updateTicket.get(row)!,
    ticket: (id: string) => ticket.get(id),
    ticketsOf: (paymentId: string) => ticketsOf.all(paymentId),
    ticketsOfStores: (storeIds: readonly string[], mode: 'test' | 'prod') => storeIds.flatMap((storeId) => ticketsOfStore.all(storeId, mode)),
    insertRefund: (row: RefundRow) => insertRefund.get(row)!,
    refundsOf: (paymentId: string) => refundsOf.all(paymentId),
    refundsOfStores: (storeIds: readonly string[], mode: 'test' | 'prod') => storeIds.flatMap((storeId) => refundsOfStore.all(storeId, mode)),
    orderExternalId: (orderId: string) => orderExternalId.get(orderId) ?? null
  }
}
