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

describe('unknown keys fail at load, with their path', () => {
  it.each([
    ['a top-level "wafo"', { wafo: { stores: [] } }, '/wafo'],
    ['a misspelt "stauts"', { waffo: { stores: [{ ...store('STO_FixtureStore0000000001'), stauts: 'active' }] } }, '/waffo/stores/0/stauts'],
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
    ['an order id', { waffo: { orders: [{ id: 'ORD_1', storeId: DEMO.waffoStores.clean, type: 'onetime', status: 'pending' }] } }, '/waffo/orders/0/id']
  ])('%s', (_name, doc, path) => {
    expect(problem(doc)?.path).toBe(path)
    expect(problem(doc)?.message).toMatch(/must match pattern/)
  })

  it('the demo set and a well-formed id still load', () => {
    expect(problem({ waffo: { stores: [store('STO_FixtureStore0000000001')] } })).toBeUndefined()
  })
})
