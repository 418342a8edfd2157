/** subscription-product-group/*: create, update (productIds replaced, rules merged), publish test → prod, hard delete; GraphQL. */
import { describe, expect, it } from 'vitest'
import { DEMO, ISO_MS, snapshot, useApp, UUID_V4, waffo } from '../helpers.js'

const GROUP = '/v1/actions/subscription-product-group'

describe('subscription product groups', () => {
  const mock = useApp()
  const call = (action: string, body: unknown, merchant: { id: string, privateKeyPem: string } = DEMO.owner) =>
    waffo(mock.app, { path: `${GROUP}/${action}`, body, merchant })

  async function storeWithPlans () {
    await mock.app.inject({ method: 'POST', url: '/__admin/clock', payload: { freeze: '2026-03-01T10:00:00.000Z' } })
    const store = (await waffo(mock.app, { path: '/v1/actions/store/create-store', body: { name: 'Plans' } })).json().data.store.id as string
    const plan = async (name: string) => (await waffo(mock.app, {
      path: '/v1/actions/subscription-product/create-product',
      body: { storeId: store, name, billingPeriod: 'monthly', prices: { USD: { amount: '9.99', taxCategory: 'saas' } } }
    })).json().data.product.id as string
    return { store, basic: await plan('Basic'), pro: await plan('Pro'), max: await plan('Max') }
  }

  it('creates, replaces productIds, merges rules, publishes to prod (upsert) and hard-deletes', async () => {
    const { store, basic, pro, max } = await storeWithPlans()
    const created = await call('create-group', { storeId: store, name: ' Pro Plans ', rules: { sharedTrial: true }, productIds: [basic, pro, basic] })
    expect(created.statusCode).toBe(200)
    const group = created.json().data.group
    expect(group).toEqual({
      id: expect.stringMatching(UUID_V4),
      storeId: store,
      name: 'Pro Plans',
      description: null,
      rules: { sharedTrial: true, selfServicePlanChange: false },
      productIds: [basic, pro],
      environment: 'test',
      createdAt: '2026-03-01T10:00:00.000Z',
      updatedAt: '2026-03-01T10:00:00.000Z'
    })
    expect(group.createdAt).toMatch(ISO_MS)

    const updated = (await call('update-group', { id: group.id, productIds: [max], rules: { selfServicePlanChange: true } })).json().data.group
    expect(updated).toMatchObject({ productIds: [max], rules: { sharedTrial: true, selfServicePlanChange: true }, name: 'Pro Plans' })

    const published = (await call('publish-group', { id: group.id })).json().data.group
    expect(published).toMatchObject({ environment: 'prod', name: 'Pro Plans', productIds: [max], storeId: store })
    expect(published.id).not.toBe(group.id)
    await call('update-group', { id: group.id, description: 'Second' })
    const again = (await call('publish-group', { id: group.id })).json().data.group
    expect([again.id, again.description]).toEqual([published.id, 'Second'])

    // The prod copy is the prod key's; the test key does not see it.
    expect((await call('delete-group', { id: published.id })).json()).toEqual({ data: null, errors: [{ message: 'Subscription product group not found', layer: 'product' }] })
    expect((await call('publish-group', { id: published.id }, DEMO.ownerProd)).json().errors[0].message).toBe('Only a test group can be published')
    const gone = (await call('delete-group', { id: group.id })).json().data.group
    expect(gone.id).toBe(group.id)
    const rows = mock.app.mock.db.prepare('SELECT id, environment FROM waffo_product_groups').all()
    expect(rows).toEqual([{ id: published.id, environment: 'prod' }])
  })

  it('refuses as documented and writes nothing', async () => {
    const { store, basic } = await storeWithPlans()
    await call('create-group', { storeId: store, name: 'Taken' })
    const before = snapshot(mock.app)
    const refusals: Array<[unknown, number, string]> = [
      [{}, 400, 'Missing required fields: storeId, name'],
      [{ storeId: store }, 400, 'Missing required fields: name'],
      [{ storeId: 'nope', name: 'x' }, 400, 'Expected format: STO_xxx, got "nope"'],
      [{ storeId: store, name: 'x', productIds: ['PROD_1'] }, 400, 'Expected format: PROD_xxx, got "PROD_1"'],
      [{ storeId: DEMO.waffoStores.othersOnly, name: 'x' }, 404, 'Store not found'],
      [{ storeId: store, name: 'Taken' }, 409, 'A subscription product group named "Taken" already exists in this store (test)'],
      [{ storeId: store, name: '   ' }, 400, 'Group name must be between 1 and 64 characters'],
      [{ storeId: DEMO.waffoStores.ownerIsMember, name: 'x' }, 403, 'Not authorized to manage product groups of this store, only owner or admin can'],
      [{ storeId: store, name: 'x', productIds: [basic, 'PROD_0000000000000000000000'] }, 400, 'Invalid productIds: PROD_0000000000000000000000 is not a subscription product of this store']
    ]
    for (const [body, status, message] of refusals) {
      const response = await call('create-group', body)
      expect([response.statusCode, response.json().errors[0].message]).toEqual([status, message])
    }
    expect((await call('update-group', { id: 'unknown' })).statusCode).toBe(404)
    expect(snapshot(mock.app)).toEqual(before)
    // The same name in prod is another environment.
    expect((await call('create-group', { storeId: store, name: 'Taken' }, DEMO.ownerProd)).json().data.group.environment).toBe('prod')
  })

  it('GraphQL subscriptionProductGroups (the guide query) shows the groups of the key environment with their products', async () => {
    const { store, basic } = await storeWithPlans()
    const { id } = (await call('create-group', { storeId: store, name: 'Pro Plans', productIds: [basic] })).json().data.group
    const query = `query ($storeId: String!) {
      subscriptionProductGroups(storeId: $storeId) {
        id name description
        rules { sharedTrial }
        environment
        products {
          id name billingPeriod
          prices { currency priceInfo { amount taxCategory } }
        }
      }
      subscriptionProductGroupsCount(storeId: $storeId)
    }`
    const response = await waffo(mock.app, { path: '/v1/graphql', body: { query, variables: { storeId: store } } })
    expect(response.json()).toEqual({
      data: {
        subscriptionProductGroups: [{
          id,
          name: 'Pro Plans',
          description: null,
          rules: { sharedTrial: false },
          environment: 'test',
          products: [{ id: basic, name: 'Basic', billingPeriod: 'monthly', prices: [{ currency: 'USD', priceInfo: { amount: '9.99', taxCategory: 'saas' } }] }]
        }],
        subscriptionProductGroupsCount: 1
      }
    })
    const prod = await waffo(mock.app, { path: '/v1/graphql', body: { query, variables: { storeId: store } }, merchant: DEMO.ownerProd })
    expect(prod.json().data).toEqual({ subscriptionProductGroups: [], subscriptionProductGroupsCount: 0 })
  })
})
