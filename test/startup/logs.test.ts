/** Logs: pino JSON by default, pretty (pino-pretty) on a terminal in development, the request id on every request's line. */
import { Writable } from 'node:stream'
import { afterEach, describe, expect, it } from 'vitest'
import { buildApp, type App } from '../../src/app.js'
import { logStreamFor } from '../../src/cli/log-stream.js'
import { testConfig, type MockConfig as Config } from '../../src/apis/index.js'
import { DEMO, toco, UUID_V4, waffo } from '../helpers.js'

let app: App | undefined
afterEach(async () => { await app?.close() })

const collect = () => {
  const chunks: string[] = []
  return { chunks, stream: new Writable({ write (chunk, _encoding, done) { chunks.push(chunk.toString()); done() } }) }
}

/** A signed success, a signature refusal, both APIs, an unknown route, bad JSON and the control plane. */
async function traffic (current: App): Promise<string[]> {
  const answers = [
    await toco(current, { path: `/partner/stores/${DEMO.unbindStore.storeClientId}/unbind` }),
    await toco(current, { path: '/partner/stores/products/deletions', body: { ids: ['x'] }, store: DEMO.catalogueStore, partner: { ...DEMO.partner, secretKey: 'wrong' } }),
    await toco(current, { path: '/partner/stores/products/deletions', body: '{bad', store: DEMO.catalogueStore }),
    await waffo(current, { body: { id: DEMO.waffoStores.clean } }),
    await current.inject({ method: 'POST', url: '/api/v1/no/such/route' }),
    await current.inject({ method: 'POST', url: '/__admin/reset' })
  ]
  return answers.flatMap((answer) => answer.headers['x-request-id'] ? [String(answer.headers['x-request-id'])] : [])
}

describe('which format', () => {
  const config = (logFormat: Config['logFormat']) => testConfig({ logLevel: 'info', logFormat })
  const target = (terminal: boolean, env: NodeJS.ProcessEnv = {}) => ({ env, terminal, warn: () => {} })

  it('auto: JSON when stdout is not a terminal or NODE_ENV=production, pretty on a terminal otherwise', async () => {
    expect(await logStreamFor(config('auto'), target(false))).toBeUndefined()
    expect(await logStreamFor(config('auto'), target(true, { NODE_ENV: 'production' }))).toBeUndefined()
    expect(await logStreamFor(config('auto'), target(true))).toBeDefined()
    expect(await logStreamFor(config('json'), target(true))).toBeUndefined()
    expect(await logStreamFor(config('pretty'), target(false))).toBeDefined()
  })
})

it('JSON: every line a request writes carries its request id (the x-request-id it answered with)', async () => {
  const { chunks, stream } = collect()
  app = await buildApp(testConfig({ logLevel: 'debug' }), { logStream: stream })
  const before = chunks.length
  const answered = await traffic(app)
  const lines = chunks.slice(before).map((chunk) => JSON.parse(chunk))
  expect(lines.length).toBeGreaterThanOrEqual(12)
  for (const line of lines) expect(line.requestId, JSON.stringify(line)).toMatch(UUID_V4)
  expect(answered).toHaveLength(5)
  for (const id of answered) expect(lines.filter((line) => line.requestId === id).map((line) => line.msg)).toEqual(expect.arrayContaining(['incoming request', 'request completed']))
})

it('pretty: human lines, still with the request id', async () => {
  const { chunks, stream } = collect()
  const config = testConfig({ logLevel: 'info', logFormat: 'pretty' })
  app = await buildApp(config, { logStream: await logStreamFor(config, { env: {}, terminal: false, destination: stream, warn: () => {} }) })
  const [id] = await traffic(app)
  const text = chunks.join('')
  expect(text).not.toMatch(/^\{/m)
  expect(text).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: incoming request$/m)
  expect(text).toContain(`    requestId: "${id}"`)
})
