/**
 * `npm run bench`: the mock against a bare Fastify server replaying the mock's own bytes and a
 * fixed reference commit of the mock (built here), same run, same machine, alternating so drift
 * hits all alike. Writes docs/benchmarks.md.
 * Knobs: BENCH_DURATION (s per run, 5), BENCH_ROUNDS (rounds per scenario and load, 2),
 * BENCH_PRODUCTS (catalogue size, 250,000 as issue 21 measures), BENCH_REFERENCE (a commit, default the
 * first release 8590aa4; `none` to skip it), BENCH_WAVE_REFERENCE (the commit the current wave
 * started from, default f79db88, run at 10 connections for the "n× cheaper than before" and p99
 * claims; `none` to skip it), BENCH_WIREMOCK (`none` to skip the quiet WireMock that answers the seed's
 * route with the mock's bytes; it needs java, and its jar comes from npm).
 */
import { Agent } from 'node:http'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { benchControlPlane } from './control.js'
import { load, median, merge, percentile, type LoadResult } from './load.js'
import { writeReport, type Report } from './report.js'
import { prepareReference } from './reference.js'
import { bulkDelete, health, IdPool, productList, seedBulkDelete, unbindNotFound, waffoBlocked, waffoGraphql, writeBenchFixture, type Scenario } from './scenarios.js'
import { call, coldStart, killAll, memory, startMockColdStart, startServer, writeJsonServerDb, type Server } from './servers.js'
import { startWireMock, WIREMOCK_WARMUP_SECONDS } from './wiremock.js'

const DURATION = Number(process.env.BENCH_DURATION ?? 5)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2)
// Issue 21's catalogue; one fresh id per request, so ids last a whole run (the catalogue is reset between runs) up to ~50k req/s.
const PRODUCTS = Number(process.env.BENCH_PRODUCTS ?? Math.max(250_000, DURATION * 50_000))
const CONNECTIONS = [10, 50]
// Spawn times vary by tens of ms on a shared machine: enough spawns that the medians settle.
const SPAWNS = 11
const RESETS = 200
const BATCH_SIZES = [1, 10, 100]
const REFERENCE = process.env.BENCH_REFERENCE ?? '8590aa4'
const WAVE_REFERENCE = process.env.BENCH_WAVE_REFERENCE ?? 'f79db88'
/** The wave's start is compared at this connection count only. */
const WAVE_CONNECTIONS = 10

const began = performance.now()
const log = (message: string) => process.stderr.write(`[${((performance.now() - began) / 1000).toFixed(0).padStart(3)} s] ${message}\n`)
const tmp = mkdtempSync(join(tmpdir(), 'toco-waffo-bench-'))
// On exit, not in `finally`: a Ctrl-C leaves through process.exit(), which skips `finally`.
process.once('exit', () => rmSync(tmp, { recursive: true, force: true }))

try {
  const report = await bench()
  report.totalSeconds = (performance.now() - began) / 1000
  process.stdout.write(writeReport(report))
  log('wrote docs/benchmarks.md')
} finally {
  killAll()
}

async function bench (): Promise<Report> {
  log(`catalogue of ${PRODUCTS} products, ${ROUNDS} × ${DURATION} s per scenario, server and load`)
  const { file, pool } = writeBenchFixture(tmp, PRODUCTS)
  const referenceRoot = REFERENCE === 'none' ? undefined : prepareReference(REFERENCE, log)
  const waveRoot = WAVE_REFERENCE === 'none' ? undefined : prepareReference(WAVE_REFERENCE, log)
  const mock = await startServer('mock', { env: { FIXTURES: file } })
  const reference = referenceRoot ? await startServer('mock', { root: referenceRoot, env: { FIXTURES: file } }) : undefined
  const wave = waveRoot ? await startServer('mock', { root: waveRoot, env: { FIXTURES: file } }) : undefined
  const reset = async (server = mock) => {
    const started = performance.now()
    const { status } = await call(`${server.url}/__admin/reset`, { method: 'POST' })
    if (status !== 200) throw new Error(`reset answered ${status}`)
    pool.rewind()
    return performance.now() - started
  }
  // The seed's bulk delete as issue 21 defines it: one live product and one missing id.
  const bulk = seedBulkDelete(pool)
  const scenarios = [bulk, unbindNotFound(), waffoBlocked(), waffoGraphql(), productList(), health()]

  // The baseline answers with the mock's real bytes (and status) for each scenario's route.
  const responses = []
  for (const scenario of scenarios) {
    const request = scenario.next()
    const answer = await call(mock.url + request.path, request)
    if (answer.status !== scenario.expectStatus) throw new Error(`${scenario.name}: ${answer.status} ${answer.body}`)
    // The baseline routes by path: every query string of a scenario gets the same captured bytes.
    responses.push({ method: request.method, url: request.path.split('?')[0]!, status: answer.status, contentType: answer.contentType, body: answer.body })
  }
  writeFileSync(join(tmp, 'responses.json'), JSON.stringify(responses))
  // A reference runs the scenarios it answers as HEAD does (the first release has no GraphQL, say).
  const answered = async (server: Server | undefined) => {
    const set = new Set<Scenario>()
    for (const scenario of server ? scenarios : []) {
      const request = scenario.next()
      if ((await call(server!.url + request.path, request)).status === scenario.expectStatus) set.add(scenario)
    }
    if (server) await reset(server)
    return set
  }
  const referenced = await answered(reference)
  const waved = await answered(wave)
  const baseline = await startServer('baseline', { env: { BASELINE_RESPONSES: join(tmp, 'responses.json') } })
  const wiremock = process.env.BENCH_WIREMOCK === 'none' ? undefined : await startWireMock(responses[scenarios.indexOf(bulk)]!, join(tmp, 'wiremock'), log)
  const rssBefore = memory(mock.child.pid!)
  const baselineRssBefore = memory(baseline.child.pid!)

  const catalogueResets: number[] = []
  const run = async (server: Server, scenario: Scenario, connections: number, duration: number) => {
    if (scenario === bulk) {
      // Fresh catalogue for each mock; the baseline gets the same stream of ids (same client work).
      if (server === mock) catalogueResets.push(await reset())
      else if (server === reference || server === wave) await reset(server)
      else pool.rewind()
    }
    return load(server.url, [scenario], { connections, duration, pid: server.child.pid })
  }

  // The table measured WireMock as it measured everyone (5.3-6.4k req/s at 10 connections):
  // a fresh JVM after the 1 s warm-up every contender gets. Measured so first, then warmed for the rounds.
  let wiremockFresh: LoadResult | undefined
  if (wiremock) {
    await run(wiremock, bulk, 10, 1)
    wiremockFresh = await run(wiremock, bulk, 10, DURATION)
  }
  log(`warm-up (1 s each, WireMock ${WIREMOCK_WARMUP_SECONDS} s; not counted)`)
  if (wiremock) await run(wiremock, bulk, 10, WIREMOCK_WARMUP_SECONDS)
  for (const scenario of scenarios) {
    for (const server of [baseline, mock]) await run(server, scenario, 10, 1)
    if (referenced.has(scenario)) await run(reference!, scenario, 10, 1)
    if (waved.has(scenario)) await run(wave!, scenario, 10, 1)
  }

  const results = new Map<string, { baseline: LoadResult[], mock: LoadResult[], reference: LoadResult[], wave: LoadResult[], wiremock: LoadResult[] }>()
  for (const connections of CONNECTIONS) {
    for (let round = 1; round <= ROUNDS; round++) {
      for (const scenario of scenarios) {
        log(`${connections} connections, round ${round}: ${scenario.name}`)
        const key = `${scenario.name}|${connections}`
        const entry = results.get(key) ?? { baseline: [], mock: [], reference: [], wave: [], wiremock: [] }
        results.set(key, entry)
        const runs = [
          async () => { entry.baseline.push(await run(baseline, scenario, connections, DURATION)) },
          async () => { entry.mock.push(await run(mock, scenario, connections, DURATION)) },
          async () => { if (referenced.has(scenario)) entry.reference.push(await run(reference!, scenario, connections, DURATION)) },
          async () => { if (waved.has(scenario) && connections === WAVE_CONNECTIONS) entry.wave.push(await run(wave!, scenario, connections, DURATION)) },
          async () => { if (wiremock && scenario === bulk) entry.wiremock.push(await run(wiremock, scenario, connections, DURATION)) }
        ]
        // Every other round in reverse order, so a machine that speeds up or slows down favours nobody.
        for (const go of round % 2 === 1 ? runs : runs.reverse()) await go()
      }
    }
  }
  const rssAfter = memory(mock.child.pid!)
  const baselineRssAfter = memory(baseline.child.pid!)

  log('bulk-delete cost by batch size (1 connection, sequential)')
  const batches = []
  for (const size of BATCH_SIZES) {
    await reset()
    const result = await load(mock.url, [bulkDelete(pool, size)], { connections: 1, amount: 200 })
    batches.push({ size, result })
  }
  await Promise.all([mock.stop(), baseline.stop(), reference?.stop(), wave?.stop(), wiremock?.stop()])

  log(`cold start to healthy, ${SPAWNS} spawns each`)
  const starts = { baseline: [] as number[], mock: [] as number[], bin: [] as number[], reference: [] as number[], startMock: [] as number[], jsonServer: [] as number[] }
  writeJsonServerDb()
  for (let i = 0; i < SPAWNS; i++) {
    starts.baseline.push(await coldStart('baseline'))
    starts.jsonServer.push(await coldStart('jsonServer'))
    starts.mock.push(await coldStart('mock'))
    starts.bin.push(await coldStart('mock', { bin: true }))
    if (referenceRoot) starts.reference.push(await coldStart('mock', { root: referenceRoot }))
    starts.startMock.push(await startMockColdStart())
  }

  log(`demo fixtures: RSS around 50-connection mixed load, then POST /__admin/reset × ${RESETS}`)
  const demoMock = await startServer('mock')
  const demoRssBefore = memory(demoMock.child.pid!)
  // Ids the demo catalogue does not have: the deletes authenticate, look up and answer, writing nothing.
  const unknownIds = new IdPool(Array.from({ length: 64 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`))
  const mixed = await load(demoMock.url, [bulkDelete(unknownIds), unbindNotFound(), waffoBlocked(), health()], { connections: 50, duration: DURATION })
  const demoRssAfter = memory(demoMock.child.pid!)
  // Resets last: each one prepares new SQLite statements, which holds native memory until V8 collects them.
  const agent = new Agent({ keepAlive: true, maxSockets: 1 })
  const resets: number[] = []
  for (let i = 0; i < RESETS + 20; i++) {
    const started = performance.now()
    const { status } = await call(`${demoMock.url}/__admin/reset`, { method: 'POST', agent })
    if (status !== 200) throw new Error(`reset answered ${status}`)
    if (i >= 20) resets.push(performance.now() - started) // the first 20 warm the JIT up
  }
  agent.destroy()
  const demoRssResets = memory(demoMock.child.pid!)
  await demoMock.stop()

  const control = await benchControlPlane({ file, pool, duration: DURATION, rounds: ROUNDS, log })

  return {
    date: new Date().toISOString(),
    settings: { duration: DURATION, rounds: ROUNDS, products: PRODUCTS, connections: CONNECTIONS },
    loads: [...results].map(([key, entry]) => {
      const [scenario, connections] = key.split('|') as [string, string]
      return {
        scenario,
        connections: Number(connections),
        baseline: merge(entry.baseline),
        mock: merge(entry.mock),
        reference: entry.reference.length ? merge(entry.reference) : undefined,
        wave: entry.wave.length ? merge(entry.wave) : undefined,
        wiremock: entry.wiremock.length ? merge(entry.wiremock) : undefined
      }
    }),
    wiremockFresh,
    reference: referenceRoot ? REFERENCE : undefined,
    wave: waveRoot ? WAVE_REFERENCE : undefined,
    coldStart: { baseline: median(starts.baseline), mock: median(starts.mock), bin: median(starts.bin), reference: referenceRoot ? median(starts.reference) : undefined, startMock: median(starts.startMock), jsonServer: median(starts.jsonServer), samples: starts },
    reset: { count: resets.length, median: median(resets), p99: percentile(resets, 99), catalogueMedian: median(catalogueResets) },
    rss: {
      catalogue: { before: rssBefore, after: rssAfter },
      baseline: { before: baselineRssBefore, after: baselineRssAfter },
      demo: { before: demoRssBefore, after: demoRssAfter, afterResets: demoRssResets, errors: mixed.errors + mixed.unexpected }
    },
    batches: batches.map(({ size, result }) => ({
      size,
      p50: median(result.latencies),
      p99: percentile(result.latencies, 99),
      errors: result.errors + result.unexpected + result.idle
    })),
    control,
    totalSeconds: 0
  }
}
