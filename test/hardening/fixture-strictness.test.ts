/**
 * Finding 8: fixtures that load but cannot work. Unknown keys are refused with their JSON path
 * (a typo fails at load), and every id format the API later checks is checked at load.
 */
import { describe, expect, it } from 'vitest'
import { FixtureError, validateFixture } from '../../src/apis/index.js'
import { DEMO, snapshot, useApp } from '../helpers.js'

const mock = useApp()
const problem = (doc: unknown) => {
  try {
    validateFixture('mine.json', doc)
  } catch (error) {
    expect(error).toBeInstanceOf(FixtureError)
    return { path: (error as FixtureError).path, message: (error as Error).message }
  }
  return undefined
}
const store = (id: string) => ({ id, name: 'S', members: [] })
const refundTicket = { id: 'TKT_FixtureRefundTicket001', paymentId: 'PAY_FixturePayment00000001', submitterId: 'ann@example.com', reason: 'Broken', requestedAmount: { amount: '1.00', currency: 'USD' } }
const refund = { id: 'REF_FixtureRefund000000001', refundTicketId: 'TKT_FixtureRefundTicket001', status: 'succeeded' }
const planChange = {
  id: '6f1c2d3e-4a5b-4c6d-8e7f-0123456789ae',
  storeId: 'STO_FixtureStore0000000001',
  productId: 'PROD_FixturePlan00000000001',
  currency: 'USD',
  priceSnapshot: { amount: '5.00', taxCategory: 'saas' },
  expiresAt: '2026-01-01T00:00:00Z',
  originOrderId: 'ORD_FixtureOrder0000000001',
  changeTiming: 'next_period'
}

describe('unknown keys fail at load, with their path', () => {
  it.each([
    ['a top-level "wafo"', { wafo: { stores: [] } }, '/wafo'],
    ['a misspelt "stauts"', { waffo: { stores: [{ ...store('STO_FixtureStore0000000001'), stauts: 'active' }] } }, '/waffo/stores/0/stauts'],
    ['a misspelt refund ticket key', { waffo: { refundTickets: [{ ...refundTicket, ammount: '1.00' }] } }, '/waffo/refundTickets/0/ammount'],
    ['a GraphQL-only refund field', { waffo: { refunds: [{ ...refund, pspAmountDetails: { amount: '1.00', currency: 'USD' } }] } }, '/waffo/refunds/0/pspAmountDetails'],
    ['a misspelt plan change key', { waffo: { checkoutSessions: [{ ...planChange, changeTimming: 'next_period' }] } }, '/waffo/checkoutSessions/0/changeTimming'],
    ['a Toco store key typo', { toco: { partners: [{ clientId: 'ptnr_x', secretKey: 's' }], stores: [{ storeClientId: 'str_x', partnerClientId: 'ptnr_x', storeToken: 'stkn_x', staus: 'bound' }] } }, '/toco/stores/0/staus']
  ])('%s', (_name, doc, path) => {
    expect(problem(doc)).toEqual({ path, message: `Fixture error in mine.json at ${path}: is not a known key (misspelt?)` })
  })

  it('over the control plane: 400 FIXTURE_INVALID naming the key, nothing loaded', async () => {
    const before = snapshot(mock.app)
    const response = await mock.app.inject({ method: 'POST', url: '/__admin/fixtures?mode=merge', payload: { waffo: { stores: [{ ...store('STO_FixtureStore0000000001'), stauts: 'active' }] } } })
    expect(response.statusCode).toBe(400)
    expect(response.json()).toEqual({ error: { code: 'FIXTURE_INVALID', message: '/waffo/stores/0/stauts: is not a known key (misspelt?)', path: '/waffo/stores/0/stauts' } })
    expect(snapshot(mock.app)).toEqual(before)
  })
})

describe('Waffo id formats are checked at load', () => {
  it.each([
    ['a store id one character short', { waffo: { stores: [store('STO_FixtureStore000000001')] } }, '/waffo/stores/0/id'],
    ['a store id with the wrong prefix', { waffo: { stores: [store('STR_FixtureStore0000000001')] } }, '/waffo/stores/0/id'],
    ['a merchant id with a dash', { waffo: { merchants: [{ id: 'MER_Fixture-Merchant000001', publicKeys: [] }] } }, '/waffo/merchants/0/id'],
    ['a product\'s storeId', { waffo: { products: [{ id: 'PROD_FixtureProduct00000001', storeId: 'STO_short', type: 'onetime' }] } }, '/waffo/products/0/storeId'],
    ['an order id', { waffo: { orders: [{ id: 'ORD_1', storeId: DEMO.waffoStores.clean, type: 'onetime', status: 'pending' }] } }, '/waffo/orders/0/id'],
    ['a refund ticket id', { waffo: { refundTickets: [{ ...refundTicket, id: 'TKT_1' }] } }, '/waffo/refundTickets/0/id'],
    ['a refund ticket\'s paymentId', { waffo: { refundTickets: [{ ...refundTicket, paymentId: 'ORD_FixtureOrder0000000001' }] } }, '/waffo/refundTickets/0/paymentId'],
    ['a refund ticket\'s version id', { waffo: { refundTickets: [{ ...refundTicket, currentVersionId: 'v1' }] } }, '/waffo/refundTickets/0/currentVersionId'],
    ['a refund id', { waffo: { refunds: [{ ...refund, id: 'RFD_FixtureRefund000000001' }] } }, '/waffo/refunds/0/id'],
    ['a refund\'s refundTicketId', { waffo: { refunds: [{ ...refund, refundTicketId: 'TKT_short' }] } }, '/waffo/refunds/0/refundTicketId'],
    ['a plan change\'s originOrderId', { waffo: { checkoutSessions: [{ ...planChange, originOrderId: 'ORD_short' }] } }, '/waffo/checkoutSessions/0/originOrderId'],
    ['an order\'s scheduledChange', { waffo: { orders: [{ id: 'ORD_FixtureOrder0000000001', storeId: DEMO.waffoStores.clean, type: 'subscription', status: 'active', scheduledChange: 'next-month' }] } }, '/waffo/orders/0/scheduledChange']
  ])('%s', (_name, doc, path) => {
    expect(problem(doc)?.path).toBe(path)
    expect(problem(doc)?.message).toMatch(/must match pattern/)
  })

  it('the demo set and a well-formed id still load', () => {
    expect(problem({ waffo: { stores: [store('STO_FixtureStore0000000001')] } })).toBeUndefined()
    expect(problem({ waffo: { refundTickets: [refundTicket], refunds: [refund], checkoutSessions: [planChange] } })).toBeUndefined()
  })
})

describe('amounts and timestamps are checked at load as the API reads them (found by probing: each was a 500 later)', () => {
  const order = { id: 'ORD_FixtureOrder0000000001', storeId: DEMO.waffoStores.clean, type: 'subscription', status: 'active' }
  const payment = { id: 'PAY_FixturePayment00000001', orderId: 'ORD_FixtureOrder0000000001', status: 'succeeded', currency: 'USD' }
  it.each([
    ['a payment amount of letters', { waffo: { payments: [{ ...payment, amount: 'abc' }] } }, '/waffo/payments/0/amount'],
    ['a payment amount in exponent form', { waffo: { payments: [{ ...payment, amount: '1e3' }] } }, '/waffo/payments/0/amount'],
    ['a refund ticket amount with a comma', { waffo: { refundTickets: [{ ...refundTicket, requestedAmount: { amount: '1,00', currency: 'USD' } }] } }, '/waffo/refundTickets/0/requestedAmount/amount'],
    ['an order amount of 16 digits', { waffo: { orders: [{ ...order, amount: '1234567890123456' }] } }, '/waffo/orders/0/amount'],
    ['a product price of 400 digits', { waffo: { products: [{ id: 'PROD_FixtureProduct00000001', storeId: DEMO.waffoStores.clean, type: 'onetime', prices: { USD: { amount: '1' + '0'.repeat(400), taxCategory: 'saas' } } }] } }, '/waffo/products/0/prices/USD/amount']
  ])('%s', (_name, doc, path) => {
    expect(problem(doc)?.path).toBe(path)
    expect(problem(doc)?.message).toMatch(/must match pattern/)
  })

  it.each([
    ['a leap second', { waffo: { orders: [{ ...order, currentPeriodEnd: '2030-12-31T23:59:60Z' }] } }, '/waffo/orders/0/currentPeriodEnd'],
    ['an RFC 9557 zone suffix', { waffo: { orders: [{ ...order, currentPeriodEnd: '2030-12-31T00:00:00Z[Asia/Jakarta]' }] } }, '/waffo/orders/0/currentPeriodEnd']
  ])('%s', (_name, doc, path) => {
    expect(problem(doc)?.path).toBe(path)
    expect(problem(doc)?.message).toMatch(/date-time/)
  })

  it('over the control plane: 400 FIXTURE_INVALID, nothing loaded; well-formed values load', async () => {
    const before = snapshot(mock.app)
    const response = await mock.app.inject({ method: 'POST', url: '/__admin/fixtures?mode=merge', payload: { waffo: { orders: [{ ...order, currentPeriodEnd: '2030-12-31T23:59:60Z' }] } } })
    expect([response.statusCode, response.json().error.code, response.json().error.path]).toEqual([400, 'FIXTURE_INVALID', '/waffo/orders/0/currentPeriodEnd'])
    expect(snapshot(mock.app)).toEqual(before)
    expect(problem({ waffo: { orders: [{ ...order, amount: '999999999999999.999999', currentPeriodEnd: '2030-12-31T23:59:59.999+07:00' }] } })).toBeUndefined()
  })
})
