/**
 * The SDK's GraphQL guide is the contract: every `client.graphql.query({query, variables})` of
 * node_modules/@waffo/pancake-ts/docs/graphql-guide.md is extracted at test time and run
 * unchanged through the real SDK against a listening mock, its placeholder ids ("STO_xxx",
 * "ORD_xxx", "PROD_xxx", "MER_xxx") replaced by the rows a purchase scenario made.
 */
import { readFileSync } from 'node:fs'
import { WaffoPancake, WaffoPancakeError } from '@waffo/pancake-ts'
import { getOperationAST, Kind, parse, type SelectionSetNode } from 'graphql'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { App } from '../../src/app.js'
import { createApp, DEMO } from '../helpers.js'
import { guideScenario, type GuideIds } from './guide-scenario.js'

const GUIDE = readFileSync(new URL('../../node_modules/@waffo/pancake-ts/docs/graphql-guide.md', import.meta.url), 'utf8')

interface GuideCall { name: string, query: string, variables?: Record<string, unknown> }

/** Each ```typescript block of the guide, and in it each `client.graphql.query` call, named "<heading> › <const>". */
function guideBlocks (): GuideCall[][] {
  return [...GUIDE.matchAll(/```typescript\n([\s\S]*?)```/g)].map((block) => {
    const heading = [...GUIDE.slice(0, block.index).matchAll(/^#{2,3} (.+)$/gm)].pop()![1]!
    return [...block[1]!.matchAll(/const (\{ \w+ \}|\w+) = await client\.graphql\.query(?:<\w+>)?\(\{\s*query: `([\s\S]*?)`,\s*(?:variables: (\{[^}]*\}),\s*)?\}\)/g)]
      .map(([, name, query, variables]) => ({
        name: `${heading} › ${name!}`,
        query: query!,
        ...(variables ? { variables: JSON.parse(variables.replace(/(\w+):/g, '"$1":')) as Record<string, unknown> } : {})
      }))
  })
}

/** Top-level lists that may honestly be empty: no delivery has failed yet, and the mock sends no email. */
const MAY_BE_EMPTY = new Set(['webhookDeliveries', 'emailDeliveries'])

let app: App
let url = ''
let ids: GuideIds

/** The guide's placeholder ids → this scenario's rows (by the query's first field where one placeholder means several kinds). */
function withIds (call: GuideCall): Record<string, unknown> | undefined {
  if (!call.variables) return undefined
  const root = (getOperationAST(parse(call.query))!.selectionSet.selections[0] as { name: { value: string } }).name.value
  const real: Record<string, string | undefined> = {
    STO_xxx: ids.store,
    MER_xxx: DEMO.owner.id,
    ORD_xxx: root === 'onetimeOrder' ? ids.onetimeOrder : ids.subscriptionOrder,
    PROD_xxx: root === 'onetimeProductVersions' ? ids.onetimeProduct : ids.subscriptionProduct
  }
  return Object.fromEntries(Object.entries(call.variables).map(([name, value]) => [name, real[value as string] ?? value]))
}

/** Every field the query selects is in the answer, at every level and in every list item. */
function expectShape (selectionSet: SelectionSetNode, value: Record<string, unknown>, path: string) {
  for (const selection of selectionSet.selections) {
    if (selection.kind !== Kind.FIELD) continue
    const key = selection.alias?.value ?? selection.name.value
    expect(Object.keys(value), `${path}.${key}`).toContain(key)
    const inner = value[key]
    if (!selection.selectionSet || inner === null) continue
    for (const item of Array.isArray(inner) ? inner : [inner]) expectShape(selection.selectionSet, item as Record<string, unknown>, `${path}.${key}`)
  }
}

async function run (call: GuideCall) {
  const client = new WaffoPancake({ merchantId: DEMO.owner.id, privateKey: DEMO.owner.privateKeyPem, baseUrl: url })
  const variables = withIds(call)
  try {
    return await client.graphql.query({ query: call.query, ...(variables ? { variables } : {}) })
  } catch (error) {
    if (error instanceof WaffoPancakeError) return { data: null, errors: error.errors }
    throw error
  }
}

const blocks = guideBlocks()
const calls = blocks.flat()

beforeAll(async () => {
  app = await createApp()
  url = await app.listen({ port: 0, host: '127.0.0.1' })
  ids = await guideScenario(app)
})
afterAll(async () => { await app.close() })

describe('the SDK GraphQL guide, query by query', () => {
  it('has 23 typescript blocks, every one with a query (32 calls)', () => {
    expect(blocks).toHaveLength(23)
    expect(blocks.every((block) => block.length > 0)).toBe(true)
    expect(calls).toHaveLength(32)
  })

  for (const call of calls) {
    it(`${call.name}: data, no errors`, async () => {
      const { data, errors } = await run(call)
      expect(errors).toBeUndefined()
      const operation = getOperationAST(parse(call.query))!
      expectShape(operation.selectionSet, data as Record<string, unknown>, 'data')
      for (const [field, value] of Object.entries(data as Record<string, unknown>)) {
        expect(value, field).not.toBeNull()
        if (Array.isArray(value) && !MAY_BE_EMPTY.has(field)) expect(value.length, field).toBeGreaterThan(0)
      }
      // Once more, answered by the query graphql-jit compiled after the first run (the mock clock stands still).
      expect(await run(call)).toEqual({ data, errors: undefined, warnings: undefined })
    })
  }
})
