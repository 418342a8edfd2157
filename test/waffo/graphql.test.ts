/**
 * POST /v1/graphql: signed like the actions, scoped to the merchant's live stores, status per the
 * API key's environment, limit/offset with *Count, depth limit 7 → 400, mutations → 403, errors in
 * Waffo's envelope with layer "graphql".
 */
import { parse } from 'graphql'
import { describe, expect, it } from 'vitest'
import { DEMO, snapshot, useApp, waffo } from '../helpers.js'
import { act, PRICES } from './support.js'

const mock = useApp()

async function gql (query: string, variables?: Record<string, unknown>, merchant = DEMO.owner) {
  const response = await waffo(mock.app, { path: '/v1/graphql', body: { query, ...(variables ? { variables } : {}) }, merchant })
  return { status: response.statusCode, body: response.json() as { data: any, errors?: any[] } }
}

describe('reads', () => {
  it('stores: the merchant\'s live stores (any role), never a deleted one or another merchant\'s', async () => {
    const { status, body } = await gql('{ stores { id name role } storesCount }')
    expect(status).toBe(200)
    expect(body.errors).toBeUndefined()
    const ids = body.data.stores.map((store: { id: string }) => store.id)
    expect(ids).toEqual([DEMO.waffoStores.clean, DEMO.waffoStores.blockedEverywhere, DEMO.waffoStores.productsAndMail, DEMO.waffoStores.ownerIsAdmin, DEMO.waffoStores.ownerIsMember])
    expect(body.data.storesCount).toBe(5)
    expect(body.data.stores.find((store: { id: string }) => store.id === DEMO.waffoStores.ownerIsMember).role).toBe('member')
    expect((await gql('query ($id: ID!) { store(id: $id) { id } }', { id: DEMO.waffoStores.deleted })).body).toEqual({ data: { store: null } })
    expect((await gql('query ($id: ID!) { store(id: $id) { id } }', { id: DEMO.waffoStores.othersOnly })).body).toEqual({ data: { store: null } })
  })

  it('a store deleted through the API disappears with everything under it', async () => {
    const created = (await act(mock.app, 'store/create-store', { name: 'Short Lived' })).body.data.store
    await act(mock.app, 'onetime-product/create-product', { storeId: created.id, name: 'P', prices: PRICES })
    await act(mock.app, 'onetime-product/update-status', { id: (await gql('query ($s: String) { onetimeProducts(storeId: $s) { id } }', { s: created.id })).body.data.onetimeProducts[0].id, status: 'inactive' })
    expect((await act(mock.app, 'store/delete-store', { id: created.id })).status).toBe(200)
    const { body } = await gql('query ($s: String, $id: ID!) { store(id: $id) { id } onetimeProducts(storeId: $s) { id } onetimeProductsCount(storeId: $s) }', { s: created.id, id: created.id })
    expect(body).toEqual({ data: { store: null, onetimeProducts: [], onetimeProductsCount: 0 } })
  })

  it('products: the guide\'s field names; status and content per the key\'s environment', async () => {
    const store = DEMO.waffoStores.clean
    const product = (await act(mock.app, 'subscription-product/create-product', { storeId: store, name: 'Pro', billingPeriod: 'yearly', prices: { USD: { amount: '99.00', taxCategory: 'saas' }, EUR: { amount: '89.00', taxCategory: 'saas' } } })).body.data.product
    const query = 'query ($s: String!) { subscriptionProducts(storeId: $s) { id name status billingPeriod hasProdVersion versionNumber prices { currency priceInfo { amount taxCategory } } store { id } } }'
    expect((await gql(query, { s: store })).body.data.subscriptionProducts).toEqual([{
      id: product.id,
      name: 'Pro',
      status: 'active',
      billingPeriod: 'yearly',
      hasProdVersion: false,
      versionNumber: 1,
      prices: [{ currency: 'USD', priceInfo: { amount: '99.00', taxCategory: 'saas' } }, { currency: 'EUR', priceInfo: { amount: '89.00', taxCategory: 'saas' } }],
      store: { id: store }
    }])
    expect((await gql(query, { s: store }, DEMO.ownerProd)).body.data.subscriptionProducts[0]).toMatchObject({ status: 'inactive', hasProdVersion: false })
    await act(mock.app, 'subscription-product/publish-product', { id: product.id })
    expect((await gql(query, { s: store }, DEMO.ownerProd)).body.data.subscriptionProducts[0]).toMatchObject({ status: 'active', hasProdVersion: true })
  })

  it('limit/offset paging with *Count, on the top-level lists and nested under a store', async () => {
    const store = DEMO.waffoStores.clean
    for (let i = 0; i < 5; i++) {
      mock.app.mock.clock.advance(1000)
      await act(mock.app, 'onetime-product/create-product', { storeId: store, name: `P${i}`, prices: PRICES })
    }
    for (let run = 0; run < 3; run++) {
      const top = await gql('query ($s: String!) { onetimeProducts(storeId: $s, limit: 2, offset: 1) { name } onetimeProductsCount(storeId: $s) }', { s: store })
      expect(top.body.data).toEqual({ onetimeProducts: [{ name: 'P1' }, { name: 'P2' }], onetimeProductsCount: 5 })
    }
    const nested = await gql('query ($id: ID!) { store(id: $id) { onetimeProducts(offset: 4) { name } onetimeProductsCount(filter: { name: { in: ["P0", "P4"] } }) } }', { id: store })
    expect(nested.body.data.store).toEqual({ onetimeProducts: [{ name: 'P4' }], onetimeProductsCount: 2 })
    const filtered = await gql('query ($s: String!) { onetimeProducts(storeId: $s, filter: { name: { startsWith: "P" }, status: { eq: "inactive" } }) { name } }', { s: store })
    expect(filtered.body.data.onetimeProducts).toEqual([])
  })

  it('the same query read again sees every write in between (lists are kept only until a write)', async () => {
    const store = DEMO.waffoStores.clean
    const query = 'query ($id: ID!) { store(id: $id) { onetimeProductsCount onetimeProducts { name status prices { priceInfo { amount } } } } stores { id } }'
    const read = async () => (await gql(query, { id: store })).body.data
    const before = await read()
    expect(await read()).toEqual(before)
    const product = (await act(mock.app, 'onetime-product/create-product', { storeId: store, name: 'Kept?', prices: PRICES })).body.data.product
    const created = await read()
    expect(created.store.onetimeProductsCount).toBe(before.store.onetimeProductsCount + 1)
    expect(created.store.onetimeProducts.at(-1)).toEqual({ name: 'Kept?', status: 'active', prices: [{ priceInfo: { amount: PRICES.USD.amount } }] })
    await act(mock.app, 'onetime-product/update-product', { id: product.id, name: 'Renamed', prices: { USD: { amount: '1.23', taxCategory: 'saas' } } })
    await act(mock.app, 'onetime-product/update-status', { id: product.id, status: 'inactive' })
    expect((await read()).store.onetimeProducts.at(-1)).toEqual({ name: 'Renamed', status: 'inactive', prices: [{ priceInfo: { amount: '1.23' } }] })
    const another = (await act(mock.app, 'store/create-store', { name: 'Seen at once' })).body.data.store
    expect((await read()).stores.map((row: { id: string }) => row.id)).toContain(another.id)
    await mock.app.inject({ method: 'POST', url: '/__admin/reset' })
    expect(await read()).toEqual(before)
  })

  it('every filter field named …At is a DateTimeFilter and no other is (filters.ts picks the instant comparisons by that name)', async () => {
    const { body } = await gql('{ __schema { types { name kind inputFields { name type { name } } } } }')
    const filters = body.data.__schema.types.filter((type: { name: string, kind: string }) => type.kind === 'INPUT_OBJECT' && type.name.endsWith('Filter'))
    expect(filters.length).toBeGreaterThan(5)
    for (const filter of filters as Array<{ name: string, inputFields: Array<{ name: string, type: { name: string } }> }>) {
      for (const field of filter.inputFields) expect(field.name.endsWith('At'), `${filter.name}.${field.name}`).toBe(field.type.name === 'DateTimeFilter')
    }
  })

  it('DateTimeFilter compares instants, eq and ne too: another offset or precision names the same time', async () => {
    const { body } = await gql('{ stores { id createdAt } }')
    const { id, createdAt } = body.data.stores[0] as { id: string, createdAt: string }
    const instant = Date.parse(createdAt)
    // The same instant written in Jakarta time, to the second if it has no milliseconds.
    const local = new Date(instant + 7 * 3600_000).toISOString().replace(/\.000Z$/, '').replace(/Z$/, '') + '+07:00'
    expect(local).not.toBe(createdAt)
    const ids = async (condition: string) => (await gql(`query ($t: String) { stores(filter: { createdAt: { ${condition}: $t } }) { id } }`, { t: local })).body.data.stores.map((store: { id: string }) => store.id)
    expect(await ids('eq')).toContain(id)
    expect(await ids('ne')).not.toContain(id)
    expect(await ids('gte')).toContain(id)
    expect(await ids('lte')).toContain(id)
    expect(await ids('gt')).not.toContain(id)
    expect(await ids('lt')).not.toContain(id)
    // The stored text itself still matches.
    expect((await gql('query ($t: String) { storesCount(filter: { createdAt: { eq: $t } }) }', { t: createdAt })).body.data.storesCount).toBeGreaterThan(0)
  })

  it('orders with their fixture details, products and store', async () => {
    const { body } = await gql('query ($s: String!) { subscriptionOrders(storeId: $s, filter: { status: { ne: "canceled" } }) { id status buyerEmail currency amount currentPeriodEnd billingPeriod subscriptionProduct { id } } onetimeOrdersCount(storeId: $s) }', { s: DEMO.waffoStores.blockedEverywhere })
    expect(body.data).toEqual({
      subscriptionOrders: [
        { id: 'ORD_EverySubActive00000000', status: 'active', buyerEmail: 'buyer@example.com', currency: 'USD', amount: '9.99', currentPeriodEnd: '2030-01-01T00:00:00.000Z', billingPeriod: 'monthly', subscriptionProduct: { id: 'PROD_EverySubProdActive0000' } },
        { id: 'ORD_EverySubPastDue0000000', status: 'past_due', buyerEmail: 'late.payer@example.com', currency: 'USD', amount: '9.99', currentPeriodEnd: '2026-01-01T00:00:00.000Z', billingPeriod: 'monthly', subscriptionProduct: { id: 'PROD_EverySubProdActive0000' } }
      ],
      onetimeOrdersCount: 2
    })
    expect((await gql('query ($id: ID!) { onetimeOrder(id: $id) { id status store { name } } }', { id: 'ORD_EveryOnetimePending000' })).body.data.onetimeOrder)
      .toEqual({ id: 'ORD_EveryOnetimePending000', status: 'pending', store: { name: 'Blocked In Every Way' } })
    // The guide's BooleanFilter on testMode: the fixture orders are test-mode ones.
    const byMode = async (mode: boolean) => (await gql(`query ($s: String!) { onetimeOrdersCount(storeId: $s, filter: { testMode: { eq: ${mode} } }) subscriptionOrdersCount(storeId: $s, filter: { testMode: { eq: ${mode} } }) payments(storeId: $s, filter: { testMode: { eq: ${mode} } }) { id } }`, { s: DEMO.waffoStores.blockedEverywhere })).body
    expect(await byMode(true)).toMatchObject({ data: { onetimeOrdersCount: 2, subscriptionOrdersCount: 3 } })
    expect(await byMode(false)).toEqual({ data: { onetimeOrdersCount: 0, subscriptionOrdersCount: 0, payments: [] } })
    expect((await gql('query ($id: ID!) { onetimeOrder(id: $id) { id } }', { id: 'ORD_EveryOnetimePending000' }, DEMO.outsider)).body.data.onetimeOrder).toBeNull()
  })
})

describe('refusals', () => {
  it('a query deeper than 7 → 400 in the envelope, layer graphql', async () => {
    const seven = '{ stores { onetimeOrders { onetimeProduct { store { onetimeProducts { prices { currency } } } } } } }'
    expect((await gql(seven)).status).toBe(200)
    const eight = '{ stores { onetimeOrders { onetimeProduct { store { onetimeProducts { prices { priceInfo { amount } } } } } } } }'
    const { status, body } = await gql(eight)
    expect([status, body]).toEqual([400, { data: null, errors: [{ message: 'unnamedQuery query depth (8) exceeds the query depth limit of 7', layer: 'graphql' }] }])
  })

  it('a mutation → 403, nothing written; a subscription too', async () => {
    const before = snapshot(mock.app)
    for (const query of ['mutation { deleteStore(id: "x") { id } }', 'mutation M { a }', 'subscription { stores { id } }']) {
      expect(await gql(query)).toEqual({ status: 403, body: { data: null, errors: [{ message: 'Mutations are not supported: the GraphQL API is read-only', layer: 'graphql' }] } })
    }
    expect(snapshot(mock.app)).toEqual(before)
  })

  it('syntax and validation errors → 400 with locations; a bad limit → 400 with its path; no query → 400', async () => {
    expect(await gql('{ stores { id ')).toMatchObject({ status: 400, body: { data: null, errors: [{ message: expect.stringMatching(/^Syntax Error/), layer: 'graphql', locations: [{ line: 1, column: 15 }] }] } })
    expect(await gql('{ store { id } }')).toMatchObject({ status: 400, body: { errors: [{ message: 'Field "store" argument "id" of type "ID!" is required, but it was not provided.', layer: 'graphql' }] } })
    // Repeated: from the second run on, mercurius answers with the query compiled by graphql-jit.
    for (let run = 0; run < 3; run++) {
      expect(await gql('{ stores(limit: 101) { id } }')).toEqual({ status: 400, body: { data: null, errors: [{ message: 'limit must be between 0 and 100', layer: 'graphql', locations: [{ line: 1, column: 3 }], path: ['stores'] }] } })
    }
    expect(await gql('')).toEqual({ status: 400, body: { data: null, errors: [{ message: 'Missing required field: query', layer: 'graphql' }] } })
    // Not GraphQL, though JSON (which mercurius would take for an encoded AST): a syntax error, not a 500 and not a query run.
    expect(await gql('0')).toEqual({ status: 400, body: { data: null, errors: [{ message: 'Syntax Error: Unexpected Int "0".', layer: 'graphql', locations: [{ line: 1, column: 1 }] }] } })
    expect(await gql(JSON.stringify(parse('{ stores { id } }', { noLocation: true })))).toMatchObject({ status: 400, body: { errors: [{ message: expect.stringMatching(/^Syntax Error/) }] } })
    // Nested 8,000 levels: the parser's stack gives out before the token limit is reached. Still the API's 400.
    expect(await gql('{' + 'a{'.repeat(8000) + 'b' + '}'.repeat(8001)))
      .toEqual({ status: 400, body: { data: null, errors: [{ message: 'Maximum call stack size exceeded', layer: 'graphql' }] } })
  })

  it('unsigned → 401 like every action', async () => {
    const response = await mock.app.inject({ method: 'POST', url: '/v1/graphql', payload: { query: '{ stores { id } }' } })
    expect([response.statusCode, response.json()]).toEqual([401, { data: null, errors: [{ message: 'Missing authentication', layer: 'user' }] }])
  })

  it('introspection works (the guide recommends it) within the depth limit', async () => {
    const { status, body } = await gql('{ __type(name: "OnetimeProduct") { fields { name type { name kind ofType { name } } } } }')
    expect(status).toBe(200)
    expect(body.data.__type.fields.map((field: { name: string }) => field.name)).toContain('hasProdVersion')
  })

  it('each order list has its own filter type, named as the guide introspects it (OnetimeOrderFilter)', async () => {
    const filterOf = async (field: string) => {
      const { body } = await gql('{ __type(name: "Query") { fields { name args { name type { name } } } } }')
      return body.data.__type.fields.find((f: { name: string }) => f.name === field).args.find((a: { name: string }) => a.name === 'filter').type.name
    }
    expect(await filterOf('onetimeOrders')).toBe('OnetimeOrderFilter')
    expect(await filterOf('onetimeOrdersCount')).toBe('OnetimeOrderFilter')
    expect(await filterOf('subscriptionOrders')).toBe('SubscriptionOrderFilter')
    expect(await filterOf('subscriptionOrdersCount')).toBe('SubscriptionOrderFilter')
    const { status, body } = await gql('{ __type(name: "OnetimeOrderFilter") { kind inputFields { name type { name } } } }')
    expect(status).toBe(200)
    expect(body.data.__type.kind).toBe('INPUT_OBJECT')
    expect(body.data.__type.inputFields.map((field: { name: string }) => field.name)).toEqual(['id', 'status', 'buyerEmail', 'currency', 'productId', 'testMode', 'createdAt', 'updatedAt'])
    // The guide's BooleanFilter names testMode among its fields: every list of things with a mode takes it.
    for (const type of ['OnetimeOrderFilter', 'SubscriptionOrderFilter', 'PaymentFilter', 'RefundTicketFilter', 'RefundFilter']) {
      const fields = (await gql(`{ __type(name: "${type}") { inputFields { name type { name } } } }`)).body.data.__type.inputFields
      expect(fields).toContainEqual({ name: 'testMode', type: { name: 'BooleanFilter' } })
    }
    // The guide's own line asks for `fields`, which graphql-js answers null on an input type.
    expect((await gql('{ __type(name: "OnetimeOrderFilter") { fields { name type { name } } } }')).body).toEqual({ data: { __type: { fields: null } } })
  })
})

describe('a buyer session (the SDK\'s customer.graphql)', () => {
  it('sees the token\'s store, its products and only its own orders', async () => {
    const token = (await act(mock.app, 'auth/issue-session-token', { storeId: DEMO.waffoStores.blockedEverywhere, buyerIdentity: 'Buyer@Example.com' })).body.data.token
    const read = async (query: string, variables?: Record<string, unknown>) => {
      const response = await mock.app.inject({
        method: 'POST',
        url: '/v1/graphql',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-environment': 'test' },
        payload: JSON.stringify({ query, variables })
      })
      return { status: response.statusCode, body: response.json() }
    }
    expect(await read('{ stores { id role } subscriptionOrders { id } onetimeOrders { id } onetimeProductsCount }')).toEqual({
      status: 200,
      body: {
        data: {
          stores: [{ id: DEMO.waffoStores.blockedEverywhere, role: 'customer' }],
          subscriptionOrders: [{ id: 'ORD_EverySubActive00000000' }],
          onetimeOrders: [{ id: 'ORD_EveryOnetimePending000' }],
          onetimeProductsCount: 2
        }
      }
    })
    expect((await read('query ($id: ID!) { subscriptionOrder(id: $id) { id } }', { id: 'ORD_EverySubPastDue0000000' })).body).toEqual({ data: { subscriptionOrder: null } })
    expect((await read('query ($id: ID!) { store(id: $id) { id } }', { id: DEMO.waffoStores.clean })).body).toEqual({ data: { store: null } })
  })
})
