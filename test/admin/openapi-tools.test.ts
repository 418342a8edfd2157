/**
 * /__admin/openapi.json as other tools read it: a maintained OpenAPI 3.1 validator accepts it,
 * openapi-typescript turns it into types that compile under strict TypeScript, and every route
 * the app registers is documented under its API's tag with the credentials it needs.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { Validator } from '@seriousme/openapi-schema-validator'
import { Ajv2020 } from 'ajv/dist/2020.js'
import openapiTS, { astToString } from 'openapi-typescript'
import ts from 'typescript'
import { beforeAll, describe, expect, it } from 'vitest'
import { apiFor } from '../../src/apis/index.js'
import type { App } from '../../src/app.js'
import { artifact } from '../support/browser.js'
import { createApp } from '../helpers.js'

interface Operation { tags: string[], summary: string, operationId: string, security: Array<Record<string, string[]>>, parameters?: Array<{ in: string, name: string }>, responses: Record<string, { content?: Record<string, { schema: unknown, example?: unknown }> }>, requestBody?: { content: Record<string, { example?: unknown }> } }
interface Document { openapi: string, tags: Array<{ name: string }>, paths: Record<string, Record<string, Operation>>, components: { securitySchemes: Record<string, { type: string, in?: string, name?: string, scheme?: string }> } }

/** JSON Schema 2020-12's keywords (core, applicator, validation, meta-data, format, content) and OpenAPI 3.1's own. */
const SCHEMA_KEYWORDS = new Set([
  '$schema', '$id', '$ref', '$anchor', '$dynamicRef', '$dynamicAnchor', '$vocabulary', '$comment', '$defs',
  'allOf', 'anyOf', 'oneOf', 'not', 'if', 'then', 'else', 'dependentSchemas', 'prefixItems', 'items', 'contains',
  'properties', 'patternProperties', 'additionalProperties', 'propertyNames', 'unevaluatedItems', 'unevaluatedProperties',
  'type', 'enum', 'const', 'multipleOf', 'maximum', 'exclusiveMaximum', 'minimum', 'exclusiveMinimum', 'maxLength', 'minLength',
  'pattern', 'maxItems', 'minItems', 'uniqueItems', 'maxContains', 'minContains', 'maxProperties', 'minProperties', 'required',
  'dependentRequired', 'title', 'description', 'default', 'deprecated', 'readOnly', 'writeOnly', 'examples', 'format',
  'contentEncoding', 'contentMediaType', 'contentSchema', 'discriminator', 'xml', 'externalDocs', 'example'
])

describe('the OpenAPI document', () => {
  let app: App
  let doc: Document
  beforeAll(async () => {
    app = await createApp()
    doc = (await app.inject({ method: 'GET', url: '/__admin/openapi.json' })).json()
    return () => app.close()
  })
  const op = (method: string, path: string) => doc.paths[path]![method]!

  it('is valid OpenAPI 3.1 for @seriousme/openapi-schema-validator', async () => {
    expect(doc.openapi).toBe('3.1.0')
    const validator = new Validator()
    const result = await validator.validate(structuredClone(doc) as unknown as Record<string, unknown>)
    expect(result.errors).toBeUndefined()
    expect([result.valid, validator.version]).toEqual([true, '3.1'])
  })

  it('its schemas use JSON Schema 2020-12 keywords and x- extensions only (strict linters refuse others: Waffo\'s validation annotations were bare)', () => {
    const unknown = new Set<string>()
    const walk = (schema: unknown, at: string): void => {
      if (schema === null || typeof schema !== 'object') return
      for (const [key, value] of Object.entries(schema)) {
        if (!key.startsWith('x-') && !SCHEMA_KEYWORDS.has(key)) unknown.add(`${key} (${at})`)
        if (['properties', 'patternProperties', '$defs', 'dependentSchemas'].includes(key)) for (const [name, child] of Object.entries(value as object)) walk(child, `${at}/${name}`)
        else if (['anyOf', 'oneOf', 'allOf', 'prefixItems'].includes(key)) (value as unknown[]).forEach((child, i) => walk(child, `${at}/${key}/${i}`))
        else if (['items', 'not', 'additionalProperties', 'if', 'then', 'else', 'propertyNames', 'contains', 'unevaluatedProperties', 'unevaluatedItems'].includes(key)) walk(value, `${at}/${key}`)
      }
    }
    for (const [path, operations] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        const at = `${method} ${path}`
        for (const parameter of operation.parameters ?? []) walk((parameter as { schema?: unknown }).schema, at)
        for (const media of Object.values(operation.requestBody?.content ?? {})) walk((media as { schema?: unknown }).schema, at)
        for (const response of Object.values(operation.responses)) for (const media of Object.values(response.content ?? {})) walk(media.schema, at)
      }
    }
    expect([...unknown].slice(0, 10)).toEqual([])
  })

  it('every control-plane JSON request body carries examples (the APIs\' operations carry the seeds\' and the digests\')', () => {
    const bare: string[] = []
    for (const [path, operations] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        const media = (operation.requestBody?.content as Record<string, { example?: unknown, examples?: object }> | undefined)?.['application/json']
        if (path.startsWith('/__admin/') && media && media.example === undefined && Object.keys(media.examples ?? {}).length === 0) bare.push(`${method} ${path}`)
      }
    }
    expect(bare).toEqual([])
  })

  it('every control-plane GET answer carries an example, and every control-plane answer\'s example fits its own schema', () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true })
    const bare: string[] = []
    const misfits: string[] = []
    for (const [path, operations] of Object.entries(doc.paths)) {
      if (!path.startsWith('/__admin/')) continue
      for (const [method, operation] of Object.entries(operations)) {
        for (const [status, answer] of Object.entries(operation.responses)) {
          const media = answer.content?.['application/json'] as { schema: object, example?: unknown, examples?: Record<string, { value: unknown }> } | undefined
          if (!media || !status.startsWith('2')) continue
          const examples = [...(media.example === undefined ? [] : [media.example]), ...Object.values(media.examples ?? {}).map((named) => named.value)]
          // The state is a whole fixture document: fixtures/default.json is its example.
          if (method === 'get' && path !== '/__admin/state' && examples.length === 0) bare.push(`${method} ${path} ${status}`)
          const fits = ajv.compile(media.schema)
          for (const example of examples) if (!fits(example)) misfits.push(`${method} ${path} ${status}: ${ajv.errorsText(fits.errors)}`)
        }
      }
    }
    expect(bare).toEqual([])
    expect(misfits).toEqual([])
  })

  it('generates TypeScript types (openapi-typescript) that compile strictly, without skipLibCheck', async () => {
    const source = astToString(await openapiTS(structuredClone(doc) as never))
    const dir = join(artifact('openapi-types'), '.')
    mkdirSync(dir, { recursive: true })
    writeFileSync(join(dir, 'openapi.d.ts'), source)
    writeFileSync(join(dir, 'use.ts'), [
      "import type { paths, operations } from './openapi.js'",
      "type Deleted = paths['/v1/actions/store/delete-store']['post']['responses'][200]['content']['application/json']",
      "export const storeId: Deleted['data']['store']['id'] = 'STO_x'",
      "type Unbound = operations['tocoUnbindStore']['responses'][200]['content']['application/json']",
      "export const status: Unbound['data']['status'] = 'unbound'",
      "type Refused = operations['tocoUnbindStore']['responses'][401]['content']['application/json']",
      "export const code: Refused['error']['code'] = 'AUTH_004'",
      "export const reset: paths['/__admin/reset']['post']['responses'][200]['content']['application/json']['status'] = 'reset'",
      ''
    ].join('\n'))
    const program = ts.createProgram([join(dir, 'use.ts')], {
      strict: true, noEmit: true, skipLibCheck: false, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022, types: []
    })
    const problems = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))
    expect(problems).toEqual([])
    expect(source).toContain('"/api/v1/partner/stores/{storeId}/unbind": {')
  }, 60_000)

  it('documents every registered route under its API\'s tag (or the control plane\'s) with its security, summary and operationId', () => {
    expect(doc.tags.map((tag) => tag.name)).toEqual(['Toco Partner API', 'Waffo Pancake API', 'control plane'])
    const documented = app.mock.routes.filter((route) => route.method !== 'HEAD' && !route.url.startsWith('/__admin/docs') && route.url !== '/__admin/openapi.json' && route.url !== '/__admin/' && route.url !== '/__admin')
    const ids = new Set<string>()
    for (const route of documented) {
      const path = route.url.replace(/:(\w+)/g, '{$1}')
      const operation = doc.paths[path]?.[route.method.toLowerCase()]
      expect(operation, `${route.method} ${route.url}`).toBeDefined()
      const tags: Record<string, string> = { toco: 'Toco Partner API', waffo: 'Waffo Pancake API' }
      const tag = tags[apiFor(route.url)?.name ?? ''] ?? 'control plane'
      expect([route.url, operation!.tags]).toEqual([route.url, [tag]])
      expect(operation!.summary.length, route.url).toBeGreaterThan(10)
      expect(operation!.operationId).toMatch(/^(toco|waffo|admin)[A-Z]\w+$/)
      ids.add(operation!.operationId)
      if (route.public) expect([route.url, operation!.security]).toEqual([route.url, []])
      else expect(operation!.security.length, route.url).toBeGreaterThan(0)
    }
    expect(ids.size).toBe(documented.length)
    // Every registered route, whatever their number (a new route without a summary fails above).
    expect(documented.length).toBeGreaterThan(50)
  })

  it('names every signing header as an apiKey scheme, and each route asks for the ones its scope needs', () => {
    const schemes = doc.components.securitySchemes
    expect(Object.values(schemes).filter((scheme) => scheme.type === 'apiKey').map((scheme) => `${scheme.in}:${scheme.name}`)).toEqual([
      'header:x-partner-client-id', 'header:x-timestamp', 'header:x-signature', 'header:x-store-client-id', 'header:x-store-token',
      'header:X-Merchant-Id', 'header:X-Timestamp', 'header:X-Signature', 'header:X-Environment'
    ])
    expect(schemes.adminToken).toMatchObject({ type: 'http', scheme: 'bearer' })
    expect(op('post', '/api/v1/partner/stores/{storeId}/unbind').security).toEqual([{ tocoPartnerClientId: [], tocoTimestamp: [], tocoSignature: [] }])
    expect(Object.keys(op('post', '/api/v1/partner/stores/products/deletions').security[0]!)).toEqual(
      ['tocoPartnerClientId', 'tocoTimestamp', 'tocoSignature', 'tocoStoreClientId', 'tocoStoreToken'])
    expect(op('get', '/api/v1/seller/onboard/{sessionId}').security).toEqual([])
    expect(op('post', '/v1/actions/store/delete-store').security).toEqual([{ waffoMerchantId: [], waffoTimestamp: [], waffoSignature: [] }])
    expect(op('post', '/v1/actions/subscription-order/cancel-order').security).toEqual([
      { waffoMerchantId: [], waffoTimestamp: [], waffoSignature: [] }, { waffoSessionToken: [], waffoEnvironment: [] }])
    expect(op('post', '/v1/actions/onetime-order/cancel-order').parameters).toContainEqual(expect.objectContaining({ in: 'header', name: 'x-idempotency-key' }))
    expect(op('post', '/__admin/reset').security).toEqual([{ adminToken: [] }])
    expect(op('get', '/__admin/health').security).toEqual([])
  })

  it('carries the seeds\' examples and each API\'s error envelope', () => {
    const deletions = op('post', '/api/v1/partner/stores/products/deletions')
    expect(deletions.requestBody!.content['application/json']!.example).toEqual({ ids: ['946b3ffa-5f9e-412e-acf4-eea306736e63', '66721951-5f60-47fa-828c-29040fd3595f'] })
    expect(deletions.responses['200']!.content!['application/json']!.example).toMatchObject({ message: 'Products deleted successfully' })
    expect(deletions.responses['401']!.content!['application/json']!.schema).toMatchObject({
      properties: { success: { enum: [false] }, error: { properties: { code: { type: 'string' } } } }
    })
    const deleteStore = op('post', '/v1/actions/store/delete-store')
    expect(deleteStore.requestBody!.content['application/json']!.example).toEqual({ id: 'STO_2aUyqjCzEIiEcYMKj7TZtw' })
    expect(deleteStore.responses['404']!.content!['application/json']!.schema).toMatchObject({ properties: { data: { type: 'null' }, errors: { type: 'array' } } })
    expect(op('post', '/__admin/reset').responses['401']!.content!['application/json']!.schema).toMatchObject({ properties: { error: { type: 'object' } } })
  })
})
