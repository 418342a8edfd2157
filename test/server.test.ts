/** `npm start` as a newcomer runs it: a real process, its banner, its signed curl lines, its exits. */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it, onTestFinished } from 'vitest'
import { signWaffoRequest } from '../src/signing/index.js'
import { DEMO } from './helpers.js'
import { bundledServer, runBundled } from './support/bundle.js'
import { json, runTs, sendCurl, stop, waitFor } from './support/process.js'

const running: Array<ReturnType<typeof runTs>> = []
afterEach(() => { for (const run of running.splice(0)) stop(run.child) })
const start = (env: Record<string, string> = {}) => {
  const run = runTs('src/server.ts', [], { PORT: '0', ...env })
  running.push(run)
  return run
}

describe('src/server.ts', () => {
  it('prints the URL, the fixtures and the demo credentials, and its curl lines work as printed', async () => {
    const run = start()
    const [, url] = await waitFor(run, /listening on (http:\/\/127\.0\.0\.1:\d+)[\s\S]*--data '[^']*'\n/)
    const banner = run.output.stdout
    expect(banner).toContain('Fixtures            fixtures/default.json')
    expect(banner).toContain('Toco partner ptnr_1s4UqMnO64   secretKey demo_toco_secret_ptnr_1s4UqMnO64')
    expect(banner).toContain('Waffo merchant MER_2aUyqjCzEIiEcYMKj7TZtw')

    const health = await fetch(`${url}/__admin/health`)
    expect(await json(health)).toEqual({ status: 'ok' })
    // The dashboard and the docs page are named, and answer where the banner says.
    expect(banner).toContain(`  Dashboard           ${url}/__admin/   (state, live requests with why each was refused, clock, faults, snapshots)`)
    expect(banner).toContain(`  API docs            ${url}/__admin/docs   (OpenAPI: ${url}/__admin/openapi.json)`)
    const dashboard = await fetch(`${url}/__admin/`)
    expect([dashboard.status, (await dashboard.text()).includes('<h2>Faults')]).toEqual([200, true])
    const docs = await fetch(`${url}/__admin/docs`)
    expect([docs.status, docs.url, (await docs.text()).includes('./static/swagger-ui.css')]).toEqual([200, `${url}/__admin/docs/`, true])

    const [tocoCurl, waffoCurl] = banner.split('\n\n').filter((block) => block.startsWith('curl '))
    const unbound = await sendCurl(tocoCurl!)
    expect(await json(unbound)).toMatchObject({ success: true, message: 'Store unbound successfully' })
    const deleted = await sendCurl(waffoCurl!)
    expect((await json(deleted)).data.store.deletedAt).not.toBeNull()
  })

  it('keeps the secrets of a user\'s own fixture file out of its output', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'server-'))
    const fixture = join(dir, 'mine.json')
    writeFileSync(fixture, JSON.stringify({ toco: { partners: [{ clientId: 'ptnr_mine', secretKey: 'my-very-own-secret' }] } }))
    const run = start({ FIXTURES: fixture })
    await waitFor(run, /Credentials: as declared in your fixture files/)
    expect(run.output.stdout + run.output.stderr).not.toContain('my-very-own-secret')
  })

  it('exits 1 with one line on a bad configuration value', async () => {
    const run = start({ TOCO_SIGNATURE_PATH: 'sideways' })
    expect(await run.exited).toBe(1)
    expect(run.output.stderr.trim()).toBe('Invalid configuration: TOCO_SIGNATURE_PATH must be one of strip-prefix, full (got "sideways")')
  })

  it('exits 1 with one line naming file, path and reason on a bad fixture', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'server-'))
    const fixture = join(dir, 'broken.json')
    writeFileSync(fixture, JSON.stringify({ waffo: { stores: [{ id: 'STO_x', members: [] }] } }))
    const run = start({ FIXTURES: fixture })
    expect(await run.exited).toBe(1)
    expect(run.output.stderr.trim()).toBe(`Fixture error in ${fixture} at /waffo/stores/0/name: is required`)
  })

  it('shuts down gracefully on SIGTERM', async () => {
    const run = start()
    await waitFor(run, /listening on/)
    run.child.kill('SIGTERM')
    expect(await run.exited).toBe(0)
  })
})

it('the bundle `npm start` runs (dist/server.js) starts and serves both APIs', async () => {
  const run = await runBundled([], { PORT: '0' })
  running.push(run)
  onTestFinished(async () => { (await bundledServer()).remove() })
  const [, url] = await waitFor(run, /listening on (http:\/\/127\.0\.0\.1:\d+)/)
  expect(await json(await fetch(`${url}/__admin/health`))).toEqual({ status: 'ok' })
  const unsigned = await json(await fetch(`${url}/api/v1/partner/stores/x/unbind`, { method: 'POST' }))
  expect(unsigned.error.code).toBe('AUTH_001')
  const waffoUnsigned = await json(await fetch(`${url}/v1/actions/store/delete-store`, { method: 'POST' }))
  expect(waffoUnsigned.errors[0].message).toBe('Missing authentication')
  // What the bundle leaves to files of their own, required on first use: the GraphQL engine's
  // libraries (dist/graphql.cjs) and the OpenAPI generator (@fastify/swagger).
  const body = JSON.stringify({ query: 'query ($id: ID!) { store(id: $id) { id } }', variables: { id: DEMO.waffoStores.clean } })
  const headers = signWaffoRequest({ merchantId: DEMO.owner.id, privateKeyPem: DEMO.owner.privateKeyPem, path: '/v1/graphql', body })
  const graphql = await fetch(`${url}/v1/graphql`, { method: 'POST', headers, body })
  expect(await json(graphql)).toEqual({ data: { store: { id: DEMO.waffoStores.clean } } })
  expect((await json(await fetch(`${url}/__admin/openapi.json`))).openapi).toMatch(/^3\./)
})
