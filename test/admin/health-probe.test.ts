/**
 * The health probe is what a cold start waits for: its answer is serialized once, so the first
 * probe compiles no fast-json-stringify serializer (~8 ms of that request; docs/benchmarks.md).
 */
import { createRequire } from 'node:module'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { appForTest, DEMO, toco } from '../helpers.js'

const compiled: string[] = []

// The mock loads the factory with require on first use (src/http/lazy-compilers.ts): the same
// module object this require returns, so a spy on its export sees every serializer built.
beforeAll(() => {
  const factory = createRequire(import.meta.url)('@fastify/fast-json-stringify-compiler') as typeof import('@fastify/fast-json-stringify-compiler')
  const original = factory.SerializerSelector
  vi.spyOn(factory, 'SerializerSelector').mockImplementation(() => (externalSchemas, options) => {
    const compile = original()(externalSchemas as never, options as never)
    return (route) => {
      compiled.push(`${route.method} ${route.url}`)
      return compile(route)
    }
  })
})

describe('GET /__admin/health', () => {
  it('answers {"status":"ok"} as JSON without compiling a serializer; an API route still compiles its own', async () => {
    const app = await appForTest()
    const health = await app.inject({ method: 'GET', url: '/__admin/health' })
    expect(health.statusCode).toBe(200)
    expect(health.headers['content-type']).toBe('application/json; charset=utf-8')
    expect(health.body).toBe('{"status":"ok"}')
    expect(compiled).toEqual([])

    const deleted = await toco(app, { path: '/partner/stores/products/deletions', store: DEMO.catalogueStore, body: { ids: [DEMO.products.second.id] } })
    expect(deleted.statusCode, deleted.body).toBe(200)
    expect(compiled).toContain('POST /api/v1/partner/stores/products/deletions')
  })
})
