/**
 * Finding 1: GraphQL cost is bounded before anything runs. The 1.3 KB K=7 fragment/alias chain
 * (147 MB and 32 s before, RSS to 938 MB) is a 400 in Waffo's GraphQL error shape, for merchant
 * keys and buyer session tokens alike; honest reads keep working.
 */
import { describe, expect, it } from 'vitest'
import { MAX_COST } from '../../src/apis/waffo/graphql/cost.js'
import { DEMO, snapshot, useApp, waffo } from '../helpers.js'
import { amplificationQuery } from '../support/graphql-amplification.js'
import { loadWaffo, sessionToken } from '../waffo/support.js'

const mock = useApp()

async function gql (query: string, variables?: Record<string, unknown>) {
  const response = await waffo(mock.app, { path: '/v1/graphql', body: { query, ...(variables ? { variables } : {}) } })
  return { status: response.statusCode, body: response.json() as { data: any, errors?: any[] } }
}

const COST_MESSAGE = new RegExp(`^Query cost \\(\\S+\\) exceeds the maximum cost of ${MAX_COST}: ask for fewer fields, aliases or list items \\(limit\\)$`)

describe('GraphQL cost limit', () => {
  it('refuses the ~1.2 KB K=7 amplification query with a 400 in well under a second, nothing changed', async () => {
    const query = amplificationQuery(7, 6)
    expect(query.length).toBeGreaterThan(1100)
    expect(query.length).toBeLessThan(1400)
    // Warm: the first query of an app compiles the schema; the refusal itself is what is timed.
    expect((await gql('{ storesCount }')).status).toBe(200)
    const before = snapshot(mock.app)
    const started = performance.now()
    const { status, body } = await gql(query)
    const elapsed = performance.now() - started
    expect(status).toBe(400)
    expect(body.data).toBeNull()
    expect(body.errors).toHaveLength(1)
    expect(body.errors![0]).toEqual({ message: expect.stringMatching(COST_MESSAGE), layer: 'graphql' })
    // Timings are not asserted tightly (a shared machine); the report gives the measured figure.
    expect(elapsed).toBeLessThan(1000)
    expect(snapshot(mock.app)).toEqual(before)
  })

  it('refuses it for a buyer session token too', async () => {
    const token = await sessionToken(mock.app, DEMO.waffoStores.blockedEverywhere, 'buyer@example.com')
    const response = await mock.app.inject({
      method: 'POST',
      url: '/v1/graphql',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-environment': 'test' },
      payload: JSON.stringify({ query: amplificationQuery(7, 6) })
    })
    expect(response.statusCode).toBe(400)
    expect(response.json()).toEqual({ data: null, errors: [{ message: expect.stringMatching(COST_MESSAGE), layer: 'graphql' }] })
  })

  it('counts fragments where they are spread, aliases, and limits given as literals or variables', async () => {
    // Two levels of 100 × 100 with ten fields each: about 100,000 values, allowed.
    const honest = 'query ($n: Int) { stores(limit: $n) { id name onetimeProducts(limit: 100) { id name description status successUrl metadata createdAt updatedAt hasProdVersion versionNumber } } }'
    const allowed = await gql(honest, { n: 100 })
    expect(allowed.status).toBe(200)
    expect(allowed.body.errors).toBeUndefined()
    expect(allowed.body.data.stores.length).toBeGreaterThan(0)
    // A list counts at most the rows its table holds: give the store 150 products first.
    const products = Array.from({ length: 150 }, (_, i) => ({ id: `PROD_CostProduct${String(i).padStart(11, '0')}`, storeId: DEMO.waffoStores.clean, type: 'onetime', testStatus: 'active', prodStatus: 'inactive' }))
    await loadWaffo(mock.app, { products })
    // The same read three levels deep through a fragment is refused: the fragment counts each time.
    const deeper = 'query { stores(limit: 100) { ...S } } fragment S on Store { onetimeProducts(limit: 100) { store { onetimeProducts(limit: 100) { id name status } } } }'
    expect((await gql(deeper)).body.errors?.[0].message).toMatch(COST_MESSAGE)
    // Variables count: a small page keeps the same shape cheap.
    const paged = 'query ($n: Int) { stores(limit: $n) { ...S } } fragment S on Store { onetimeProducts(limit: $n) { store { onetimeProducts(limit: $n) { id name status } } } }'
    expect((await gql(paged, { n: 5 })).status).toBe(200)
    expect((await gql(paged, { n: 100 })).body.errors?.[0].message).toMatch(COST_MESSAGE)
  })

  it('stops parsing past 20,000 tokens, in the words of graphql-js (its typo included)', async () => {
    const query = `{ stores { ${'i '.repeat(25_000)} } }`
    const { status, body } = await gql(query)
    expect(status).toBe(400)
    expect(body).toEqual({ data: null, errors: [{ message: 'Syntax Error: Document contains more that 20000 tokens. Parsing aborted.', layer: 'graphql' }] })
  })

  it('leaves fragment cycles and unknown fields to validation, in the usual shape', async () => {
    const cycle = await gql('query { stores { ...A } } fragment A on Store { ...B } fragment B on Store { ...A }')
    expect(cycle.status).toBe(400)
    expect(cycle.body.errors?.[0]).toMatchObject({ message: 'Cannot spread fragment "A" within itself via "B".', layer: 'graphql' })
    const unknown = await gql('{ stores { nope } }')
    expect(unknown.status).toBe(400)
    expect(unknown.body.errors?.[0]).toMatchObject({ message: 'Cannot query field "nope" on type "Store". Did you mean "name" or "role"?', layer: 'graphql' })
  })
})
