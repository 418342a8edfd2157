/**
 * Every column the second wave added (product versions per environment, order details, period
 * ends, unpaid balances, new stores and memberships) survives export → replace → export byte for
 * byte, and a per-merchant reset restores them from the fixtures.
 */
import { expect, it } from 'vitest'
import { DEMO, snapshot, useApp } from '../helpers.js'
import { act, PRICES, row } from './support.js'

const mock = useApp()

async function changeEverything () {
  const store = (await act(mock.app, 'store/create-store', { name: 'Exported' })).body.data.store
  await act(mock.app, 'store/update-store', { id: store.id, notificationSettings: { notifyChargeback: false }, checkoutSettings: null })
  const product = (await act(mock.app, 'subscription-product/create-product', { storeId: store.id, name: 'Plan', billingPeriod: 'weekly', prices: PRICES, metadata: { trialDays: 3 }, media: [{ type: 'video', url: 'https://v.example/1' }] })).body.data.product
  await act(mock.app, 'subscription-product/publish-product', { id: product.id })
  await act(mock.app, 'subscription-product/update-product', { id: product.id, description: 'v2 only in test' })
  await act(mock.app, 'subscription-order/cancel-order', { orderId: 'ORD_EverySubPastDue0000000' })
  await act(mock.app, 'subscription-order/cancel-order', { orderId: 'ORD_EverySubActive00000000' })
  return { store, product }
}

it('export → replace → export is byte-identical with second-wave rows', async () => {
  mock.app.mock.clock.freeze(Date.parse('2026-04-01T00:00:00.000Z'))
  const { product } = await changeEverything()
  const exported = await mock.app.inject({ method: 'GET', url: '/__admin/state' })
  const doc = exported.json()
  const exportedProduct = doc.waffo.products.find((item: { id: string }) => item.id === product.id)
  expect(exportedProduct).toMatchObject({ versionNumber: 2, description: 'v2 only in test', prodVersion: { versionNumber: 1, description: null, billingPeriod: 'weekly' } })
  // Its period had already ended: canceled at the period end, the unpaid balance kept.
  expect(doc.waffo.orders.find((item: { id: string }) => item.id === 'ORD_EverySubPastDue0000000'))
    .toMatchObject({ status: 'canceled', unpaidBalance: true, canceledAt: '2026-01-01T00:00:00.000Z', currentPeriodEnd: '2026-01-01T00:00:00.000Z' })
  expect(doc.waffo.orders.find((item: { id: string }) => item.id === 'ORD_EverySubActive00000000')).toMatchObject({ status: 'canceling', currentPeriodEnd: '2030-01-01T00:00:00.000Z' })

  const before = snapshot(mock.app)
  const replaced = await mock.app.inject({ method: 'POST', url: '/__admin/fixtures?mode=replace', payload: exported.body, headers: { 'content-type': 'application/json' } })
  expect(replaced.statusCode, replaced.body).toBe(200)
  const again = await mock.app.inject({ method: 'GET', url: '/__admin/state' })
  expect(again.body).toBe(exported.body)
  expect(snapshot(mock.app)).toEqual(before)
})

it('a per-merchant reset restores the owner\'s products and orders from the fixtures and drops its new store', async () => {
  const { store } = await changeEverything()
  await act(mock.app, 'onetime-product/update-status', { id: 'PROD_EveryOnetimeActive0000', status: 'inactive' })
  const reset = await mock.app.inject({ method: 'POST', url: '/__admin/reset', payload: { tenant: DEMO.owner.id } })
  expect(reset.statusCode).toBe(200)
  expect(row(mock.app, 'SELECT id FROM waffo_stores WHERE id = ?', store.id)).toBeUndefined()
  expect(row(mock.app, 'SELECT test_status FROM waffo_products WHERE id = ?', 'PROD_EveryOnetimeActive0000')).toEqual({ test_status: 'active' })
  expect(row(mock.app, 'SELECT status, unpaid_balance, buyer_email, current_period_end FROM waffo_orders WHERE id = ?', 'ORD_EverySubPastDue0000000'))
    .toEqual({ status: 'past_due', unpaid_balance: 0, buyer_email: 'late.payer@example.com', current_period_end: '2026-01-01T00:00:00.000Z' })
})
