import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs'
import { availableParallelism, cpus, release, totalmem } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import type { ControlFigures } from './control.js'
import { median, percentile, type LoadResult } from './load.js'
import { ROOT } from './servers.js'
import { WIREMOCK_VERSION, WIREMOCK_WARMUP_SECONDS } from './wiremock.js'

type Memory = { rssMb: number, peakMb: number }

export interface Report {
  date: string
  settings: { duration: number, rounds: number, products: number, connections: number[] }
  loads: Array<{ scenario: string, connections: number, baseline: LoadResult, mock: LoadResult, reference?: LoadResult | undefined, wave?: LoadResult | undefined, wiremock?: LoadResult | undefined }>
  /** The seed's bulk delete on a fresh WireMock at 10 connections, after the 1 s warm-up every contender gets (as the issue's table measured it). */
  wiremockFresh?: LoadResult | undefined
  /** The fixed reference commit run beside HEAD (BENCH_REFERENCE), if any. */
  reference?: string | undefined
  /** The commit the wave started from (BENCH_WAVE_REFERENCE), run at 10 connections, if any. */
  wave?: string | undefined
  coldStart: { baseline: number, mock: number, bin: number, reference?: number | undefined, startMock: number, jsonServer: number, samples: { baseline: number[], mock: number[], bin: number[], reference: number[], startMock: number[], jsonServer: number[] } }
  reset: { count: number, median: number, p99: number, catalogueMedian: number }
  rss: { catalogue: { before: Memory, after: Memory }, baseline: { before: Memory, after: Memory }, demo: { before: Memory, after: Memory, afterResets: Memory, errors: number } }
  batches: Array<{ size: number, p50: number, p99: number, errors: number }>
  control: ControlFigures
  totalSeconds: number
}

const DOC = join(ROOT, 'docs/benchmarks.md')
const BEGIN = '<!-- bench:begin (written by `npm run bench`; edit outside these markers) -->'
const END = '<!-- bench:end -->'

const ms = (value: number) => value.toFixed(2)
const mb = (memory: Memory) => `${memory.rssMb.toFixed(0)} MB`
const rps = (result: LoadResult) => result.requests / result.seconds
/** Server CPU per request: what the throughput ratio would be if the load generator cost nothing. */
const cpuMicros = (result: LoadResult) => 1e6 * result.cpuSeconds / result.requests
const cpu = (result: LoadResult) => cpuMicros(result).toFixed(0)
const ratio = (a: LoadResult, b: LoadResult | undefined) => b ? `${(cpuMicros(a) / cpuMicros(b)).toFixed(2)}×` : '—'
const verdict = (ok: boolean) => ok ? '**met**' : '**not met**'

function version (name: string): string {
  return (JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version
}

/** Which code was measured: the commit, and whether src/ differed from it (read-only git). */
function revision (): string {
  try {
    const git = (...args: string[]) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim()
    return `${git('rev-parse', '--short', 'HEAD')}${git('status', '--porcelain', '--', 'src') ? ' with uncommitted changes in src/' : ''}`
  } catch {
    return 'unknown (not a git checkout)'
  }
}

function machine (): string[] {
  const sqlite = new Database(':memory:')
  const sqliteVersion = sqlite.prepare('SELECT sqlite_version()').pluck().get() as string
  sqlite.close()
  return [
    `- Code: commit ${revision()}, built to dist/ by the bench`,
    `- Machine: ${availableParallelism()} CPUs (nproc), ${cpus()[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Linux ${release()}`,
    `- Node ${process.version}, Fastify ${version('fastify')}, better-sqlite3 ${version('better-sqlite3')} (SQLite ${sqliteVersion}), autocannon ${version('autocannon')}`
  ]
}

/** The generated section: printed by the bench and kept between the markers of docs/benchmarks.md. */
function render (report: Report): string {
  const { settings } = report
  const lines = [
    `Run of ${report.date} (${report.totalSeconds.toFixed(0)} s in all).`,
    '',
    ...machine(),
    '- Load: autocannon in the bench process on the same machine (it takes CPU from the server), 127.0.0.1, ' +
      `${settings.rounds} A/B rounds × ${settings.duration} s per scenario and connection count, after a 1 s warm-up each; ` +
      `every request built and signed just before it is sent. Catalogue: ${settings.products} products, reset before each bulk-delete run.`,
    '',
    `Reference: commit ${report.reference ?? 'none (BENCH_REFERENCE=none)'}, built by the bench and run beside HEAD on the scenarios it answers; ` +
      'CPU ratios are server CPU per request, HEAD over bare Fastify and HEAD over the reference.',
    '',
    '| Scenario | Conns | Bare req/s | Bare p50 ms | Bare p99 ms | Bare CPU µs/req | Mock req/s | Mock p50 ms | Mock p99 ms | Mock CPU µs/req | Mock / bare | Ref req/s | Ref p99 ms | Ref CPU µs/req | HEAD/bare CPU | HEAD/ref CPU | Errors |',
    '|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|'
  ]
  for (const { scenario, connections, baseline, mock, reference } of report.loads) {
    const bad = mock.errors + mock.unexpected + baseline.errors + baseline.unexpected + (reference ? reference.errors + reference.unexpected : 0)
    const idle = mock.idle > 0 ? ` (${mock.idle} without writes)` : ''
    const cells = (result: LoadResult) => [rps(result).toFixed(0), ms(median(result.latencies)), ms(percentile(result.latencies, 99)), cpu(result)]
    const referenceCells = reference ? [rps(reference).toFixed(0), ms(percentile(reference.latencies, 99)), cpu(reference)] : ['—', '—', '—']
    lines.push(`| ${scenario} | ${connections} | ${cells(baseline).join(' | ')} | ${cells(mock).join(' | ')} | ` +
      `${(100 * rps(mock) / rps(baseline)).toFixed(0)} % | ${referenceCells.join(' | ')} | ${ratio(mock, baseline)} | ${ratio(mock, reference)} | ${bad}${idle} |`)
  }

  const { coldStart, reset, rss } = report
  const startRatio = coldStart.mock / coldStart.baseline
  lines.push('',
    '| Measure | Figure |',
    '|---|---|',
    `| Cold start to healthy, median of ${coldStart.samples.mock.length} | bare Fastify ${coldStart.baseline.toFixed(0)} ms, mock ${coldStart.mock.toFixed(0)} ms (demo fixtures), ratio ${startRatio.toFixed(2)}×` +
      (coldStart.reference ? `; reference ${coldStart.reference.toFixed(0)} ms, HEAD/reference ${(coldStart.mock / coldStart.reference).toFixed(2)}×` : '') +
      `; json-server 0.17 ${coldStart.jsonServer.toFixed(0)} ms (the demo fixtures' arrays as its resources), HEAD/json-server ${(coldStart.mock / coldStart.jsonServer).toFixed(2)}× |`,
    `| The bin's cold start (\`npx toco-waffo-mock\`: plain \`node dist/server.js\`, no flags), median of ${coldStart.samples.bin.length} | ${coldStart.bin.toFixed(0)} ms (${(coldStart.bin / coldStart.baseline).toFixed(2)}× bare Fastify's cold start) |`,
    `| \`startMock()\` cold start: a new Node process imports \`toco-waffo-mock/client\`, starts the mock, gets a 200 from health; median of ${coldStart.samples.startMock.length} | ${coldStart.startMock.toFixed(0)} ms (${(coldStart.startMock / coldStart.baseline).toFixed(2)}× bare Fastify's cold start) |`,
    `| \`POST /__admin/reset\` × ${reset.count}, demo fixtures | median ${ms(reset.median)} ms, p99 ${ms(reset.p99)} ms |`,
    `| \`POST /__admin/reset\`, ${settings.products}-product bench catalogue | median ${reset.catalogueMedian.toFixed(0)} ms |`,
    `| Mock RSS, demo fixtures | ${mb(rss.demo.before)} idle → ${mb(rss.demo.after)} after ${settings.duration} s of 50-connection mixed load ` +
      `(peak ${rss.demo.after.peakMb.toFixed(0)} MB, ${rss.demo.errors} errors) → ${mb(rss.demo.afterResets)} after ${report.reset.count + 20} resets |`,
    `| Mock RSS, bench catalogue | ${mb(rss.catalogue.before)} before load → ${mb(rss.catalogue.after)} after all runs (peak ${rss.catalogue.after.peakMb.toFixed(0)} MB) |`,
    `| Bare Fastify RSS, same runs | ${mb(rss.baseline.before)} before load → ${mb(rss.baseline.after)} after (peak ${rss.baseline.after.peakMb.toFixed(0)} MB) |`,
    '',
    '| Bulk delete, ids per request (1 connection, 200 requests) | p50 ms | p99 ms | p50 per id ms | Errors |',
    '|--:|--:|--:|--:|--:|')
  for (const batch of report.batches) {
    lines.push(`| ${batch.size} | ${ms(batch.p50)} | ${ms(batch.p99)} | ${(batch.p50 / batch.size).toFixed(3)} | ${batch.errors} |`)
  }

  const bulk = report.loads.filter((load) => load.scenario.startsWith('Toco bulk delete'))
  const ratios = bulk.map((load) => `${(100 * rps(load.mock) / rps(load.baseline)).toFixed(0)} % at ${load.connections} connections ` +
    `(server CPU ${cpu(load.mock)} vs ${cpu(load.baseline)} µs per request)`)
  lines.push('',
    '| Target | Result |',
    '|---|---|',
    `| Signed stateful bulk delete ≥ 50 % of bare Fastify | ${verdict(bulk.every((load) => rps(load.mock) >= rps(load.baseline) / 2))}: ${ratios.join('; ')} |`,
    `| Start-up ≤ 1.5× bare Fastify (goal 1.3×) | ${verdict(startRatio <= 1.5)}: ${startRatio.toFixed(2)}× (${coldStart.mock.toFixed(0)} vs ${coldStart.baseline.toFixed(0)} ms) |`,
    `| Start-up under json-server's | ${verdict(coldStart.mock < coldStart.jsonServer)}: ${coldStart.mock.toFixed(0)} vs ${coldStart.jsonServer.toFixed(0)} ms |`,
    ...(coldStart.reference ? [`| Start-up ≤ the reference's | ${verdict(coldStart.mock <= coldStart.reference)}: ${coldStart.mock.toFixed(0)} vs ${coldStart.reference.toFixed(0)} ms |`] : []),
    ...bulk.filter((load) => load.reference).map((load) => `| Bulk delete CPU per request ≤ the reference's (${load.connections} connections) | ` +
      `${verdict(cpuMicros(load.mock) <= cpuMicros(load.reference!))}: ${cpu(load.mock)} vs ${cpu(load.reference!)} µs (${ratio(load.mock, load.reference)}); ${ratio(load.mock, load.baseline)} bare |`),
    `| Reset ≤ 5 ms | ${verdict(reset.median <= 5)}: median ${ms(reset.median)} ms, p99 ${ms(reset.p99)} ms (demo fixtures) |`,
    `| RSS ≤ 100 MB after load | ${verdict(rss.demo.after.rssMb <= 100)}: ${mb(rss.demo.after)} with the demo fixtures; ${mb(rss.catalogue.after)} with the ${settings.products}-product catalogue |`)
  lines.push('', ...renderWave(report))
  lines.push('', ...renderWireMock(report))
  lines.push('', ...renderControl(report.control, settings.duration))
  return lines.join('\n') + '\n'
}

/** HEAD against a quiet WireMock answering the seed's route with fixed bytes (issue 21's throughput target). */
function renderWireMock (report: Report): string[] {
  const loads = report.loads.filter((load) => load.wiremock)
  if (loads.length === 0) return ['### Against WireMock', '', 'Not measured in this run (no java, or BENCH_WIREMOCK=none).']
  const times = (load: typeof loads[number]) => rps(load.mock) / rps(load.wiremock!)
  const at10 = loads.find((load) => load.connections === 10)
  const fresh = report.wiremockFresh
  return [
    `### Against WireMock ${WIREMOCK_VERSION}, same run`,
    '',
    `WireMock runs with \`--no-request-journal --disable-request-logging\` and one stub that answers the seed's route with the mock's own bytes, after a warm-up of its own (${WIREMOCK_WARMUP_SECONDS} s at 10 connections: the JVM compiles as it runs); the mock does the real work (signature, SQLite, journal).`,
    '',
    '| Scenario | Conns | WireMock req/s | WireMock p99 ms | WireMock CPU µs/req | Mock req/s | Mock CPU µs/req | Mock/WireMock req/s |',
    '|---|--:|--:|--:|--:|--:|--:|--:|',
    ...loads.map((load) => `| ${load.scenario} | ${load.connections} | ${rps(load.wiremock!).toFixed(0)} | ${ms(percentile(load.wiremock!.latencies, 99))} | ` +
      `${cpu(load.wiremock!)} | ${rps(load.mock).toFixed(0)} | ${cpu(load.mock)} | ${times(load).toFixed(2)}× |`),
    ...(at10
      ? ['', '| Target | Result |', '|---|---|',
          `| Seed bulk delete throughput at 10 connections ≥ 1.5× a quiet WireMock's, warmed | ${verdict(times(at10) >= 1.5)}: ${times(at10).toFixed(2)}× (${rps(at10.mock).toFixed(0)} vs ${rps(at10.wiremock!).toFixed(0)} req/s); ` +
          // The ceiling: the load generator shares the machine, so no server answers faster than bare Fastify's fixed bytes.
          `bare Fastify's fixed answer, same run: ${(rps(at10.baseline) / rps(at10.wiremock!)).toFixed(2)}× |`,
          ...(fresh
            ? [`| Same, WireMock measured as the issue's table was (a fresh JVM, the 1 s warm-up every contender gets; ${rps(fresh).toFixed(0)} req/s, ${cpu(fresh)} µs CPU a request, p99 ${ms(percentile(fresh.latencies, 99))} ms) | ` +
            `${verdict(rps(at10.mock) / rps(fresh) >= 1.5)}: ${(rps(at10.mock) / rps(fresh)).toFixed(2)}× |`]
            : [])]
      : [])
  ]
}

/** HEAD against the commit the wave started from (issue 21): how much cheaper, and p99 at 10 connections. */
function renderWave (report: Report): string[] {
  const loads = report.loads.filter((load) => load.wave)
  if (loads.length === 0) return []
  const wave = report.wave!
  const cheaper = (load: typeof loads[number]) => cpuMicros(load.wave!) / cpuMicros(load.mock)
  const p99 = (result: LoadResult) => percentile(result.latencies, 99)
  const reads = loads.filter((load) => /product list|GraphQL/.test(load.scenario))
  return [
    `### Against the wave's start (${wave}), ${loads[0]!.connections} connections, same run`,
    '',
    `| Scenario | HEAD CPU µs/req | ${wave} CPU µs/req | ${wave}/HEAD CPU | HEAD req/s | ${wave} req/s | HEAD p99 ms | ${wave} p99 ms |`,
    '|---|--:|--:|--:|--:|--:|--:|--:|',
    ...loads.map((load) => `| ${load.scenario} | ${cpu(load.mock)} | ${cpu(load.wave!)} | ${cheaper(load).toFixed(2)}× | ` +
      `${rps(load.mock).toFixed(0)} | ${rps(load.wave!).toFixed(0)} | ${ms(p99(load.mock))} | ${ms(p99(load.wave!))} |`),
    '',
    '| Target | Result |',
    '|---|---|',
    ...reads.map((load) => `| ${load.scenario}: ≥ 4× cheaper than ${wave} | ${verdict(cheaper(load) >= 4)}: ${cheaper(load).toFixed(2)}× (${cpu(load.mock)} vs ${cpu(load.wave!)} µs) |`),
    `| No p99 regression at ${loads[0]!.connections} connections against ${wave} | ${verdict(loads.every((load) => p99(load.mock) <= p99(load.wave!)))}: ` +
      `${loads.map((load) => `${load.scenario.split(',')[0]} ${ms(p99(load.mock))} vs ${ms(p99(load.wave!))}`).join('; ')} ms |`
  ]
}

/** The control plane's figures and targets (issue 7): journal cost, reset and export timings, RSS. */
function renderControl (control: ControlFigures, duration: number): string[] {
  const { on, off } = control.journal
  const ratio = rps(on) / rps(off)
  const timing = (name: string) => control.timings.find((t) => t.name.startsWith(name))!
  const resets = control.timings.filter((t) => t.name.includes('reset'))
  const state = timing('`GET /__admin/state`')
  return [
    '### Control plane',
    '',
    '| Measure | Figure |',
    '|---|---|',
    `| Bulk delete (2 ids, 10 connections), journal on (\`JOURNAL_SIZE=1000\`) | ${rps(on).toFixed(0)} req/s, p99 ${ms(percentile(on.latencies, 99))} ms, CPU ${cpu(on)} µs/req |`,
    `| Same, journal off (\`JOURNAL_SIZE=0\`) | ${rps(off).toFixed(0)} req/s, p99 ${ms(percentile(off.latencies, 99))} ms, CPU ${cpu(off)} µs/req |`,
    ...control.timings.map((t) => `| ${t.name}, demo fixtures | median ${ms(t.median)} ms, p99 ${ms(t.p99)} ms |`),
    `| Mock RSS after ${duration} s of 50-connection mixed load, journal full (${control.journalEntries} entries) | ${mb(control.rssFullJournal)} (peak ${control.rssFullJournal.peakMb.toFixed(0)} MB) |`,
    '',
    '| Target | Result |',
    '|---|---|',
    `| Journal on ≥ 90 % of journal off (bulk delete) | ${verdict(ratio >= 0.9)}: ${(100 * ratio).toFixed(0)} % |`,
    `| Reset, whole and per tenant, median ≤ 5 ms | ${verdict(resets.every((t) => t.median <= 5))}: ${resets.map((t) => ms(t.median)).join(' / ')} ms |`,
    `| State export median ≤ 10 ms | ${verdict(state.median <= 10)}: ${ms(state.median)} ms |`,
    `| RSS ≤ 110 MB with a full 1000-entry journal | ${verdict(control.rssFullJournal.rssMb <= 110 && control.journalEntries >= 1000)}: ${mb(control.rssFullJournal)} |`
  ]
}

const SKELETON = `# Benchmarks

\`npm run bench\` (about 3–4 minutes on 2 CPUs) rewrites the section between the markers below;
everything else in this file is written by hand.

Reference figures from the issue (a 2-core machine): bare Fastify ≈ 12k req/s, p99 ≈ 2.5 ms,
start ≈ 0.3 s; WireMock ≈ 3.2k req/s, start ≈ 2 s; Prism ≈ 1k req/s, start ≈ 1.8 s.

${BEGIN}
${END}
`

/** Renders the report, splices it into docs/benchmarks.md and returns it for the console. */
export function writeReport (report: Report): string {
  const section = render(report)
  const current = existsSync(DOC) ? readFileSync(DOC, 'utf8') : SKELETON
  const start = current.indexOf(BEGIN)
  const end = current.indexOf(END)
  const base = start >= 0 && end > start ? current : SKELETON
  const next = base.slice(0, base.indexOf(BEGIN) + BEGIN.length) + '\n' + section + base.slice(base.indexOf(END))
  mkdirSync(join(ROOT, 'docs'), { recursive: true })
  writeFileSync(DOC, next)
  return section
}
