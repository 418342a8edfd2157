/**
 * Order actions: cancel by API key (owner), the buyer session token (5 minutes on the mock's
 * clock) and the buyer-side cancel/reactivate, and canceling → canceled at the period end.
 */
import { describe, expect, it } from 'vitest'
import { DEMO, snapshot, useApp } from '../helpers.js'
import { act, asBuyer, blockers, loadWaffo, refusal, row, sessionToken } from './support.js'

const mock = useApp()
const STORE = DEMO.waffoStores.clean
const orderStatus = (id: string) => row(mock.app, 'SELECT status, canceled_at, unpaid_balance FROM waffo_orders WHERE id = ?', id)
const T0 = Date.parse('2026-03-01T12:00:00.000Z')

/** Orders of the clean store (owner: DEMO.owner, admin: DEMO.admin), one per interesting status. */
async function seedOrders () {
  mock.app.mock.clock.freeze(T0)
  await loadWaffo(mock.app, {
    products: [
      { id: 'PROD_OrdersOnetime000000001', storeId: STORE, type: 'onetime', name: 'Book' },
      { id: 'PROD_OrdersSubscription0001', storeId: STORE, type: 'subscription', name: 'Pro', billingPeriod: 'monthly' }
    ],
    orders: [
      { id: 'ORD_SubPending000000000001', storeId: STORE, type: 'subscription', status: 'pending', productId: 'PROD_OrdersSubscription0001', buyerEmail: 'ann@example.com' },
      { id: 'ORD_SubActive0000000000001', storeId: STORE, type: 'subscription', status: 'active', productId: 'PROD_OrdersSubscription0001', buyerEmail: 'Ann@Example.com', currency: 'USD', amount: '9.99', currentPeriodEnd: '2026-03-31T00:00:00.000Z' },
      { id: 'ORD_SubPastDue000000000001', storeId: STORE, type: 'subscription', status: 'past_due', productId: 'PROD_OrdersSubscription0001', buyerEmail: 'ann@example.com', currentPeriodEnd: '2026-03-10T00:00:00.000Z' },
      { id: 'ORD_SubExpired000000000001', storeId: STORE, type: 'subscription', status: 'expired', buyerEmail: 'ann@example.com' },
      { id: 'ORD_OnePending000000000001', storeId: STORE, type: 'onetime', status: 'pending', productId: 'PROD_OrdersOnetime000000001', buyerEmail: 'ann@example.com', currency: 'USD', amount: '29.00' },
      { id: 'ORD_OneCompleted0000000001', storeId: STORE, type: 'onetime', status: 'completed', buyerEmail: 'ann@example.com' },
      { id: 'ORD_OneOtherBuyer000000001', storeId: STORE, type: 'onetime', status: 'pending', buyerEmail: 'bob@example.com' }
    ]
  })
}

describe('subscription-order/cancel-order with the API key', () => {
  it('pending → canceled at once; active and past_due → canceling', async () => {
    await seedOrders()
    expect((await act(mock.app, 'subscription-order/cancel-order', { orderId: 'ORD_SubPending000000000001' })).body)
      .toEqual({ data: { orderId: 'ORD_SubPending000000000001', status: 'canceled' } })
    expect(orderStatus('ORD_SubPending000000000001')).toEqual({ status: 'canceled', canceled_at: '2026-03-01T12:00:00.000Z', unpaid_balance: 0 })
    expect((await act(mock.app, 'subscription-order/cancel-order', { orderId: 'ORD_SubActive0000000000001' })).body)
      .toEqual({ data: { orderId: 'ORD_SubActive0000000000001', status: 'canceling' } })
    expect((await act(mock.app, 'subscription-order/cancel-order', { orderId: 'ORD_SubPastDue000000000001' })).body.data.status).toBe('canceling')
    expect(orderStatus('ORD_SubPastDue000000000001')).toEqual({ status: 'canceling', canceled_at: null, unpaid_balance: 1 })
  })

  it('refuses terminal and canceling subscriptions with the current status', async () => {
    await seedOrders()
    await act(mock.app, 'subscription-order/cancel-order', { orderId: 'ORD_SubActive0000000000001' })
    const before = snapshot(mock.app)
    expect(await refusal(mock.app, 'subscription-order/cancel-order', { orderId: 'ORD_SubExpired000000000001' }))
      .toEqual([400, 'Subscription cannot be canceled, current status: expired', 'order'])
    expect(await refusal(mock.app, 'subscription-order/cancel-order', { orderId: 'ORD_SubActive0000000000001' }))
      .toEqual([400, 'Subscription cannot be canceled, current status: canceling', 'order'])
    expect(snapshot(mock.app)).toEqual(before)
  })

  it.each([
    ['no orderId', {}, 400, 'Missing required field: orderId'],
    ['a bad orderId', { orderId: 'order-1' }, 400, 'Expected format: ORD_xxx, got "order-1"'],
    ['an unknown order', { orderId: 'ORD_0000000000000000000000' }, 404, 'Order not found'],
    ['a one-time order', { orderId: 'ORD_OnePending000000000001' }, 404, 'Order not found']
  ])('%s → %i', async (_case, body, status, message) => {
    await seedOrders()
    expect(await refusal(mock.app, 'subscription-order/cancel-order', body)).toEqual([status, message, 'order'])
  })

  it('only the store owner: an admin gets 403, another merchant 404; nothing written', async () => {
    await seedOrders()
    const before = snapshot(mock.app)
    expect(await refusal(mock.app, 'subscription-order/cancel-order', { orderId: 'ORD_SubActive0000000000001' }, DEMO.admin))
      .toEqual([403, 'Order does not belong to user', 'order'])
    expect(await refusal(mock.app, 'subscription-order/cancel-order', { orderId: 'ORD_SubActive0000000000001' }, DEMO.outsider))
      .toEqual([404, 'Order not found', 'order'])
    expect(snapshot(mock.app)).toEqual(before)
  })
})

describe('delete-store counts the orders of the caller\'s environment only', () => {
  it('a prod subscription blocks a prod key, not a test key (issue 17: a test key never sees prod orders)', async () => {
    await loadWaffo(mock.app, {
      orders: [{ id: 'ORD_ProdActive000000000001', storeId: STORE, type: 'subscription', status: 'active', testMode: false, buyerEmail: 'ann@example.com' }]
    })
    const prod = await act(mock.app, 'store/delete-store', { id: STORE }, DEMO.ownerProd)
    expect([prod.status, prod.body.errors!.map((notice) => [notice.reason, notice.count])]).toEqual([409, [['pending_orders', 1], ['active_subscriptions', 1]]])
    expect(await blockers(mock.app, STORE)).toEqual([])
    expect(row(mock.app, 'SELECT deleted_at FROM waffo_stores WHERE id = ?', STORE)!.deleted_at).not.toBeNull()
  })
})

describe('canceling → canceled at the end of the current period, on the mock clock', () => {
  it('keeps blocking delete-store until the period ends, then the subscription is canceled', async () => {
    await seedOrders()
    await act(mock.app, 'subscription-order/cancel-order', { orderId: 'ORD_SubActive0000000000001' })
    for (const id of ['ORD_SubPending000000000001', 'ORD_OnePending000000000001', 'ORD_OneOtherBuyer000000001']) {
      mock.app.mock.db.prepare("UPDATE waffo_orders SET status = 'canceled' WHERE id = ?").run(id)
    }
    mock.app.mock.db.prepare("UPDATE waffo_orders SET status = 'closed' WHERE id = 'ORD_SubPastDue000000000001'").run()
    mock.app.mock.db.prepare("UPDATE waffo_products SET test_status = 'inactive'").run()
    // Still canceling a second before the period end: both categories still block.
    await mock.app.inject({ method: 'POST', url: '/__admin/clock', payload: { freeze: '2026-03-30T23:59:59.000Z' } })
    expect(orderStatus('ORD_SubActive0000000000001')!.status).toBe('canceling')
    expect(await blockers(mock.app, STORE)).toEqual(['pending_orders', 'active_subscriptions'])

    await mock.app.inject({ method: 'POST', url: '/__admin/clock', payload: { advanceMs: 1000 } })
    // The next request (any request) finds the period over.
    expect(await blockers(mock.app, STORE)).toEqual([])
    expect(orderStatus('ORD_SubActive0000000000001')).toEqual({ status: 'canceled', canceled_at: '2026-03-31T00:00:00.000Z', unpaid_balance: 0 })
    expect(row(mock.app, 'SELECT updated_at FROM waffo_orders WHERE id = ?', 'ORD_SubActive0000000000001')!.updated_at).toBe('2026-03-31T00:00:00.000Z')
  })
})

describe('auth/issue-session-token', () => {
  it('answers a JWT that expires 5 minutes later on the mock clock; by productId the store is derived', async () => {
    await seedOrders()
    const { status, body } = await act(mock.app, 'auth/issue-session-token', { storeId: STORE, buyerIdentity: 'ann@example.com' })
    expect(status).toBe(200)
    expect(body.data).toEqual({ token: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/), expiresAt: '2026-03-01T12:05:00.000Z' })
    const claims = JSON.parse(Buffer.from(body.data.token.split('.')[1], 'base64url').toString())
    expect(claims).toMatchObject({ sub: 'ann@example.com', storeId: STORE, merchantId: DEMO.owner.id, exp: Date.parse('2026-03-01T12:05:00.000Z') / 1000 })

    const byProduct = await act(mock.app, 'auth/issue-session-token', { productId: 'PROD_OrdersOnetime000000001', buyerIdentity: 'ann@example.com' }, DEMO.admin)
    expect(JSON.parse(Buffer.from(byProduct.body.data.token.split('.')[1], 'base64url').toString())).toMatchObject({ storeId: STORE, merchantId: DEMO.admin.id })
  })

  it.each([
    ['neither storeId nor productId', { buyerIdentity: 'a' }, 400, 'Missing required field: storeId or productId', 'user'],
    ['a bad storeId', { storeId: 'x', buyerIdentity: 'a' }, 400, 'Expected format: STO_xxx, got "x"', 'user'],
    ['a bad productId', { productId: 'STO_2aUyqjCzEIiEcYMKj7TZtw', buyerIdentity: 'a' }, 400, 'Expected format: PROD_xxx, got "STO_2aUyqjCzEIiEcYMKj7TZtw"', 'user'],
    ['no buyerIdentity', { storeId: STORE }, 400, 'Missing required field: buyerIdentity', 'user'],
    ['a blank buyerIdentity', { storeId: STORE, buyerIdentity: ' ' }, 400, 'Invalid buyerIdentity: expected a non-empty string of at most 256 characters', 'user'],
    ['a buyerIdentity over 256 characters', { storeId: STORE, buyerIdentity: 'a'.repeat(257) }, 400, 'Invalid buyerIdentity: expected a non-empty string of at most 256 characters', 'user'],
    ['a buyerIdentity with a lone surrogate', { storeId: STORE, buyerIdentity: 'ann\ud800' }, 400, 'Invalid buyerIdentity: expected a non-empty string of at most 256 characters', 'user'],
    ['another merchant\'s store', { storeId: DEMO.waffoStores.othersOnly, buyerIdentity: 'a' }, 404, 'Store not found', 'store'],
    ['a deleted store', { storeId: DEMO.waffoStores.deleted, buyerIdentity: 'a' }, 404, 'Store not found', 'store'],
    ['another merchant\'s product', { productId: 'PROD_OrdersOnetime000000001', buyerIdentity: 'a', merchant: 'outsider' }, 404, 'Product not found', 'product']
  ])('%s → %i', async (_case, { merchant, ...body }: Record<string, string>, status, message, layer) => {
    await seedOrders()
    expect(await refusal(mock.app, 'auth/issue-session-token', body, merchant ? DEMO.outsider : DEMO.owner)).toEqual([status, message, layer])
  })
})

describe('buyer-side actions with the session token', () => {
  it('onetime-order/cancel-order: pending → canceled for the buyer named in the token (case-insensitive email)', async () => {
    await seedOrders()
    const token = await sessionToken(mock.app, STORE, 'ANN@example.com')
    expect((await asBuyer(mock.app, token, 'onetime-order/cancel-order', { orderId: 'ORD_OnePending000000000001' })).body)
      .toEqual({ data: { orderId: 'ORD_OnePending000000000001', status: 'canceled' } })
    expect(orderStatus('ORD_OnePending000000000001')).toMatchObject({ status: 'canceled', canceled_at: '2026-03-01T12:00:00.000Z' })
    const again = await asBuyer(mock.app, token, 'onetime-order/cancel-order', { orderId: 'ORD_OneCompleted0000000001' })
    expect([again.status, again.body.errors]).toEqual([400, [{ message: 'Order cannot be canceled, current status: completed', layer: 'order' }]])
  })

  it('another buyer\'s order, or a token for another store → 403 "Order does not belong to user", nothing written', async () => {
    await seedOrders()
    const token = await sessionToken(mock.app, STORE, 'ann@example.com')
    const elsewhere = await sessionToken(mock.app, DEMO.waffoStores.blockedEverywhere, 'ann@example.com')
    const before = snapshot(mock.app)
    for (const [credential, orderId] of [[token, 'ORD_OneOtherBuyer000000001'], [elsewhere, 'ORD_OnePending000000000001']] as const) {
      const answer = await asBuyer(mock.app, credential, 'onetime-order/cancel-order', { orderId })
      expect([answer.status, answer.body]).toEqual([403, { data: null, errors: [{ message: 'Order does not belong to user', layer: 'order' }] }])
    }
    expect((await asBuyer(mock.app, token, 'onetime-order/cancel-order', { orderId: 'ORD_SubPending000000000001' })).status).toBe(404)
    expect(snapshot(mock.app)).toEqual(before)
  })

  it('subscription-order/reactivate-order: canceling → active; an unpaid balance or another status → 400', async () => {
    await seedOrders()
    const token = await sessionToken(mock.app, STORE, 'ann@example.com')
    // The buyer cancels (the SDK's customer.cancelSubscription), then changes their mind.
    expect((await asBuyer(mock.app, token, 'subscription-order/cancel-order', { orderId: 'ORD_SubActive0000000000001' })).body.data.status).toBe('canceling')
    expect((await asBuyer(mock.app, token, 'subscription-order/reactivate-order', { orderId: 'ORD_SubActive0000000000001' })).body)
      .toEqual({ data: { orderId: 'ORD_SubActive0000000000001', status: 'active' } })
    expect(orderStatus('ORD_SubActive0000000000001')).toEqual({ status: 'active', canceled_at: null, unpaid_balance: 0 })

    await act(mock.app, 'subscription-order/cancel-order', { orderId: 'ORD_SubPastDue000000000001' })
    const unpaid = await asBuyer(mock.app, token, 'subscription-order/reactivate-order', { orderId: 'ORD_SubPastDue000000000001' })
    expect([unpaid.status, unpaid.body.errors]).toEqual([400, [{ message: 'Subscription with an unpaid balance cannot be reactivated', layer: 'order' }]])
    const notCanceling = await asBuyer(mock.app, token, 'subscription-order/reactivate-order', { orderId: 'ORD_SubExpired000000000001' })
    expect([notCanceling.status, notCanceling.body.errors]).toEqual([400, [{ message: 'Subscription cannot be reactivated, current status: expired', layer: 'order' }]])
  })

  it('the token: expired after 5 minutes of mock time, tampered or missing → 401; no X-Environment → 400; an API key is not enough', async () => {
    await seedOrders()
    const token = await sessionToken(mock.app, STORE, 'ann@example.com')
    const cancel = (credential: string, env: string | null = 'test') => asBuyer(mock.app, credential, 'onetime-order/cancel-order', { orderId: 'ORD_OnePending000000000001' }, env)
    const before = snapshot(mock.app)
    expect((await cancel(token, null)).body).toEqual({ data: null, errors: [{ message: 'Missing or invalid header: X-Environment', layer: 'gateway' }] })
    const [head, payload, signature] = token.split('.')
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), sub: 'bob@example.com' })).toString('base64url')
    expect((await cancel(`${head}.${forged}.${signature}`)).body).toEqual({ data: null, errors: [{ message: 'Authentication failed', layer: 'user' }] })
    expect((await cancel('not-a-jwt')).status).toBe(401)
    const keyOnly = await act(mock.app, 'onetime-order/cancel-order', { orderId: 'ORD_OnePending000000000001' })
    expect([keyOnly.status, keyOnly.body.errors]).toEqual([401, [{ message: 'Missing authentication', layer: 'user' }]])
    expect(snapshot(mock.app)).toEqual(before)

    mock.app.mock.clock.advance(299_000)
    expect((await cancel(token, 'test')).status).toBe(200)
    mock.app.mock.db.prepare("UPDATE waffo_orders SET status = 'pending', canceled_at = NULL WHERE id = 'ORD_OnePending000000000001'").run()
    mock.app.mock.clock.advance(1000)
    const expired = await cancel(token, 'test')
    expect([expired.status, expired.body]).toEqual([401, { data: null, errors: [{ message: 'Token has expired', layer: 'user' }] }])
    expect(orderStatus('ORD_OnePending000000000001')!.status).toBe('pending')
  })

  it('records the verdicts in the journal: who issued the session, and why a token was refused', async () => {
    await seedOrders()
    const token = await sessionToken(mock.app, STORE, 'ann@example.com')
    await asBuyer(mock.app, token, 'onetime-order/cancel-order', { orderId: 'ORD_OnePending000000000001' })
    mock.app.mock.clock.advance(301_000)
    await asBuyer(mock.app, token, 'onetime-order/cancel-order', { orderId: 'ORD_OnePending000000000001' })
    const { requests } = (await mock.app.inject({ method: 'GET', url: '/__admin/requests?path=/v1/actions/onetime-order/cancel-order' })).json()
    expect(requests.map((entry: { auth: unknown }) => entry.auth)).toEqual([
      { outcome: 'refused', code: 'TOKEN_EXPIRED', reason: 'the session token has expired (5 minutes, mock time)' },
      { outcome: 'ok', code: null, reason: `buyer session for store ${STORE} (issued by merchant ${DEMO.owner.id}), test` }
    ])
    expect(JSON.stringify(requests)).not.toContain(token.split('.')[2])
  })
})
