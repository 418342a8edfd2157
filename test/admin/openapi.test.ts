/** The OpenAPI document covers both APIs and the control plane; the UI is served behind the admin guard. */
import { expect, it } from 'vitest'
import { appForTest } from '../helpers.js'

it('GET /__admin/openapi.json lists every API and admin route with its schemas', async () => {
  const app = await appForTest()
  const response = await app.inject({ method: 'GET', url: '/__admin/openapi.json' })
  expect(response.statusCode).toBe(200)
  const doc = response.json()
  expect(doc.openapi).toMatch(/^3\./)
  const paths = Object.keys(doc.paths)
  expect(paths).toEqual(expect.arrayContaining([
    '/api/v1/partner/stores/{storeId}/unbind', '/api/v1/partner/stores/products/deletions',
    '/v1/actions/store/delete-store', '/__admin/reset', '/__admin/fixtures', '/__admin/state', '/__admin/waffo/bindings'
  ]))
  expect(paths.some((path) => path.startsWith('/__admin/docs'))).toBe(false)
  const deletions = doc.paths['/api/v1/partner/stores/products/deletions'].post
  expect(deletions.requestBody.content['application/json'].schema.properties.ids.type).toBe('array')
  expect(deletions.responses['200'].content['application/json'].schema.properties.data.properties.summary).toBeDefined()
  const reset = doc.paths['/__admin/reset'].post
  expect(reset.responses['200'].content['application/json'].schema.properties.tenant).toBeDefined()
})

it('GET /__admin/docs serves the browsable UI; with ADMIN_TOKEN both need the bearer token', async () => {
  const app = await appForTest({ adminToken: 'docs-token' })
  expect((await app.inject({ method: 'GET', url: '/__admin/openapi.json' })).statusCode).toBe(401)
  const page = await app.inject({ method: 'GET', url: '/__admin/docs/', headers: { authorization: 'Bearer docs-token' } })
  expect(page.statusCode).toBe(200)
  expect(page.headers['content-type']).toMatch(/text\/html/)
  expect(page.body).toContain('swagger-ui')
  // The README's URL, without the slash: a relative redirect to the page whose assets resolve.
  const bare = await app.inject({ method: 'GET', url: '/__admin/docs?x=1', headers: { authorization: 'Bearer docs-token' } })
  expect([bare.statusCode, bare.headers.location]).toEqual([302, 'docs/?x=1'])
  const doc = await app.inject({ method: 'GET', url: '/__admin/openapi.json', headers: { authorization: 'Bearer docs-token' } })
  expect(doc.json().info.title).toBe('toco-waffo-mock')
})

/** Every object schema in an API answer whose optional property comes before a required one. */
function optionalBeforeRequired (doc: any): string[] {
  const resolve = (schema: any): any => schema?.$ref ? resolve(schema.$ref.split('/').slice(1).reduce((node: any, key: string) => node[key], doc)) : schema
  const found: string[] = []
  const walk = (raw: any, where: string, depth: number): void => {
    const schema = resolve(raw)
    if (!schema || typeof schema !== 'object' || depth > 40) return
    if (schema.properties) {
      const required = new Set(schema.required ?? [])
      const keys = Object.keys(schema.properties)
      const optional = keys.findIndex((key) => !required.has(key))
      const late = optional === -1 ? undefined : keys.slice(optional).find((key) => required.has(key))
      if (late) found.push(`${where}: ${keys[optional]} before ${late}`)
      for (const key of keys) walk(schema.properties[key], `${where}.${key}`, depth + 1)
    }
    for (const key of ['items', 'additionalProperties']) if (typeof schema[key] === 'object') walk(schema[key], `${where}[]`, depth + 1)
    for (const key of ['anyOf', 'oneOf', 'allOf']) for (const branch of schema[key] ?? []) walk(branch, where, depth + 1)
  }
  for (const [path, operations] of Object.entries<any>(doc.paths)) {
    if (path.startsWith('/__admin')) continue
    for (const [method, operation] of Object.entries<any>(operations)) {
      for (const [status, response] of Object.entries<any>(operation.responses ?? {})) walk(response.content?.['application/json']?.schema, `${method} ${path} ${status}`, 0)
    }
  }
  return found
}

it('no API answer schema puts an optional field before a required one (fast-json-stringify would move it to the end, off the documented order)', async () => {
  const app = await appForTest()
  const doc = (await app.inject({ method: 'GET', url: '/__admin/openapi.json' })).json()
  expect(optionalBeforeRequired(doc)).toEqual([])
  // The check sees what it looks for: the admin journal entry has one (an admin shape, order not a contract).
  expect(optionalBeforeRequired({ paths: { '/x': doc.paths['/__admin/requests'] } })).toEqual(['get /x 200.requests[]: requestBodyTruncated before responseBody'])
})

it('documents the statuses routes really answer: 409 and 413 on both APIs, the guard\'s 403 and 413 on the control plane, and the hosted pages as HTML', async () => {
  const app = await appForTest()
  const doc = (await app.inject({ method: 'GET', url: '/__admin/openapi.json' })).json()
  const unbind = doc.paths['/api/v1/partner/stores/{storeId}/unbind'].post.responses
  expect(unbind['409'].description).toMatch(/^STORE_021/)
  expect(Object.keys(unbind['409'].content)).toEqual(['application/json'])
  expect(unbind['413']).toBeDefined()
  expect(doc.paths['/v1/actions/store/delete-store'].post.responses['409'].description).toMatch(/delete-store's blockers/)
  expect(Object.keys(doc.paths['/__admin/fixtures'].post.responses)).toEqual(expect.arrayContaining(['403', '409', '413']))
  expect(doc.paths['/__admin/state'].get.responses['409']).toBeUndefined()
  for (const [path, method] of [['/v1/store/{slug}/checkout/{sessionId}', 'get'], ['/v1/store/{slug}/checkout/{sessionId}', 'post'], ['/api/v1/seller/onboard/{sessionId}', 'get']] as const) {
    const page = doc.paths[path][method]
    expect(page.security, path).toEqual([])
    for (const status of ['200', '400', '404', '409', '410']) expect(Object.keys(page.responses[status].content), `${method} ${path} ${status}`).toEqual(['text/html'])
    expect(page.responses['401']).toBeUndefined()
  }
})
