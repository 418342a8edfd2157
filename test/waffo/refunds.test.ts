/**
 * Refund tickets through the real SDK against a listening mock: buy through checkout, the buyer
 * asks for money back, the control plane reviews and settles, refund.succeeded reaches a real
 * receiver and verifies; GraphQL's guide queries show it; over-asks are refused writing nothing.
 */
import { verifyWebhook, WaffoPancake, WaffoPancakeError, type WebhookEvent } from '@waffo/pancake-ts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO, ISO_MS, snapshot, useListeningApp, UUID_V4 } from '../helpers.js'
import { startReceiver, type Receiver } from '../webhooks/receiver.js'

const server = useListeningApp()
const STORE = DEMO.waffoStores.clean
const BUYER = 'ann@example.com'
const client = (merchant = DEMO.owner, environment: 'test' | 'prod' = 'test') =>
  new WaffoPancake({ merchantId: merchant.id, privateKey: merchant.privateKeyPem, baseUrl: server.url, environment })

let receiver: Receiver
beforeAll(async () => { receiver = await startReceiver() })
afterAll(async () => { await receiver.close() })

/** A control-plane call: POST with a JSON body, or GET without one. */
async function admin (path: string, body?: unknown) {
  const response = await fetch(`${server.url}/__admin/waffo${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
  })
  return { status: response.status, body: await response.json() as any }
}

/** A 9.99 USD e-book bought by BUYER through checkout (order external id ORDER-2026-00891): its payment and a buyer session. */
async function purchase (buyer = BUYER) {
  const owner = client()
  const { product } = await owner.onetimeProducts.create({ storeId: STORE, name: 'E-book', prices: { USD: { amount: '9.99', taxCategory: 'ebook' as never } } })
  const { sessionId } = await owner.checkout.createSession({ productId: product.id, currency: 'USD' as never, buyerEmail: buyer, orderMerchantExternalId: 'ORDER-2026-00891' })
  const paid = await admin(`/checkout-sessions/${sessionId}/pay`, { outcome: 'success' })
  expect(paid.status).toBe(200)
  const { token } = await owner.auth.issueSessionToken({ storeId: STORE, buyerIdentity: buyer })
  return { paymentId: paid.body.paymentId as string, orderId: paid.body.orderId as string, customer: owner.customer(token) }
}

async function rejection (promise: Promise<unknown>) {
  const error = await promise.then(() => undefined, (caught: unknown) => caught)
  expect(error).toBeInstanceOf(WaffoPancakeError)
  const { status, errors } = error as WaffoPancakeError
  return { status, errors }
}

const rows = (sql: string, ...params: unknown[]) => server.app.mock.db.prepare(sql).all(...params)
const amount = (value: string) => ({ amount: value, currency: 'USD' as never })

const TICKETS_GUIDE = `query {
    refundTickets(limit: 20, filter: { status: { eq: "pending" } }) {
      id status reason
      requestedAmountDetails { currency amount }
      payment {
        id status
        snapshotAmountDetails { currency subtotal taxAmount total taxCategory phase }
        onetimeOrder { id buyerEmail store { name } }
        subscriptionOrder { id buyerEmail store { name } }
      }
      createdAt updatedAt
    }
    refundTicketsCount(filter: { status: { eq: "pending" } })
  }`
const BY_REF_GUIDE = `query ($ref: String!) {
    refundTickets(filter: { refundTicketMerchantExternalId: { eq: $ref } }) {
      id status refundTicketMerchantExternalId
    }
    refunds(filter: { refundTicketMerchantExternalId: { eq: $ref } }) {
      id status orderMerchantExternalId refundTicketMerchantExternalId
      pspAmountDetails { amount currency }
    }
  }`

describe('buy → refund ticket → approve → succeed', () => {
  it('delivers refund.succeeded verified by verifyWebhook, writes the REF_ row, and GraphQL\'s guide queries show it', async () => {
    const owner = client()
    await owner.webhooks.add({ storeId: STORE, channel: 'http', url: receiver.url, events: ['refund.succeeded', 'refund.failed'], testMode: true })
    const { paymentId, orderId, customer } = await purchase()

    const { ticket } = await customer.createRefundTicket({
      paymentId, reason: 'Product not as described', requestedAmount: amount('4.00'), refundTicketMerchantExternalId: 'REF-2026-00012', metadata: { channel: 'web' }
    })
    expect(ticket).toEqual({
      id: expect.stringMatching(/^TKT_[0-9A-Za-z]{22}$/),
      type: 'refund',
      status: 'pending',
      subjectId: paymentId,
      submitterId: BUYER,
      submitterType: 'customer',
      currentVersionId: expect.stringMatching(UUID_V4),
      reviewerId: null,
      reviewedAt: null,
      reviewNote: null,
      rejectReason: null,
      executedAt: null,
      metadata: { channel: 'web' },
      refundTicketMerchantExternalId: 'REF-2026-00012',
      versionNumber: 1,
      versionData: { reason: 'Product not as described', requestedAmount: { amount: '4.00', currency: 'USD' } },
      createdAt: expect.stringMatching(ISO_MS),
      updatedAt: ticket.createdAt
    })

    // The guide's refund-ticket query, unchanged, while the ticket is pending.
    const pending = await owner.graphql.query<any>({ query: TICKETS_GUIDE })
    expect(pending.errors).toBeUndefined()
    expect(pending.data).toEqual({
      refundTickets: [{
        id: ticket.id,
        status: 'pending',
        reason: 'Product not as described',
        requestedAmountDetails: { currency: 'USD', amount: '4.00' },
        payment: {
          id: paymentId,
          status: 'succeeded',
          snapshotAmountDetails: { currency: 'USD', subtotal: '9.99', taxAmount: '0.00', total: '9.99', taxCategory: 'ebook', phase: null },
          onetimeOrder: { id: orderId, buyerEmail: BUYER, store: { name: expect.any(String) } },
          subscriptionOrder: null
        },
        createdAt: ticket.createdAt,
        updatedAt: ticket.updatedAt
      }],
      refundTicketsCount: 1
    })

    const approved = await admin(`/refund-tickets/${ticket.id}/approve`, { note: 'Looks right' })
    expect(approved.status).toBe(200)
    expect(approved.body.ticket).toMatchObject({ status: 'approved', reviewerId: 'mock-reviewer', reviewedAt: expect.stringMatching(ISO_MS), reviewNote: 'Looks right' })
    expect(approved.body.refund).toBeUndefined()
    expect(rows('SELECT * FROM waffo_refunds')).toEqual([])
    // The SDK's RefundTicket fields over GraphQL too: the version's content and who reviewed it.
    const versions = await owner.graphql.query<any>({ query: '{ refundTickets { currentVersionId reviewerId versionData { reason requestedAmount { amount currency } } } }' })
    expect(versions.data.refundTickets).toEqual([{
      currentVersionId: approved.body.ticket.currentVersionId,
      reviewerId: 'mock-reviewer',
      versionData: { reason: 'Product not as described', requestedAmount: { amount: '4.00', currency: 'USD' } }
    }])

    const succeeded = await admin(`/refund-tickets/${ticket.id}/succeed`, {})
    expect(succeeded.status).toBe(200)
    const refundId = succeeded.body.refund.id as string
    expect(refundId).toMatch(/^REF_[0-9A-Za-z]{22}$/)
    expect(succeeded.body.ticket).toMatchObject({ status: 'succeeded', executedAt: expect.stringMatching(ISO_MS) })
    expect(rows('SELECT ticket_id, payment_id, store_id, mode, status, amount, currency, reason, order_external_id, ticket_external_id FROM waffo_refunds')).toEqual([{
      ticket_id: ticket.id,
      payment_id: paymentId,
      store_id: STORE,
      mode: 'test',
      status: 'succeeded',
      amount: '4.00',
      currency: 'USD',
      reason: 'Product not as described',
      order_external_id: 'ORDER-2026-00891',
      ticket_external_id: 'REF-2026-00012'
    }])

    const [delivery] = await receiver.waitFor(1)
    const { publicKey } = (await admin('/webhook-key')).body
    const event = verifyWebhook(delivery!.body, delivery!.headers['x-waffo-signature'] as string, { publicKey }) as WebhookEvent
    expect(event).toEqual({
      id: expect.stringMatching(UUID_V4),
      timestamp: expect.stringMatching(ISO_MS),
      eventType: 'refund.succeeded',
      eventId: refundId,
      storeId: STORE,
      storeName: expect.any(String),
      mode: 'test',
      data: {
        orderId,
        orderStatus: 'completed',
        buyerEmail: BUYER,
        orderMerchantExternalId: 'ORDER-2026-00891',
        refundTicketMerchantExternalId: 'REF-2026-00012',
        currency: 'USD',
        refundedAmount: '4.00',
        amount: '4.00',
        taxAmount: '0.00',
        originalChargedAmount: '9.99',
        originalPayment: { total: '9.99', subtotal: '9.99', taxAmount: '0.00' },
        productName: 'E-book',
        refundStatus: 'succeeded',
        refundReason: 'Product not as described',
        refundCreatedAt: expect.stringMatching(ISO_MS)
      }
    })

    const byRef = await owner.graphql.query<any>({ query: BY_REF_GUIDE, variables: { ref: 'REF-2026-00012' } })
    expect(byRef.errors).toBeUndefined()
    expect(byRef.data).toEqual({
      refundTickets: [{ id: ticket.id, status: 'succeeded', refundTicketMerchantExternalId: 'REF-2026-00012' }],
      refunds: [{ id: refundId, status: 'succeeded', orderMerchantExternalId: 'ORDER-2026-00891', refundTicketMerchantExternalId: 'REF-2026-00012', pspAmountDetails: { amount: '4.00', currency: 'USD' } }]
    })
    // The payment shows its refund and the refund's status (the guide's order details), for its buyer too.
    const detail = '{ payments { id refundStatus refunds { id status requestedAmountDetails { currency amount } createdAt } } }'
    const withRefund = { id: paymentId, refundStatus: 'succeeded', refunds: [{ id: refundId, status: 'succeeded', requestedAmountDetails: { currency: 'USD', amount: '4.00' }, createdAt: succeeded.body.refund.createdAt }] }
    expect((await owner.graphql.query<any>({ query: detail })).data.payments).toContainEqual(withRefund)
    expect((await customer.graphql.query<any>({ query: detail })).data).toEqual({ payments: [withRefund] })
    // The buyer sees its own refund too; a prod key sees nothing of the test environment.
    const mine = await customer.graphql.query<any>({ query: '{ refunds { id refundTicket { id } payment { id } } refundTickets { refunds { id } } refundTicketsCount refundsCount }' })
    expect(mine.data).toEqual({ refunds: [{ id: refundId, refundTicket: { id: ticket.id }, payment: { id: paymentId } }], refundTickets: [{ refunds: [{ id: refundId }] }], refundTicketsCount: 1, refundsCount: 1 })
    const stranger = client().customer((await owner.auth.issueSessionToken({ storeId: STORE, buyerIdentity: 'bob@example.com' })).token)
    expect((await stranger.graphql.query<any>({ query: '{ refunds { id } refundTickets { id } }' })).data).toEqual({ refunds: [], refundTickets: [] })
    const prod = await client(DEMO.ownerProd, 'prod').graphql.query<any>({ query: '{ refunds { id } refundTickets { id } refundTicketsCount refundsCount }' })
    expect(prod.data).toEqual({ refunds: [], refundTickets: [], refundTicketsCount: 0, refundsCount: 0 })
  })
})

describe('what is left to refund', () => {
  it('refuses more than was paid, then more than is left, with the exact error and nothing written', async () => {
    const { paymentId, customer } = await purchase()
    const before = snapshot(server.app)
    expect(await rejection(customer.createRefundTicket({ paymentId, reason: 'All of it and more', requestedAmount: amount('10.00') }))).toEqual({
      status: 400, errors: [{ message: 'Requested amount exceeds the refundable amount: 9.99 USD left on this payment', layer: 'ticket' }]
    })
    expect(snapshot(server.app)).toEqual(before)

    const { ticket } = await customer.createRefundTicket({ paymentId, reason: 'Part of it', requestedAmount: amount('4') })
    await admin(`/refund-tickets/${ticket.id}/approve`, {})
    await admin(`/refund-tickets/${ticket.id}/succeed`, {})
    // An open ticket holds its amount too.
    await customer.createRefundTicket({ paymentId, reason: 'A bit more', requestedAmount: amount('1.5') })
    const held = snapshot(server.app)
    expect(await rejection(customer.createRefundTicket({ paymentId, reason: 'The rest', requestedAmount: amount('4.50') }))).toEqual({
      status: 400, errors: [{ message: 'Requested amount exceeds the refundable amount: 4.49 USD left on this payment', layer: 'ticket' }]
    })
    expect(snapshot(server.app)).toEqual(held)
    expect(rows('SELECT count(*) AS n FROM waffo_refund_tickets WHERE payment_id = ?', paymentId)).toEqual([{ n: 2 }])
    expect((await customer.createRefundTicket({ paymentId, reason: 'The rest', requestedAmount: amount('4.49') })).ticket.status).toBe('pending')
    expect(await rejection(customer.createRefundTicket({ paymentId, reason: 'One cent', requestedAmount: amount('0.01') }))).toEqual({
      status: 400, errors: [{ message: 'Requested amount exceeds the refundable amount: 0.00 USD left on this payment', layer: 'ticket' }]
    })
  })

  it('refuses a zero amount, another currency, a blank reason, a failed payment', async () => {
    const { paymentId, customer } = await purchase()
    const before = snapshot(server.app)
    expect(await rejection(customer.createRefundTicket({ paymentId, reason: 'x', requestedAmount: amount('0.00') })))
      .toEqual({ status: 400, errors: [{ message: 'Invalid requestedAmount.amount: must be greater than 0', layer: 'ticket' }] })
    expect(await rejection(customer.createRefundTicket({ paymentId, reason: 'x', requestedAmount: { amount: '1.00', currency: 'EUR' as never } })))
      .toEqual({ status: 400, errors: [{ message: 'Invalid requestedAmount.currency: the payment was made in USD', layer: 'ticket' }] })
    // The SDK refuses a blank reason itself; on the wire the mock does.
    const { token } = await client().auth.issueSessionToken({ storeId: STORE, buyerIdentity: BUYER })
    const blank = await fetch(`${server.url}/v1/actions/refund-ticket/create-ticket`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-environment': 'test' },
      body: JSON.stringify({ paymentId, reason: '   ', requestedAmount: amount('1.00') })
    })
    expect({ status: blank.status, body: await blank.json() })
      .toEqual({ status: 400, body: { data: null, errors: [{ message: 'Invalid reason: expected 1-1000 characters', layer: 'ticket' }] } })
    const long = await fetch(`${server.url}/v1/actions/refund-ticket/create-ticket`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-environment': 'test' },
      body: JSON.stringify({ paymentId, reason: 'x'.repeat(1001), requestedAmount: amount('1.00') })
    })
    expect({ status: long.status, body: await long.json() })
      .toEqual({ status: 400, body: { data: null, errors: [{ message: 'Invalid reason: expected 1-1000 characters', layer: 'ticket' }] } })
    expect(snapshot(server.app)).toEqual(before)

    const owner = client()
    const { product } = await owner.onetimeProducts.create({ storeId: STORE, name: 'Declined', prices: { USD: { amount: '5.00', taxCategory: 'ebook' as never } } })
    const { sessionId } = await owner.checkout.createSession({ productId: product.id, currency: 'USD' as never, buyerEmail: BUYER })
    const declined = await admin(`/checkout-sessions/${sessionId}/pay`, { outcome: 'decline' })
    expect(await rejection(customer.createRefundTicket({ paymentId: declined.body.paymentId, reason: 'x', requestedAmount: amount('1.00') })))
      .toEqual({ status: 400, errors: [{ message: 'Payment cannot be refunded, current status: failed', layer: 'ticket' }] })
  })

  it('another buyer gets 403, the other environment and unknown payments 404', async () => {
    const { paymentId } = await purchase()
    const owner = client()
    const other = owner.customer((await owner.auth.issueSessionToken({ storeId: STORE, buyerIdentity: 'bob@example.com' })).token)
    const request = { paymentId, reason: 'x', requestedAmount: amount('1.00') }
    expect(await rejection(other.createRefundTicket(request))).toEqual({ status: 403, errors: [{ message: 'Payment does not belong to user', layer: 'ticket' }] })
    const prodToken = (await owner.auth.issueSessionToken({ storeId: STORE, buyerIdentity: BUYER })).token
    const prodBuyer = client(DEMO.owner, 'prod').customer(prodToken)
    expect(await rejection(prodBuyer.createRefundTicket(request))).toEqual({ status: 404, errors: [{ message: 'Payment not found', layer: 'ticket' }] })
    expect(rows('SELECT * FROM waffo_refund_tickets')).toEqual([])
  })
})

describe('review moves and resubmit', () => {
  it('a rejected ticket is resubmitted as version 2 (pending, review cleared); a pending one cannot be', async () => {
    const { paymentId, customer } = await purchase()
    const { ticket } = await customer.createRefundTicket({ paymentId, reason: 'Broken', requestedAmount: amount('9.99') })
    const early = await rejection(customer.resubmitRefundTicket({ ticketId: ticket.id, paymentId, reason: 'Again', requestedAmount: amount('5.00') }))
    expect(early).toEqual({ status: 400, errors: [{ message: 'Refund ticket cannot be resubmitted, current status: pending', layer: 'ticket' }] })

    expect((await admin(`/refund-tickets/${ticket.id}/review`, {})).body.ticket.status).toBe('under_review')
    const rejected = await admin(`/refund-tickets/${ticket.id}/reject`, { note: 'No proof' })
    expect(rejected.body.ticket).toMatchObject({ status: 'rejected', rejectReason: 'No proof', reviewerId: 'mock-reviewer' })

    const again = await customer.resubmitRefundTicket({ ticketId: ticket.id, paymentId, reason: 'Photo attached', requestedAmount: amount('5.00') })
    expect(again.ticket).toMatchObject({
      id: ticket.id,
      status: 'pending',
      versionNumber: 2,
      rejectReason: null,
      reviewerId: null,
      reviewedAt: null,
      versionData: { reason: 'Photo attached', requestedAmount: { amount: '5.00', currency: 'USD' } }
    })
    expect(again.ticket.currentVersionId).not.toBe(ticket.currentVersionId)
    expect(await rejection(customer.resubmitRefundTicket({ ticketId: 'TKT_AAAAAAAAAAAAAAAAAAAAAA', paymentId, reason: 'x', requestedAmount: amount('1.00') })))
      .toEqual({ status: 404, errors: [{ message: 'Refund ticket not found', layer: 'ticket' }] })
  })

  it('a failed refund writes a failed REF_ row and delivers refund.failed, gives the amount back; a wrong move is 409', async () => {
    await client().webhooks.add({ storeId: STORE, channel: 'http', url: receiver.url, events: ['refund.failed'], testMode: true })
    const seen = receiver.received.length
    const { paymentId, customer } = await purchase()
    const { ticket } = await customer.createRefundTicket({ paymentId, reason: 'Broken', requestedAmount: amount('9.99') })
    const tooSoon = await admin(`/refund-tickets/${ticket.id}/succeed`, {})
    expect(tooSoon.status).toBe(409)
    expect(tooSoon.body.error).toMatchObject({ code: 'TICKET_STATE', message: `Refund ticket ${ticket.id} is pending; succeed needs approved or processing` })
    await admin(`/refund-tickets/${ticket.id}/approve`, {})
    expect((await admin(`/refund-tickets/${ticket.id}/process`, {})).body.ticket.status).toBe('processing')
    const failed = await admin(`/refund-tickets/${ticket.id}/fail`, {})
    expect(failed.body).toMatchObject({ ticket: { status: 'failed', executedAt: expect.stringMatching(ISO_MS) }, refund: { status: 'failed', amount: '9.99', paymentId } })
    expect(rows('SELECT status, amount FROM waffo_refunds WHERE payment_id = ?', paymentId)).toEqual([{ status: 'failed', amount: '9.99' }])
    const delivery = (await receiver.waitFor(seen + 1))[seen]!
    const { publicKey } = (await admin('/webhook-key')).body
    const event = verifyWebhook(delivery.body, delivery.headers['x-waffo-signature'] as string, { publicKey }) as WebhookEvent
    expect(event).toMatchObject({ eventType: 'refund.failed', eventId: failed.body.refund.id, data: { refundStatus: 'failed', amount: '9.99', originalChargedAmount: '9.99' } })
    // The channel refunded nothing: no refundedAmount.
    expect(event.data).not.toHaveProperty('refundedAmount')
    expect((await customer.createRefundTicket({ paymentId, reason: 'Retry', requestedAmount: amount('9.99') })).ticket.status).toBe('pending')
    expect((await admin('/refund-tickets/TKT_AAAAAAAAAAAAAAAAAAAAAA/approve', {})).status).toBe(404)
  })

  it('a returned ticket is resubmitted too; a cancelled one no longer; a ticket answers only for its own payment and buyer', async () => {
    const first = await purchase()
    const second = await purchase()
    const { customer, paymentId } = first
    const { ticket } = await customer.createRefundTicket({ paymentId, reason: 'Broken', requestedAmount: amount('2.00') })
    // The control plane's moves take no body at all as well.
    const returned = await fetch(`${server.url}/__admin/waffo/refund-tickets/${ticket.id}/return`, { method: 'POST' })
    expect((await returned.json() as any).ticket).toMatchObject({ status: 'returned', reviewNote: null, reviewerId: 'mock-reviewer' })
    expect(await rejection(customer.resubmitRefundTicket({ ticketId: ticket.id, paymentId: second.paymentId, reason: 'x', requestedAmount: amount('1.00') })))
      .toEqual({ status: 400, errors: [{ message: 'paymentId does not match the refund ticket\'s payment', layer: 'ticket' }] })
    const owner = client()
    const bob = await purchase('bob@example.com')
    expect(await rejection(bob.customer.resubmitRefundTicket({ ticketId: ticket.id, paymentId: bob.paymentId, reason: 'x', requestedAmount: amount('1.00') })))
      .toEqual({ status: 404, errors: [{ message: 'Refund ticket not found', layer: 'ticket' }] })
    // The same buyer, spelled otherwise, is still the ticket's buyer.
    const shouting = owner.customer((await owner.auth.issueSessionToken({ storeId: STORE, buyerIdentity: ' ANN@example.com' })).token)
    expect((await shouting.resubmitRefundTicket({ ticketId: ticket.id, paymentId, reason: 'More detail', requestedAmount: amount('3.00') })).ticket)
      .toMatchObject({ status: 'pending', versionNumber: 2, reviewerId: null, versionData: { reason: 'More detail', requestedAmount: { amount: '3.00', currency: 'USD' } } })
    expect((await admin(`/refund-tickets/${ticket.id}/cancel`, {})).body.ticket.status).toBe('cancelled')
    expect(await rejection(customer.resubmitRefundTicket({ ticketId: ticket.id, paymentId, reason: 'x', requestedAmount: amount('1.00') })))
      .toEqual({ status: 400, errors: [{ message: 'Refund ticket cannot be resubmitted, current status: cancelled', layer: 'ticket' }] })
  })
})

describe('state', () => {
  it('a tenant reset clears the owner\'s refunds and tickets with its payments; a full reset clears them all', async () => {
    const { paymentId, customer } = await purchase()
    const { ticket } = await customer.createRefundTicket({ paymentId, reason: 'Broken', requestedAmount: amount('1.00') })
    await admin(`/refund-tickets/${ticket.id}/approve`, {})
    await admin(`/refund-tickets/${ticket.id}/succeed`, {})
    expect(rows('SELECT count(*) AS n FROM waffo_refunds')).toEqual([{ n: 1 }])
    const reset = await fetch(`${server.url}/__admin/reset`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ tenant: DEMO.owner.id }) })
    expect(reset.status).toBe(200)
    expect(rows('SELECT (SELECT count(*) FROM waffo_refunds) AS refunds, (SELECT count(*) FROM waffo_refund_tickets) AS tickets, (SELECT count(*) FROM waffo_payments) AS payments'))
      .toEqual([{ refunds: 0, tickets: 0, payments: 0 }])
    const again = await purchase()
    await again.customer.createRefundTicket({ paymentId: again.paymentId, reason: 'Broken', requestedAmount: amount('1.00') })
    expect((await fetch(`${server.url}/__admin/reset`, { method: 'POST' })).status).toBe(200)
    expect(rows('SELECT count(*) AS n FROM waffo_refund_tickets')).toEqual([{ n: 0 }])
  })
})
