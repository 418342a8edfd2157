/**
 * Refund tickets and refunds in the state document: loading the fixture's `refundTickets` and
 * `refunds`, and exporting the rows back in the same shape (insertion order, every column), so
 * an export loads back into identical rows.
 */
import { createHash } from 'node:crypto'
import type { SeedContext } from '../../core/seed-context.js'
import type { Db } from '../../db/open.js'
import { perDatabase } from '../../db/per-database.js'
import type { WaffoFixture } from './fixture.js'
import type { RefundRow, RefundTicketRow } from './repo/refunds.js'

type TicketFixture = NonNullable<WaffoFixture['refundTickets']>[number]
type RefundFixture = NonNullable<WaffoFixture['refunds']>[number]

const statements = perDatabase((db: Db) => ({
  payment: db.prepare<[string], { store_id: string, mode: 'test' | 'prod' }>('SELECT store_id, mode FROM waffo_payments WHERE id = ?'),
  ticket: db.prepare<[string], RefundTicketRow>('SELECT * FROM waffo_refund_tickets WHERE id = ?'),
  insertTicket: db.prepare<RefundTicketRow>(`
    INSERT INTO waffo_refund_tickets (id, store_id, payment_id, mode, status, submitter_id, version_number, current_version_id, reason,
      amount, currency, reviewer_id, reviewed_at, review_note, reject_reason, executed_at, metadata, external_id, created_at, updated_at)
    VALUES (@id, @store_id, @payment_id, @mode, @status, @submitter_id, @version_number, @current_version_id, @reason,
      @amount, @currency, @reviewer_id, @reviewed_at, @review_note, @reject_reason, @executed_at, @metadata, @external_id, @created_at, @updated_at)`),
  insertRefund: db.prepare<RefundRow>(`
    INSERT INTO waffo_refunds (id, ticket_id, payment_id, store_id, mode, status, amount, currency, reason, order_external_id, ticket_external_id, created_at)
    VALUES (@id, @ticket_id, @payment_id, @store_id, @mode, @status, @amount, @currency, @reason, @order_external_id, @ticket_external_id, @created_at)`),
  tickets: db.prepare<[], RefundTicketRow>('SELECT * FROM waffo_refund_tickets ORDER BY rowid'),
  refunds: db.prepare<[], RefundRow>('SELECT * FROM waffo_refunds ORDER BY rowid')
}))

/** A UUID-shaped version id derived from the ticket and its version, so a fixture loads the same on every reset. */
export function derivedVersionId (ticketId: string, version: number): string {
  const hex = createHash('sha256').update(`${ticketId}/${version}`).digest('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`
}

/** Inserts the section's refund tickets, then its refunds; each takes its store and environment from what it refunds. */
export function seedRefunds (db: Db, fixture: Pick<WaffoFixture, 'refundTickets' | 'refunds'>, ctx: SeedContext): void {
  const q = statements(db)
  fixture.refundTickets?.forEach((ticket: TicketFixture, i) => {
    const path = `/waffo/refundTickets/${i}`
    const payment = q.payment.get(ticket.paymentId) ?? ctx.fail(`${path}/paymentId`, `unknown payment "${ticket.paymentId}" (declare it under waffo.payments)`)
    const createdAt = ticket.createdAt ?? ctx.at
    const version = ticket.versionNumber ?? 1
    ctx.insert(path, () => q.insertTicket.run({
      id: ticket.id,
      store_id: payment.store_id,
      payment_id: ticket.paymentId,
      mode: payment.mode,
      status: ticket.status ?? 'pending',
      submitter_id: ticket.submitterId,
      version_number: version,
      current_version_id: ticket.currentVersionId ?? derivedVersionId(ticket.id, version),
      reason: ticket.reason,
      amount: ticket.requestedAmount.amount,
      currency: ticket.requestedAmount.currency,
      reviewer_id: ticket.reviewerId ?? null,
      reviewed_at: ticket.reviewedAt ?? null,
      review_note: ticket.reviewNote ?? null,
      reject_reason: ticket.rejectReason ?? null,
      executed_at: ticket.executedAt ?? null,
      metadata: JSON.stringify(ticket.metadata ?? {}),
      external_id: ticket.refundTicketMerchantExternalId ?? null,
      created_at: createdAt,
      updated_at: ticket.updatedAt ?? createdAt
    }))
  })
  fixture.refunds?.forEach((refund: RefundFixture, i) => {
    const path = `/waffo/refunds/${i}`
    const ticket = q.ticket.get(refund.refundTicketId) ??
      ctx.fail(`${path}/refundTicketId`, `unknown refund ticket "${refund.refundTicketId}" (declare it under waffo.refundTickets)`)
    ctx.insert(path, () => q.insertRefund.run({
      id: refund.id,
      ticket_id: ticket.id,
      payment_id: ticket.payment_id,
      store_id: ticket.store_id,
      mode: ticket.mode,
      status: refund.status,
      amount: refund.amount ?? ticket.amount,
      currency: refund.currency ?? ticket.currency,
      reason: refund.reason ?? ticket.reason,
      order_external_id: refund.orderMerchantExternalId ?? null,
      ticket_external_id: refund.refundTicketMerchantExternalId ?? null,
      created_at: refund.createdAt ?? ctx.at
    }))
  })
}

/** Every refund ticket and refund, each field written (nulls included) so nothing falls back to a default on load. */
export function exportRefunds (db: Db): Required<Pick<WaffoFixture, 'refundTickets' | 'refunds'>> {
  const q = statements(db)
  return {
    refundTickets: q.tickets.all().map((row) => ({
      id: row.id,
      paymentId: row.payment_id,
      status: row.status,
      submitterId: row.submitter_id,
      reason: row.reason,
      requestedAmount: { amount: row.amount, currency: row.currency },
      versionNumber: row.version_number,
      currentVersionId: row.current_version_id,
      reviewerId: row.reviewer_id,
      reviewedAt: row.reviewed_at,
      reviewNote: row.review_note,
      rejectReason: row.reject_reason,
      executedAt: row.executed_at,
      metadata: JSON.parse(row.metadata) as Record<string, unknown>,
      refundTicketMerchantExternalId: row.external_id,
      createdAt: row.created_at,
      updatedAt: row.updated_at
    })),
    refunds: q.refunds.all().map((row) => ({
      id: row.id,
      refundTicketId: row.ticket_id,
      status: row.status,
      amount: row.amount,
      currency: row.currency,
      reason: row.reason,
      orderMerchantExternalId: row.order_external_id,
      refundTicketMerchantExternalId: row.ticket_external_id,
      createdAt: row.created_at
    }))
  }
}
