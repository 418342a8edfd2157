/** Logs: pino JSON by default, pretty (pino-pretty) on a terminal in development, the request id on every request's line. */
import { Writable } from 'node:stream'
import { afterEach, describe, expect, it } from 'vitest'
import { buildApp, type App } from '../../src/app.js'
import { logStreamFor } from '../../src/cli/log-stream.js'
import { testConfig, type MockConfig as Config } from '../../src/apis/index.js'
import { DEMO, toco, UUID_V4, waffo } from '../helpers.js'
import { runNode } from '../support/process.js'

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

const turnEnd = () => new Promise((resolve) => setImmediate(resolve))

describe('which format', () => {
  const config = (logFormat: Config['logFormat'], logLevel: Config['logLevel'] = 'info') => testConfig({ logLevel, logFormat })
  const LINE = '{"level":30,"time":0,"msg":"hello"}\n'
  /** What the chosen stream makes of one pino line. */
  const shown = async (chosen: Config, terminal: boolean, env: NodeJS.ProcessEnv = {}) => {
    const { chunks, stream } = collect()
    const chosenStream = await logStreamFor(chosen, { env, terminal, destination: stream, warn: () => {} })
    if (!chosenStream) return undefined
    chosenStream.write(LINE)
    await turnEnd()
    return chunks.join('')
  }

  it('auto: JSON when stdout is not a terminal or NODE_ENV=production, pretty on a terminal otherwise', async () => {
    expect(await shown(config('auto'), false)).toBe(LINE)
    expect(await shown(config('auto'), true, { NODE_ENV: 'production' })).toBe(LINE)
    expect(await shown(config('auto'), true)).toMatch(/INFO.*hello/)
    expect(await shown(config('json'), true)).toBe(LINE)
    expect(await shown(config('pretty'), false)).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: hello\n$/)
    expect(await shown(config('json', 'silent'), false)).toBeUndefined()
  })

  it('JSON: the lines of one turn of the event loop leave together at its end, in one write', async () => {
    const { chunks, stream } = collect()
    const lines = (await logStreamFor(config('json'), { env: {}, terminal: false, destination: stream, warn: () => {} }))!
    lines.write('{"msg":"one"}\n')
    lines.write('{"msg":"two"}\n')
    expect(chunks).toEqual([])
    await turnEnd()
    expect(chunks).toEqual(['{"msg":"one"}\n{"msg":"two"}\n'])
    lines.write('{"msg":"three"}\n')
    await turnEnd()
    expect(chunks).toEqual(['{"msg":"one"}\n{"msg":"two"}\n', '{"msg":"three"}\n'])
  })

  it('JSON: a line logged just before the process dies of an uncaught error still reaches stdout', async () => {
    const script = [
      `const { logStreamFor } = await import(${JSON.stringify(new URL('../../src/cli/log-stream.ts', import.meta.url).href)})`,
      "const lines = await logStreamFor({ logFormat: 'json', logLevel: 'info' }, { env: {}, terminal: false, warn: () => {} })",
      'lines.write(\'{"msg":"last words"}\\n\')',
      "throw new Error('boom')"
    ].join('\n')
    const run = runNode(['--import', 'tsx', '--input-type=module', '-e', script])
    expect(await run.exited).toBe(1)
    expect(run.output.stdout).toBe('{"msg":"last words"}\n')
    expect(run.output.stderr).toContain('boom')
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
