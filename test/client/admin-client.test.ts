/** toco-waffo-mock/client: startMock in-process, and every MockAdmin method against it. */
import { verifyWebhook, WaffoPancake } from '@waffo/pancake-ts'
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest'
import { MockAdmin, MockAdminError, startMock, type RunningMock } from 'toco-waffo-mock/client'
import { DEFAULT_FIXTURES } from '../../src/config.js'
import { DEMO } from '../helpers.js'
import { startReceiver } from '../webhooks/receiver.js'

let mock: RunningMock
beforeAll(async () => { mock = await startMock({ fixtures: [DEFAULT_FIXTURES], adminToken: 'client-token', timestampWindowSeconds: 60 }) })
afterAll(async () => { await mock.close() })

const refusal = async (promise: Promise<unknown>) => {
  const error = await promise.then(() => undefined, (caught: unknown) => caught)
  expect(error).toBeInstanceOf(MockAdminError)
  return error as MockAdminError
}

describe('startMock', () => {
  it('listens on a free port and names each API\'s base URL', async () => {
    expect(mock.url).toMatch(/^http:\/\/(127\.0\.0\.1|localhost):\d+$/)
    expect(mock.tocoBaseUrl).toBe(`${mock.url}/api/v1`)
    expect(mock.waffoBaseUrl).toBe(mock.url)
    expect(await mock.admin.health()).toEqual({ status: 'ok' })
  })

  it('waffoBaseUrl is what the official SDK\'s baseUrl takes: its /v1/… paths reach the mock', async () => {
    await mock.admin.reset()
    const sdk = new WaffoPancake({ merchantId: DEMO.owner.id, privateKey: DEMO.owner.privateKeyPem, baseUrl: mock.waffoBaseUrl })
    const { store } = await sdk.stores.delete({ id: DEMO.waffoStores.clean })
    expect([store.id, store.name, store.deletedAt !== null]).toEqual([DEMO.waffoStores.clean, 'My Digital Store', true])
    const { requests } = await mock.admin.requests({ api: 'waffo' })
    expect(requests[0]).toMatchObject({ path: '/v1/actions/store/delete-store', status: 200, tenant: DEMO.owner.id })
    await mock.admin.reset()
  })

  it('passes the options on as configuration (the admin token guards the control plane)', async () => {
    const refused = await refusal(new MockAdmin(mock.url).reset())
    expect([refused.status, refused.code]).toEqual([401, 'ADMIN_UNAUTHORIZED'])
    const clock = await mock.admin.clock.freeze('2026-02-02T00:00:00.000Z')
    // TIMESTAMP_WINDOW_SECONDS=60 via timestampWindowSeconds: 61 s is too old.
    const { signTocoRequest } = await import('toco-waffo-mock/signing')
    const path = `/partner/stores/${DEMO.unbindStore.storeClientId}/unbind`
    const headers = signTocoRequest({ secretKey: DEMO.partner.secretKey, method: 'POST', path, partnerClientId: DEMO.partner.clientId, timestamp: clock.nowMs - 61_000 })
    expect((await fetch(mock.tocoBaseUrl + path, { method: 'POST', headers })).status).toBe(401)
    await mock.admin.clock.reset()
  })
})

describe('MockAdmin', () => {
  it('reset, per tenant, and its refusal as a MockAdminError', async () => {
    expect(await mock.admin.reset()).toMatchObject({ status: 'reset', tenant: null, fixtures: [DEFAULT_FIXTURES] })
    expect(await mock.admin.reset(DEMO.partner.clientId)).toMatchObject({ status: 'reset', tenant: DEMO.partner.clientId })
    const unknown = await refusal(mock.admin.reset('ptnr_nobody'))
    expect([unknown.status, unknown.code, unknown.path]).toEqual([404, 'UNKNOWN_TENANT', '/tenant'])
  })

  it('state, loadFixtures and snapshots', async () => {
    await mock.admin.reset()
    const state = await mock.admin.state()
    expect(state.toco?.partners?.map((partner) => partner.clientId)).toContain(DEMO.partner.clientId)
    const loaded = await mock.admin.loadFixtures({ toco: { partners: [{ clientId: 'ptnr_Client01', secretKey: 's', name: 'Client' }] } })
    expect(loaded).toMatchObject({ mode: 'merge', counts: { toco_partners: 1 } })
    const conflict = await refusal(mock.admin.loadFixtures({ toco: { partners: [{ clientId: 'ptnr_Client01', secretKey: 's', name: 'Client' }] } }))
    expect([conflict.status, conflict.code, conflict.path]).toEqual([409, 'FIXTURE_CONFLICT', '/toco/partners/0'])

    expect(await mock.admin.snapshots.save('one')).toMatchObject({ name: 'one' })
    expect((await mock.admin.snapshots.list()).map((snapshot) => snapshot.name)).toEqual(['one'])
    await mock.admin.loadFixtures(state, 'replace')
    expect((await mock.admin.state()).toco?.partners?.some((partner) => partner.clientId === 'ptnr_Client01')).toBe(false)
    expect(await mock.admin.snapshots.restore('one')).toMatchObject({ status: 'restored', name: 'one' })
    expect((await mock.admin.state()).toco?.partners?.some((partner) => partner.clientId === 'ptnr_Client01')).toBe(true)
    expect(await mock.admin.snapshots.delete('one')).toEqual({ deleted: 'one' })
    expect((await refusal(mock.admin.snapshots.restore('one'))).code).toBe('UNKNOWN_SNAPSHOT')
    await mock.admin.loadFixtures(state, 'replace')
  })

  it('clock, requests, faults', async () => {
    expect(await mock.admin.clock.freeze(Date.parse('2026-03-03T00:00:00.000Z'))).toMatchObject({ now: '2026-03-03T00:00:00.000Z', frozen: true })
    expect(await mock.admin.clock.advance(1000)).toMatchObject({ now: '2026-03-03T00:00:01.000Z' })
    expect((await mock.admin.clock.offset(5000)).frozen).toBe(false)
    expect((await mock.admin.clock.unfreeze()).frozen).toBe(false)
    expect((await mock.admin.clock.get()).frozen).toBe(false)
    expect(await mock.admin.clock.reset()).toMatchObject({ offsetMs: 0 })

    await mock.admin.clearRequests()
    const fault = await mock.admin.faults.add({ path: '/v1/nowhere', respond: { status: 418 } })
    expect((await mock.admin.faults.list()).map((rule) => rule.id)).toEqual([fault.id])
    expect((await fetch(`${mock.url}/v1/nowhere`)).status).toBe(418)
    const { requests, total } = await mock.admin.requests({ status: 418 })
    expect([total, requests[0]?.fault]).toEqual([1, fault.id])
    await mock.admin.faults.remove(fault.id)
    expect((await refusal(mock.admin.faults.remove(fault.id))).code).toBe('UNKNOWN_FAULT')
    await mock.admin.faults.add({ path: '*', delayMs: 1 })
    expect(await mock.admin.faults.clear()).toEqual({ cleared: 1 })
    expect(await mock.admin.clearRequests()).toEqual({ cleared: 1 })
  })

  it('Waffo KYB tickets and sender bindings', async () => {
    await mock.admin.reset()
    const ticket = await mock.admin.waffo.createKybTicket(DEMO.waffoStores.clean)
    expect(ticket).toMatchObject({ storeId: DEMO.waffoStores.clean, status: 'pending' })
    expect((await mock.admin.waffo.kybTickets(DEMO.waffoStores.clean)).map((t) => t.id)).toContain(ticket.id)
    expect(await mock.admin.waffo.resolveKybTicket(ticket.id, 'rejected')).toMatchObject({ id: ticket.id, status: 'rejected' })
    const binding = await mock.admin.waffo.createBinding(DEMO.waffoStores.clean, 'email', 'ops@example.com')
    expect((await mock.admin.waffo.bindings(DEMO.waffoStores.clean)).map((b) => b.id)).toContain(binding.id)
    expect(await mock.admin.waffo.revokeBinding(binding.id)).toMatchObject({ id: binding.id })
    expect(await mock.admin.openApi()).toHaveProperty('paths')
  })

  it('webhooks: trigger, deliveries with each filter, one delivery, redeliver; the Waffo webhook key verifies them', async () => {
    await mock.admin.reset()
    const receiver = await startReceiver({ statuses: [500, 200] })
    onTestFinished(() => receiver.close())
    const store = DEMO.waffoStores.blockedEverywhere
    const sdk = new WaffoPancake({ merchantId: DEMO.owner.id, privateKey: DEMO.owner.privateKeyPem, baseUrl: mock.waffoBaseUrl })
    await sdk.webhooks.add({ storeId: store, channel: 'http' as never, url: receiver.url, events: ['subscription.canceling' as never], testMode: true })
    const started = new Date(Date.now() - 1000)

    const triggered = await mock.admin.webhooks.trigger({ event: 'subscription.canceling', orderId: 'ORD_EverySubActive00000000' })
    expect(triggered).toEqual({ api: 'waffo', event: 'subscription.canceling', source: 'state', note: expect.any(String), deliveries: [expect.any(String)] })
    const [id] = triggered.deliveries
    await receiver.waitFor(1)
    await expect.poll(async () => (await mock.admin.webhooks.delivery(id!)).attempts.length).toBe(1)
    const listed = await mock.admin.webhooks.deliveries({ api: 'waffo', event: 'subscription.canceling', status: 'pending', store, since: started, limit: 5 })
    expect(listed.map((delivery) => [delivery.id, delivery.target, delivery.attempts[0]?.status])).toEqual([[id, receiver.url, 500]])
    // Each filter narrows: another API, event, status, store, or a later `since` finds nothing.
    for (const filter of [{ api: 'toco' }, { event: 'subscription.canceled' }, { status: 'delivered' as const }, { store: DEMO.waffoStores.clean }, { since: new Date(Date.now() + 60_000).toISOString() }]) {
      expect(await mock.admin.webhooks.deliveries(filter), JSON.stringify(filter)).toEqual([])
    }

    expect((await mock.admin.webhooks.redeliver(id!)).id).toBe(id)
    await receiver.waitFor(2)
    await expect.poll(async () => (await mock.admin.webhooks.delivery(id!)).status).toBe('delivered')
    expect((await mock.admin.webhooks.deliveries({ status: 'delivered' })).map((delivery) => delivery.id)).toEqual([id])
    const key = await mock.admin.waffo.webhookKey()
    expect(key).toMatchObject({ algorithm: 'RSA-SHA256', header: 'X-Waffo-Signature', publicKey: mock.webhookPublicKey })
    const { body, headers } = receiver.received[1]!
    expect(verifyWebhook(body, headers['x-waffo-signature'] as string, { publicKey: key.publicKey }).eventType).toBe('subscription.canceling')

    expect([(await refusal(mock.admin.webhooks.redeliver('nope'))).code, (await refusal(mock.admin.webhooks.delivery('nope'))).code]).toEqual(['UNKNOWN_DELIVERY', 'UNKNOWN_DELIVERY'])
    const unknown = await refusal(mock.admin.webhooks.trigger({ event: 'order.shipped', orderId: 'ORD_EverySubActive00000000' }))
    expect([unknown.status, unknown.code, unknown.path]).toEqual([400, 'UNKNOWN_EVENT', '/event'])
    await mock.admin.reset()
  })

  it('Waffo purchases: pay a checkout session, set a subscription\'s payment method', async () => {
    await mock.admin.reset()
    const sdk = new WaffoPancake({ merchantId: DEMO.owner.id, privateKey: DEMO.owner.privateKeyPem, baseUrl: mock.waffoBaseUrl })
    const { product } = await sdk.subscriptionProducts.create({ storeId: DEMO.waffoStores.clean, name: 'Pro', billingPeriod: 'monthly' as never, prices: { USD: { amount: '5.00', taxCategory: 'saas' as never } } })
    const session = await sdk.checkout.createSession({ productId: product.id, currency: 'USD' })
    const paid = await mock.admin.waffo.payCheckoutSession(session.sessionId, 'success')
    expect(paid).toEqual({ sessionId: session.sessionId, orderId: expect.stringMatching(/^ORD_/), orderStatus: 'active', paymentId: expect.stringMatching(/^PAY_/), paymentStatus: 'succeeded', successUrl: null })
    expect((await refusal(mock.admin.waffo.payCheckoutSession(session.sessionId, 'success'))).code).toBe('SESSION_PAID')
    expect(await mock.admin.waffo.setPaymentMethod(paid.orderId, 'decline')).toEqual({ orderId: paid.orderId, status: 'active', paymentMethod: 'decline' })
    expect((await refusal(mock.admin.waffo.setPaymentMethod('ORD_nope', 'success'))).code).toBe('UNKNOWN_ORDER')
    const bound = await sdk.checkout.authenticated.create({ productId: product.id, currency: 'USD', buyerIdentity: 'user-cl-1' })
    const boundOrder = (await mock.admin.waffo.payCheckoutSession(bound.sessionId, 'success', 'user-cl-1')).orderId
    const state = await mock.admin.state() as { waffo: { orders: Array<{ id: string, buyerIdentity?: string }> } }
    expect(state.waffo.orders.find((order) => order.id === boundOrder)?.buyerIdentity).toBe('user-cl-1')
    await mock.admin.reset()
  })

  it('a Toco partner\'s webhook URL', async () => {
    await mock.admin.reset()
    const set = await mock.admin.toco.setWebhook(DEMO.partner.clientId, 'http://127.0.0.1:9/toco')
    expect(set).toEqual({ partnerClientId: DEMO.partner.clientId, url: 'http://127.0.0.1:9/toco', signing: expect.stringContaining('HMAC-SHA256') })
    expect(await mock.admin.toco.webhook(DEMO.partner.clientId)).toEqual(set)
    expect((await mock.admin.toco.setWebhook(DEMO.partner.clientId, null)).url).toBeNull()
    expect((await refusal(mock.admin.toco.webhook('ptnr_nobody'))).code).toBe('UNKNOWN_PARTNER')
    await mock.admin.reset()
  })
})
