/**
 * README's endpoint table and the route table agree: every row is a real route, and every route
 * of an API is a row (whoever adds a route adds its row between the ENDPOINTS TABLE markers).
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { APIS } from '../../src/apis/index.js'
import { useApp } from '../helpers.js'
import { ROOT } from '../support/process.js'

const app = useApp()
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8')
const table = readme.slice(readme.indexOf('<!-- ENDPOINTS TABLE'), readme.indexOf('<!-- END ENDPOINTS TABLE -->'))
/** `/a/{id}/b` and `/a/:storeId/b` both become `/a/{}/b`. */
const shape = (path: string) => path.replace(/\{[^}]+\}|:[^/]+/g, '{}')

const rows = [...table.matchAll(/^\| (\w+) \| `(\w+)` \| `([^`]+)` \|/gm)].map(([, api, method, path]) => `${api!.toLowerCase()} ${method} ${shape(path!)}`)
const routes = () => app.app.mock.routes
  .filter((route) => route.method !== 'HEAD')
  .flatMap((route) => {
    const api = APIS.find((candidate) => route.url.startsWith(`${candidate.prefix}/`))
    return api ? [`${api.name} ${route.method} ${shape(route.url)}`] : []
  })

it('lists only real routes', () => {
  expect(rows.length).toBeGreaterThanOrEqual(3)
  expect(rows.filter((row) => !routes().includes(row))).toEqual([])
})

it('lists every route of every API', () => {
  expect(routes().filter((route) => !rows.includes(route))).toEqual([])
})
