/**
 * `npm run bench:profile`: where the mock spends its CPU. Runs `node --cpu-prof dist/server.js`
 * once per scenario under 50-connection load (PROFILE_DURATION s, default 5) and once for
 * start-up alone (PROFILE_SCENARIOS filters them), then prints the top functions by self time, self time by area, and the
 * inclusive time of the mock's own functions.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { load } from './load.js'
import { health, productList, seedBulkDelete, unbindNotFound, waffoBlocked, waffoGraphql, writeBenchFixture, type Scenario } from './scenarios.js'
import { call, killAll, ROOT, startServer } from './servers.js'

const DURATION = Number(process.env.PROFILE_DURATION ?? 5)
const TOP = Number(process.env.PROFILE_TOP ?? 15)

interface ProfileNode {
  id: number
  callFrame: { functionName: string, url: string, lineNumber: number, columnNumber: number }
  children?: number[]
}
interface CpuProfile { nodes: ProfileNode[], startTime: number, samples: number[], timeDeltas: number[] }
/** Microseconds on the monotonic clock, the one V8 stamps profile samples with. */
const now = () => Number(process.hrtime.bigint() / 1000n)

const tmp = mkdtempSync(join(tmpdir(), 'toco-waffo-profile-'))
// On exit, not in `finally`: a Ctrl-C leaves through process.exit(), which skips `finally`.
process.once('exit', () => rmSync(tmp, { recursive: true, force: true }))
try {
  const { file, pool } = writeBenchFixture(tmp, DURATION * 30_000)
  await profile('start-up (demo fixtures, until healthy)', undefined, {})
  // PROFILE_SCENARIOS=none profiles the start-up alone; a word profiles the scenarios whose name holds it.
  const only = process.env.PROFILE_SCENARIOS
  for (const scenario of [seedBulkDelete(pool), unbindNotFound(), waffoBlocked(), waffoGraphql(), productList(), health()].filter((s) => !only || s.name.includes(only))) {
    await profile(scenario.name, scenario, { FIXTURES: file })
  }
} finally {
  killAll()
}

async function profile (title: string, scenario: Scenario | undefined, env: Record<string, string>) {
  const dir = mkdtempSync(join(tmp, 'prof-'))
  // Start-up is short: sample every 100 µs. Under load the default 1 ms keeps the profiler's own cost low.
  const interval = scenario ? [] : ['--cpu-prof-interval=100']
  const started = now()
  // PROFILE_ROOT profiles another built checkout (a reference commit) the same way.
  const server = await startServer('mock', { env, root: process.env.PROFILE_ROOT, nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${dir}`, ...interval] })
  // Only the samples taken under measured load count: not the seeding, the warm-up or the reset.
  let window = { from: started, to: Infinity }
  if (scenario) {
    await load(server.url, [scenario], { connections: 10, duration: 1 }) // warm-up, as in the bench
    await call(`${server.url}/__admin/reset`, { method: 'POST' })
    const from = now()
    const result = await load(server.url, [scenario], { connections: 50, duration: DURATION })
    window = { from, to: now() }
    title += ` — ${(result.requests / result.seconds).toFixed(0)} req/s under the profiler, ${result.errors + result.unexpected} errors`
  }
  await server.stop() // a graceful exit writes the profile
  const [name] = readdirSync(dir)
  if (!name) throw new Error('no profile written')
  summarize(title, JSON.parse(readFileSync(join(dir, name), 'utf8')) as CpuProfile, window)
}

/** Where a function lives: a package, the mock's own code, Node's internals or V8. */
function area (url: string): string {
  if (!url) return '(V8 / native)'
  if (url.startsWith('node:')) return 'node: internals'
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1]
  if (pkg) return pkg
  if (url.includes('/dist/')) return 'mock (dist/)'
  return url
}

function summarize (title: string, profile: CpuProfile, window: { from: number, to: number }) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]))
  const parent = new Map<number, number>()
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id)
  const label = (node: ProfileNode) => {
    const { functionName, url, lineNumber, columnNumber } = node.callFrame
    const where = url ? `${relative(ROOT, url.replace(/^file:\/\//, ''))}:${lineNumber + 1}:${columnNumber + 1}` : ''
    return `${functionName || '(anonymous)'} ${where}`.trim()
  }

  const self = new Map<string, number>()
  const areas = new Map<string, number>()
  const inclusive = new Map<string, number>()
  let total = 0
  let at = profile.startTime
  profile.samples.forEach((id, i) => {
    const micros = profile.timeDeltas[i] ?? 0
    at += micros
    if (at < window.from || at > window.to) return
    total += micros
    const node = byId.get(id)!
    self.set(label(node), (self.get(label(node)) ?? 0) + micros)
    if (label(node) === '(idle)') return
    areas.set(area(node.callFrame.url), (areas.get(area(node.callFrame.url)) ?? 0) + micros)
    // Inclusive time of the mock's own functions: each counted once per sample, however deep the recursion.
    const seen = new Set<string>()
    for (let up: number | undefined = id; up !== undefined; up = parent.get(up)) {
      const frame = byId.get(up)!
      if (frame.callFrame.url.includes('/dist/')) seen.add(label(frame))
    }
    for (const key of seen) inclusive.set(key, (inclusive.get(key) ?? 0) + micros)
  })

  const busy = total - (self.get('(idle)') ?? 0)
  const top = (map: Map<string, number>, n: number) => [...map].filter(([key]) => key !== '(idle)')
    .sort((a, b) => b[1] - a[1]).slice(0, n)
    .map(([key, micros]) => `  ${(100 * micros / busy).toFixed(1).padStart(5)} %  ${(micros / 1000).toFixed(0).padStart(6)} ms  ${key}`)
  process.stdout.write([
    `\n## ${title}`,
    `busy ${(busy / 1000).toFixed(0)} ms of ${(total / 1000).toFixed(0)} ms profiled (percentages are of busy time)`,
    'Self time, top functions:', ...top(self, TOP),
    'Self time by area:', ...top(areas, 10),
    "Inclusive time, the mock's own functions:", ...top(inclusive, Number(process.env.PROFILE_INCL ?? 10)),
    ''
  ].join('\n'))
}
