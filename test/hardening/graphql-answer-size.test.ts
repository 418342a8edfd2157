/**
 * Finding 1's backstop: the cost limit counts values, not bytes, so a legal, cheap query over
 * large stored values could still build a huge answer. Past 8 MiB of `data` it is refused in
 * Waffo's GraphQL error shape, and the server keeps answering meanwhile.
 */
import { describe, expect, it } from 'vitest'
import { MAX_ANSWER_BYTES } from '../../src/apis/waffo/graphql/cost.js'
import { signWaffoRequest } from '../../src/signing/index.js'
import { DEMO, useListeningApp } from '../helpers.js'
import { loadWaffo } from '../waffo/support.js'

const server = useListeningApp()

/** 15 products of a 60,000-character description each: 900 KB, under the admin body limit. */
const PRODUCTS = 15
const DESCRIPTION = 60_000
const STORE = DEMO.waffoStores.clean

async function graphql (query: string) {
  const path = '/v1/graphql'
  const body = JSON.stringify({ query })
  const headers = signWaffoRequest({ merchantId: DEMO.owner.id, privateKeyPem: DEMO.owner.privateKeyPem, path, body, timestamp: Math.floor(server.app.mock.clock.now() / 1000) })
  const response = await fetch(`${server.url}${path}`, { method: 'POST', headers, body })
  return { status: response.status, body: await response.json() as { data: unknown, errors?: unknown[] } }
}

/** `copies` aliases of the store's one-time products' descriptions: a handful of values, each 60 KB. */
const descriptions = (copies: number) =>
  `{ ${Array.from({ length: copies }, (_, i) => `p${i}: onetimeProducts(storeId: "${STORE}", limit: 100) { description }`).join(' ')} }`

describe('GraphQL answer-size cap', () => {
  it('refuses a cheap query whose answer would exceed 8 MiB, with layer "graphql"; health keeps answering', async () => {
    await loadWaffo(server.app, {
      products: Array.from({ length: PRODUCTS }, (_, i) => ({
        id: `PROD_BigDescription${String(i).padStart(8, '0')}`,
        storeId: STORE,
        type: 'onetime',
        testStatus: 'active',
        prodStatus: 'inactive',
        description: String.fromCharCode(97 + i).repeat(DESCRIPTION)
      }))
    })
    // One copy is answered: about 900 KB, well under the cap.
    const one = await graphql(descriptions(1))
    expect(one.status, JSON.stringify(one.body).slice(0, 400)).toBe(200)
    const big = (one.body.data as { p0: Array<{ description: string }> }).p0.filter((product) => product.description.length === DESCRIPTION)
    expect(big).toHaveLength(PRODUCTS)

    // Ten copies: ~9 MB of data from a query that costs a few hundred values.
    const [refused, health] = await Promise.all([
      graphql(descriptions(10)),
      fetch(`${server.url}/__admin/health`)
    ])
    expect(refused.status).toBe(400)
    expect(refused.body).toEqual({
      data: null,
      errors: [{
        message: expect.stringMatching(new RegExp(`^Response size \\((\\d+) bytes\\) exceeds the maximum of ${MAX_ANSWER_BYTES} bytes: ask for fewer fields or list items$`)),
        layer: 'graphql'
      }]
    })
    const size = Number(/\((\d+) bytes\)/.exec((refused.body.errors![0] as { message: string }).message)![1])
    expect(size).toBeGreaterThan(MAX_ANSWER_BYTES)
    expect(size).toBeLessThan(10 * PRODUCTS * (DESCRIPTION + 100) + 1000)
    expect(MAX_ANSWER_BYTES).toBe(8 * 1024 * 1024)
    expect(health.status).toBe(200)

    const started = performance.now()
    const after = await fetch(`${server.url}/__admin/health`)
    expect(after.status).toBe(200)
    expect(performance.now() - started).toBeLessThan(1000)
  })
})
