import { spawn, type ChildProcess } from 'node:child_process'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { Agent, request } from 'node:http'
import { createServer } from 'node:net'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { performance } from 'node:perf_hooks'
import { npmStartCommand } from '../test/support/process.js'

export const ROOT = fileURLToPath(new URL('..', import.meta.url))

/** The mock runs exactly as `npm start` runs it in `root`: the start script's node flags and entry file. */
const startArgs = (root: string) => npmStartCommand(root).slice(1)
const START_ARGS = startArgs(ROOT)

/** json-server 0.17, a contender in issue 21's table, serving the demo fixtures (writeJsonServerDb). */
const JSON_SERVER_DB = join(ROOT, 'node_modules', '.cache', 'toco-waffo-bench', 'json-server-db.json')

/** What each kind of server runs and where it answers its health check. */
const KINDS = {
  mock: { args: START_ARGS, health: '/__admin/health' },
  baseline: { args: ['bench/baseline.mjs'], health: '/health' },
  // For cold starts only: it takes its port as a flag (spawnServer adds it) and prints no URL to wait for.
  jsonServer: { args: [join(ROOT, 'node_modules', 'json-server', 'lib', 'cli', 'bin.js'), '--host', '127.0.0.1', '--quiet', JSON_SERVER_DB], health: '/tocoProducts' }
} as const
export type ServerKind = keyof typeof KINDS

export interface Server {
  kind: ServerKind | 'wiremock'
  url: string
  child: ChildProcess
  stop (): Promise<void>
}

export interface StartOptions {
  env?: Record<string, string>
  /** Extra node flags, e.g. --cpu-prof. */
  nodeArgs?: string[]
  /** Another built checkout of the mock (a reference commit), run by its own start script. */
  root?: string
  /** The mock as its bin runs it (`npx toco-waffo-mock`): plain `node` and the start script's entry, no flags. */
  bin?: boolean
}

/** Every child we started, so that an error or Ctrl-C never leaves a server behind. */
const children = new Set<ChildProcess>()

/** Counts a spawned server among those killAll stops, until it exits. */
export function track<T extends ChildProcess> (child: T): T {
  children.add(child)
  child.once('exit', () => children.delete(child))
  return child
}

export function killAll (): void {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
  children.clear()
}
process.once('exit', killAll)
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => { killAll(); process.exit(130) })
}

/** The mock's own variables, dropped from the inherited environment so it runs as shipped. */
const MOCK_VARIABLES = new Set(['HOST', 'PORT', 'DB_PATH', 'FIXTURES', 'LOG_LEVEL', 'TIMESTAMP_WINDOW_SECONDS',
  'TOCO_SIGNATURE_PATH', 'MOCK_DEBUG_SIGNATURES', 'TOCO_MAX_BATCH', 'ADMIN_TOKEN', 'JOURNAL_SIZE'])
const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !MOCK_VARIABLES.has(name)))

function spawnServer (kind: ServerKind, port: number, options: StartOptions): ChildProcess {
  const start = options.root && kind === 'mock' ? startArgs(options.root) : KINDS[kind].args
  const args = [...(options.bin && kind === 'mock' ? start.slice(-1) : start), ...(kind === 'jsonServer' ? ['--port', String(port)] : [])]
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), ...args], {
    cwd: options.root ?? ROOT,
    env: { ...inherited, HOST: '127.0.0.1', LOG_LEVEL: 'warn', PORT: String(port), ...options.env },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  track(child)
  return child
}

/** SIGTERM (both servers close gracefully, so --cpu-prof gets written), SIGKILL after 10 s. */
export function stopChild (child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
    child.once('exit', () => { clearTimeout(timer); resolve() })
    child.kill('SIGTERM')
  })
}

/** Starts a server on a free port and resolves once it prints the URL it listens on. */
export function startServer (kind: ServerKind, options: StartOptions = {}): Promise<Server> {
  const child = spawnServer(kind, 0, options)
  let stderr = ''
  child.stderr!.on('data', (chunk: Buffer) => { stderr += chunk.toString() })
  return new Promise((resolve, reject) => {
    let stdout = ''
    const onData = (chunk: Buffer) => {
      stdout += chunk.toString()
      const url = /listening on (http:\/\/\S+)/.exec(stdout)?.[1]
      if (!url) return
      child.stdout!.off('data', onData)
      child.stdout!.resume() // keep draining, so a chatty child never blocks on a full pipe
      child.off('close', onExit)
      resolve({ kind, url, child, stop: () => stopChild(child) })
    }
    const onExit = (code: number | null) => reject(new Error(`${kind} exited with ${code} before listening:\n${stderr}`))
    child.stdout!.on('data', onData)
    child.once('close', onExit) // 'close', not 'exit': stderr has been read by then
  })
}

/** The demo fixtures' arrays as json-server resources (`toco.products` → `/tocoProducts`): the data the mock starts with. */
export function writeJsonServerDb (): void {
  const fixtures = JSON.parse(readFileSync(join(ROOT, 'fixtures', 'default.json'), 'utf8')) as Record<string, unknown>
  const resources = Object.entries(fixtures).flatMap(([api, tables]) => tables !== null && typeof tables === 'object'
    ? Object.entries(tables).filter(([, rows]) => Array.isArray(rows)).map(([name, rows]) => [api + name[0]!.toUpperCase() + name.slice(1), rows])
    : [])
  mkdirSync(dirname(JSON_SERVER_DB), { recursive: true })
  writeFileSync(JSON_SERVER_DB, JSON.stringify(Object.fromEntries(resources)))
}

/** A port nobody listens on right now (for the cold-start runs, which poll a known address). */
export function freePort (): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().once('error', reject).listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

/**
 * Milliseconds from spawn to the first 200 from the health route, polled every 2 ms (so the
 * figure is at most ~2 ms late). The server is stopped afterwards.
 */
export async function coldStart (kind: ServerKind, options: StartOptions = {}): Promise<number> {
  const port = await freePort()
  const started = performance.now()
  const child = spawnServer(kind, port, options)
  child.stdout!.resume()
  child.stderr!.resume()
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${kind} exited with ${child.exitCode} during start-up`)
      const status = await call(`http://127.0.0.1:${port}${KINDS[kind].health}`).then((r) => r.status, () => 0)
      if (status === 200) return performance.now() - started
      await new Promise((resolve) => setTimeout(resolve, 2))
    }
  } finally {
    await stopChild(child)
  }
}

/**
 * Milliseconds from spawning a new Node process to the first 200 from the health route of a mock
 * it started with `startMock()` (the package's `./client` entry, as a test suite's beforeAll
 * does: import, start, listen). The process closes the mock and exits afterwards.
 */
export async function startMockColdStart (root = ROOT): Promise<number> {
  const script = [
    `const { startMock } = await import(${JSON.stringify(join(root, 'dist', 'client', 'index.js'))})`,
    'const mock = await startMock()',
    "const answer = await fetch(mock.url + '/__admin/health')",
    "process.stdout.write(answer.status === 200 ? 'healthy\\n' : 'health answered ' + answer.status + '\\n')",
    'await mock.close()'
  ].join('\n')
  const started = performance.now()
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { cwd: root, env: inherited, stdio: ['ignore', 'pipe', 'pipe'] })
  track(child)
  let stderr = ''
  child.stderr!.on('data', (chunk: Buffer) => { stderr += chunk.toString() })
  // Resolved once the process has exited: the next spawn does not share the CPU with its shutdown.
  return new Promise((resolve, reject) => {
    let stdout = ''
    let healthyAfter: number | undefined
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString()
      if (healthyAfter === undefined && stdout.includes('healthy\n')) healthyAfter = performance.now() - started
    })
    child.once('close', (code) => {
      if (healthyAfter === undefined) reject(new Error(`startMock exited with ${code} before its mock was healthy:\n${stdout}${stderr}`))
      else resolve(healthyAfter)
    })
  })
}

/** Resident set size and its peak, in MB, from /proc (Linux only). */
export function memory (pid: number): { rssMb: number, peakMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? NaN)
  return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 }
}

/** User + system CPU seconds a process has used so far, from /proc/<pid>/stat (clock ticks of 10 ms). */
export function cpuSeconds (pid: number): number {
  // Fields after the parenthesised command name: state is the first, utime the 12th, stime the 13th.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return (Number(fields[11]) + Number(fields[12])) / 100
}

export interface CallOptions {
  method?: string
  headers?: Record<string, string>
  body?: string
  agent?: Agent
}
export interface CallResult { status: number, contentType: string, body: string }

/** One HTTP request with node:http (no fetch: its lazy loading would skew the first timings). */
export function call (url: string, options: CallOptions = {}): Promise<CallResult> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: options.method ?? 'GET', headers: options.headers, agent: options.agent ?? false }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => { body += chunk })
      res.on('end', () => resolve({ status: res.statusCode ?? 0, contentType: String(res.headers['content-type'] ?? ''), body }))
      res.on('error', reject)
    })
    req.on('error', reject)
    req.end(options.body)
  })
}
