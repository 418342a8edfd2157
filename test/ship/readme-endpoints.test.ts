/**
 * README's endpoint table and the route table agree: every row is a real route, and every route
 * of an API is a row (whoever adds a route adds its row between the ENDPOINTS TABLE markers).
 * Every control-plane route is named in the README's `| Route | Does |` table too.
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

/** Every `METHOD /__admin/…` the control-plane table names, query strings and a trailing slash dropped. */
const controlPlane = (() => {
  const start = readme.indexOf('| Route | Does |')
  const end = readme.indexOf('\n\n', start)
  return [...readme.slice(start, end).matchAll(/\b(GET|POST|PUT|PATCH|DELETE) (\/__admin[^`?\s]*)/g)]
    .map(([, method, path]) => `${method} ${shape(path!.replace(/(.)\/$/, '$1'))}`)
})()

it('names every control-plane route in the control-plane table', () => {
  expect(controlPlane.length).toBeGreaterThanOrEqual(10)
  const admin = app.app.mock.routes
    // The docs UI's files are served below the one route the table names.
    .filter((route) => route.url.startsWith('/__admin') && route.method !== 'HEAD' && !route.url.endsWith('/*'))
    .map((route) => `${route.method} ${shape(route.url)}`)
  expect(admin.length).toBeGreaterThanOrEqual(10)
  expect(admin.filter((route) => !controlPlane.includes(route))).toEqual([])
})
