/**
 * A query whose estimated cost nears the limit still runs, and its answer carries the SDK's
 * `GraphQLResponse.warnings` (its CHANGELOG: "emitted when query cost approaches the hard
 * limit … `message`, `layer`, and `aiHint` (e.g. `REDUCE_QUERY_SIZE`). Server still returns
 * HTTP 200"), read here through the official SDK against a listening mock.
 */
import { WaffoPancake } from '@waffo/pancake-ts'
import { describe, expect, it } from 'vitest'
import { MAX_COST, queryCost, WARN_COST } from '../../src/apis/waffo/graphql/cost.js'
import { DEMO, useListeningApp } from '../helpers.js'

const server = useListeningApp()
const client = () => new WaffoPancake({ merchantId: DEMO.owner.id, privateKey: DEMO.owner.privateKeyPem, baseUrl: server.url, environment: 'test' })

/** 100 stores × (1 + id + name + 100 products × (1 + `fields` aliases)), every list counted full. */
const wide = (fields: number) =>
  `{ stores(limit: 100) { id name onetimeProducts(limit: 100) { ${Array.from({ length: fields }, (_, i) => `f${i}: id`).join(' ')} } } }`
const costOf = (fields: number) => 100 * (3 + 100 * (1 + fields))

describe('GraphQL cost warning', () => {
  it('a query estimated between the warning line and the limit runs, with one warning naming its cost', async () => {
    expect(costOf(16)).toBeGreaterThanOrEqual(WARN_COST)
    expect(costOf(16)).toBeLessThanOrEqual(MAX_COST)
    const result = await client().graphql.query<{ stores: Array<{ id: string }> }>({ query: wide(16) })
    expect(result.errors).toBeUndefined()
    expect(result.data?.stores.map((store) => store.id)).toContain(DEMO.waffoStores.clean)
    expect(result.warnings).toEqual([{
      message: `Query cost (170300) is close to the maximum cost of ${MAX_COST}: a slightly larger query will be refused`,
      layer: 'graphql',
      aiHint: 'REDUCE_QUERY_SIZE'
    }])
  })

  it('both lines are inclusive of the query that lands on them: at the warning line a warning, at the limit no refusal', async () => {
    /** 100 stores × (1 + `aliases` ids): exactly 100 × (1 + aliases). */
    const flat = (aliases: number) => `{ stores(limit: 100) { ${Array.from({ length: aliases }, (_, i) => `a${i}: id`).join(' ')} } }`
    expect(queryCost(flat(1599), undefined, undefined)).toEqual({ ok: true, cost: WARN_COST })
    expect((await client().graphql.query({ query: flat(1599) })).warnings).toEqual([expect.objectContaining({ message: expect.stringContaining(`(${WARN_COST})`) })])
    expect((await client().graphql.query({ query: flat(1598) })).warnings).toBeUndefined()
    expect(queryCost(flat(1999), undefined, undefined)).toEqual({ ok: true, cost: MAX_COST })
    expect(queryCost(flat(2000), undefined, undefined)).toMatchObject({ ok: false, message: expect.stringContaining(`Query cost (${MAX_COST + 100}) exceeds`) })
  })

  it('a query under the line has no warnings key at all', async () => {
    expect(costOf(10)).toBeLessThan(WARN_COST)
    const result = await client().graphql.query({ query: wide(10) })
    expect(result.errors).toBeUndefined()
    expect(result.warnings).toBeUndefined()
  })

  it('partial data keeps its errors and gains the warning after them', async () => {
    // An unparsable time range is a resolver error on that (nullable) field; the stores resolve.
    const bad = `bad: orderStatistics(storeId: "${DEMO.waffoStores.clean}", filter: { timeRange: { startDate: "never", endDate: "later" } }) { __typename }`
    const query = wide(16).replace(/ }$/, ` ${bad} }`)
    const response = await client().graphql.query({ query })
    expect(response.data).toMatchObject({ bad: null, stores: expect.any(Array) })
    expect(response.errors).toHaveLength(1)
    expect(response.warnings).toHaveLength(1)
    expect(response.warnings![0]).toMatchObject({ layer: 'graphql', aiHint: 'REDUCE_QUERY_SIZE' })
  })

  it('a query over the line only by lists its tables cannot fill is judged on the rows it can return: no warning', async () => {
    // Estimated with full lists 210,300 (over the limit), so the tables' sizes are read: a handful of stores and products.
    expect(costOf(20)).toBeGreaterThan(MAX_COST)
    const result = await client().graphql.query({ query: wide(20) })
    expect(result.errors).toBeUndefined()
    expect(result.warnings).toBeUndefined()
  })
})
