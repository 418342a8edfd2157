/**
 * Refund tickets, refunds and a scheduled plan change survive export → reset → import exactly
 * (rows, GraphQL answers, a second export byte for byte) and keep working after it: the pending
 * ticket still moves, the scheduled plan still applies at the period end. Bad rows fail with their JSON path.
 */
import { describe, expect, it } from 'vitest'
import { DEMO, snapshot, useApp, waffo } from '../helpers.js'
import { act, asBuyer, row, sessionToken } from './support.js'

const mock = useApp()
const STORE = DEMO.waffoStores.clean
const T0 = Date.parse('2026-01-15T12:00:00.000Z')
const USD = (amount: string) => ({ USD: { amount, taxCategory: 'saas' } })

const admin = async (method: 'GET' | 'POST', url: string, payload?: unknown) =>
  await mock.app.inject({ method, url: `/__admin${url}`, ...(payload === undefined ? {} : { payload: payload as object }) })
const pay = async (sessionId: string) => (await admin('POST', `/waffo/checkout-sessions/${sessionId}/pay`, { outcome: 'success' })).json()
async function created (path: string, body: Record<string, unknown>) {
  const { status, body: answer } = await act(mock.app, path, body)
  expect(status, JSON.stringify(answer)).toBe(200)
  return answer.data
}
async function ticket (token: string, body: Record<string, unknown>) {
  const { status, body: answer } = await asBuyer(mock.app, token, 'refund-ticket/create-ticket', body)
  expect(status, JSON.stringify(answer)).toBe(200)
  return answer.data.ticket.id as string
}
const move = async (id: string, action: string, note?: string) =>
  await admin('POST', `/waffo/refund-tickets/${id}/${action}`, note === undefined ? undefined : { note })

/** A settled ticket (approved, then succeeded: a refund), a pending one, and Basic → Lite scheduled for the period end (1.50 charged to confirm). */
async function refundedAndScheduled () {
  mock.app.mock.clock.freeze(T0)
  const ebook = (await created('onetime-product/create-product', { storeId: STORE, name: 'E-book', prices: USD('9.99') })).product.id
  const basic = (await created('subscription-product/create-product', { storeId: STORE, name: 'Basic', billingPeriod: 'monthly', prices: USD('10.00') })).product.id
  const lite = (await created('subscription-product/create-product', { storeId: STORE, name: 'Lite', billingPeriod: 'monthly', prices: USD('5.00') })).product.id
  const bought = await pay((await created('checkout/create-session', { productId: ebook, currency: 'USD', buyerEmail: 'ann@example.com', orderMerchantExternalId: 'ORDER-1' })).sessionId)
  const token = await sessionToken(mock.app, STORE, 'ann@example.com')
  const settled = await ticket(token, { paymentId: bought.paymentId, reason: 'Wrong book', requestedAmount: { amount: '4.00', currency: 'USD' }, metadata: { via: 'chat' }, refundTicketMerchantExternalId: 'RT-1' })
  expect((await move(settled, 'approve', 'fine')).statusCode).toBe(200)
  const refund = (await move(settled, 'succeed')).json().refund.id as string
  const pending = await ticket(token, { paymentId: bought.paymentId, reason: 'Still unhappy', requestedAmount: { amount: '2.00', currency: 'USD' } })
  const subscription = await pay((await created('checkout/create-session', { productId: basic, currency: 'USD', buyerEmail: 'bo@example.com' })).sessionId)
  const change = (await created('checkout/create-session', { originOrderId: subscription.orderId, productId: lite, currency: 'USD', changeTiming: 'next_period', changeAmount: '1.50' })).sessionId as string
  expect(await pay(change)).toMatchObject({ orderStatus: 'active' })
  return { paymentId: bought.paymentId as string, settled, refund, pending, orderId: subscription.orderId as string, basic, lite, change }
}

const waffoRows = () => Object.fromEntries(Object.entries(snapshot(mock.app)).filter(([table]) => table.startsWith('waffo_')))
const QUERY = `{
  refundTickets(storeId: "${STORE}") { id type status reason requestedAmountDetails { currency amount } paymentId storeId submitterId versionNumber
    reviewedAt reviewNote rejectReason executedAt metadata refundTicketMerchantExternalId testMode createdAt updatedAt refunds { id } }
  refunds(storeId: "${STORE}") { id status refundTicketId paymentId storeId reason orderMerchantExternalId refundTicketMerchantExternalId
    requestedAmountDetails { currency amount } pspAmountDetails { currency amount } testMode createdAt }
  payments(storeId: "${STORE}") { id refundStatus refunds { id } }
  subscriptionOrders(storeId: "${STORE}") { id status amount currentPeriodEnd subscriptionProduct { id name } }
}`
async function graphql () {
  const answer = (await waffo(mock.app, { path: '/v1/graphql', body: { query: QUERY } })).json()
  expect(answer.errors).toBeUndefined()
  return answer.data
}

describe('refunds and plan changes in the state document', () => {
  it('export → reset → import brings back tickets, refunds and the scheduled change; they keep working', async () => {
    const made = await refundedAndScheduled()
    const rows = waffoRows()
    const answers = await graphql()
    expect(answers.refundTickets.map((item: { id: string, status: string }) => [item.id, item.status])).toEqual([[made.settled, 'succeeded'], [made.pending, 'pending']])
    expect(answers.subscriptionOrders[0].subscriptionProduct).toEqual({ id: made.basic, name: 'Basic' })

    const exported = await admin('GET', '/state')
    const doc = exported.json().waffo
    const at = '2026-01-15T12:00:00.000Z'
    expect(doc.refundTickets).toEqual([{
      id: made.settled,
      paymentId: made.paymentId,
      status: 'succeeded',
      submitterId: 'ann@example.com',
      reason: 'Wrong book',
      requestedAmount: { amount: '4.00', currency: 'USD' },
      versionNumber: 1,
      currentVersionId: row(mock.app, 'SELECT current_version_id FROM waffo_refund_tickets WHERE id = ?', made.settled)!.current_version_id,
      reviewerId: 'mock-reviewer',
      reviewedAt: at,
      reviewNote: 'fine',
      rejectReason: null,
      executedAt: at,
      metadata: { via: 'chat' },
      refundTicketMerchantExternalId: 'RT-1',
      createdAt: at,
      updatedAt: at
    }, expect.objectContaining({ id: made.pending, status: 'pending', reviewerId: null, executedAt: null, metadata: {}, refundTicketMerchantExternalId: null })])
    expect(doc.refunds).toEqual([{
      id: made.refund,
      refundTicketId: made.settled,
      status: 'succeeded',
      amount: '4.00',
      currency: 'USD',
      reason: 'Wrong book',
      orderMerchantExternalId: 'ORDER-1',
      refundTicketMerchantExternalId: 'RT-1',
      createdAt: at
    }])
    expect(doc.checkoutSessions.find((item: { id: string }) => item.id === made.change))
      .toMatchObject({ productId: made.lite, orderId: made.orderId, originOrderId: made.orderId, changeTiming: 'next_period', changeDue: '1.50' })
    expect(doc.orders.find((item: { id: string }) => item.id === made.orderId)).toMatchObject({ productId: made.basic, scheduledChange: made.change })

    expect((await admin('POST', '/reset', { keep: ['clock'] })).statusCode).toBe(200)
    expect(row(mock.app, 'SELECT (SELECT count(*) FROM waffo_refunds) + (SELECT count(*) FROM waffo_refund_tickets) AS n')).toEqual({ n: 0 })

    const imported = await admin('POST', '/fixtures?mode=replace', exported.json())
    expect(imported.statusCode, imported.body).toBe(200)
    expect(imported.json().counts).toMatchObject({ waffo_refund_tickets: 2, waffo_refunds: 1 })
    expect(waffoRows()).toEqual(rows)
    expect(await graphql()).toEqual(answers)
    expect((await admin('GET', '/state')).body).toBe(exported.body)

    // The imported pending ticket still moves; the scheduled plan applies at the period end.
    const approved = await move(made.pending, 'approve')
    expect(approved.statusCode, approved.body).toBe(200)
    expect(approved.json().ticket).toMatchObject({ id: made.pending, status: 'approved', reviewerId: 'mock-reviewer' })
    expect((await admin('POST', '/clock', { freeze: '2026-02-15T12:00:00.000Z' })).statusCode).toBe(200)
    await created('store/update-store', { id: STORE })
    expect(row(mock.app, 'SELECT product_id, amount, scheduled_change, current_period_end FROM waffo_orders WHERE id = ?', made.orderId))
      .toEqual({ product_id: made.lite, amount: '5.00', scheduled_change: null, current_period_end: '2026-03-15T12:00:00.000Z' })
    expect((await graphql()).subscriptionOrders[0].subscriptionProduct).toEqual({ id: made.lite, name: 'Lite' })
  })

  it('a snapshot restores them too', async () => {
    await refundedAndScheduled()
    const rows = waffoRows()
    expect((await mock.app.inject({ method: 'PUT', url: '/__admin/snapshots/refunded' })).statusCode).toBe(200)
    await admin('POST', '/reset', { keep: ['clock'] })
    expect((await admin('POST', '/snapshots/refunded/restore')).statusCode).toBe(200)
    expect(waffoRows()).toEqual(rows)
  })

  it('a per-merchant reset drops the owner\'s tickets and refunds that no fixture declares', async () => {
    const made = await refundedAndScheduled()
    expect((await admin('POST', '/reset', { tenant: DEMO.owner.id })).statusCode).toBe(200)
    expect(row(mock.app, 'SELECT id FROM waffo_refund_tickets WHERE id = ?', made.pending)).toBeUndefined()
    expect(row(mock.app, 'SELECT id FROM waffo_refunds WHERE id = ?', made.refund)).toBeUndefined()
  })
})

describe('refund and plan change rows in fixtures', () => {
  const ORDER = 'ORD_FixtureOrder0000000001'
  const SUB = 'ORD_FixtureSubscription001'
  const PAYMENT = 'PAY_FixturePayment00000001'
  const PLAN = 'PROD_FixturePlan00000000001'
  const SESSION = '6f1c2d3e-4a5b-4c6d-8e7f-0123456789ae'
  const TICKET = 'TKT_FixtureRefundTicket001'
  const base = {
    products: [{ id: PLAN, storeId: STORE, type: 'subscription', prices: USD('5.00') }],
    orders: [
      { id: ORDER, storeId: STORE, type: 'onetime', status: 'completed', buyerEmail: 'ann@example.com', currency: 'USD', amount: '9.99' },
      { id: SUB, storeId: STORE, type: 'subscription', status: 'active', currentPeriodEnd: '2026-02-01T00:00:00Z', billingPeriod: 'monthly', scheduledChange: SESSION }
    ],
    checkoutSessions: [{ id: SESSION, storeId: STORE, productId: PLAN, currency: 'USD', priceSnapshot: { amount: '5.00', taxCategory: 'saas' }, expiresAt: '2026-01-01T00:00:00Z', originOrderId: SUB, changeTiming: 'next_period' }],
    payments: [{ id: PAYMENT, orderId: ORDER, status: 'succeeded', amount: '9.99', currency: 'USD' }],
    refundTickets: [{ id: TICKET, paymentId: PAYMENT, status: 'succeeded', submitterId: 'ann@example.com', reason: 'Broken', requestedAmount: { amount: '3.00', currency: 'USD' } }],
    refunds: [{ id: 'REF_FixtureRefund000000001', refundTicketId: TICKET, status: 'succeeded' }]
  }

  it('loads with their defaults: store and environment from what they refund, the ticket\'s amount, a stable version id', async () => {
    const loaded = await admin('POST', '/fixtures', { waffo: base })
    expect(loaded.statusCode, loaded.body).toBe(200)
    expect(row(mock.app, 'SELECT store_id, mode, status, version_number, current_version_id, metadata, created_at = updated_at AS same FROM waffo_refund_tickets WHERE id = ?', TICKET))
      .toEqual({ store_id: STORE, mode: 'test', status: 'succeeded', version_number: 1, current_version_id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/), metadata: '{}', same: 1 })
    const versionId = row(mock.app, 'SELECT current_version_id FROM waffo_refund_tickets WHERE id = ?', TICKET)!.current_version_id
    expect(row(mock.app, 'SELECT ticket_id, payment_id, store_id, mode, amount, currency, reason, order_external_id FROM waffo_refunds'))
      .toEqual({ ticket_id: TICKET, payment_id: PAYMENT, store_id: STORE, mode: 'test', amount: '3.00', currency: 'USD', reason: 'Broken', order_external_id: null })
    expect(row(mock.app, 'SELECT origin_order_id, change_timing, change_due FROM waffo_checkout_sessions WHERE id = ?', SESSION))
      .toEqual({ origin_order_id: SUB, change_timing: 'next_period', change_due: '0.00' })
    expect(row(mock.app, 'SELECT scheduled_change FROM waffo_orders WHERE id = ?', SUB)).toEqual({ scheduled_change: SESSION })
    // A reset loads the fixture again: the same version id.
    expect((await admin('POST', '/reset', {})).statusCode).toBe(200)
    expect(row(mock.app, 'SELECT current_version_id FROM waffo_refund_tickets WHERE id = ?', TICKET)).toEqual({ current_version_id: versionId })
  })

  const session = base.checkoutSessions[0]!
  it.each([
    ['a ticket on an unknown payment', { ...base, refundTickets: [{ ...base.refundTickets[0], paymentId: 'PAY_NoSuchPayment000000001' }] }, '/waffo/refundTickets/0/paymentId', 'unknown payment "PAY_NoSuchPayment000000001" (declare it under waffo.payments)'],
    ['a refund of an unknown ticket', { ...base, refunds: [{ ...base.refunds[0], refundTicketId: 'TKT_NoSuchTicket0000000001' }] }, '/waffo/refunds/0/refundTicketId', 'unknown refund ticket "TKT_NoSuchTicket0000000001" (declare it under waffo.refundTickets)'],
    ['a scheduled change naming no session', { ...base, checkoutSessions: [] }, '/waffo/orders/1/scheduledChange', `unknown checkout session "${SESSION}" (declare it under waffo.checkoutSessions)`],
    ['a plan change of an unknown order', { ...base, checkoutSessions: [{ ...session, originOrderId: 'ORD_NoSuchOrder00000000001' }] }, '/waffo/checkoutSessions/0/originOrderId', 'unknown order "ORD_NoSuchOrder00000000001" (declare it under waffo.orders)'],
    ['a plan change without its timing', { ...base, checkoutSessions: [{ ...session, changeTiming: undefined }] }, '/waffo/checkoutSessions/0/changeTiming', 'a plan change session (originOrderId) needs changeTiming'],
    ['a change amount on a plain session', { ...base, checkoutSessions: [{ ...session, originOrderId: undefined, changeTiming: undefined, changeDue: '1.00' }] }, '/waffo/checkoutSessions/0/changeDue', 'only a plan change session (originOrderId) has one'],
    ['an unknown change timing', { ...base, checkoutSessions: [{ ...session, changeTiming: 'tomorrow' }] }, '/waffo/checkoutSessions/0/changeTiming', 'must be one of immediate, next_period'],
    ['an unknown refund status', { ...base, refunds: [{ ...base.refunds[0], status: 'pending' }] }, '/waffo/refunds/0/status', 'must be one of succeeded, failed']
  ])('%s → 400 naming its path, nothing loaded', async (_name, section, path, reason) => {
    const before = snapshot(mock.app)
    const refused = await admin('POST', '/fixtures', { waffo: section })
    expect(refused.statusCode).toBe(400)
    expect(refused.json().error).toEqual({ code: 'FIXTURE_INVALID', message: `${path}: ${reason}`, path })
    expect(snapshot(mock.app)).toEqual(before)
  })
})
