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
