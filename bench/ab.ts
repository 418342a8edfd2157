/**
 * `npm run bench:ab -- DIR…`: HEAD against reference builds of the mock (other checkouts, each
 * built with `npm run build`, e.g. the first release 8590aa4) and bare Fastify, in one run,
 * alternating, so every ratio is HEAD/bare and HEAD/reference on the same machine at the same
 * time. Scenarios the references all answer: the seed's bulk delete, Toco's unbind 404 and
 * Waffo's delete-store 409. Prints a Markdown table; knobs as `npm run bench`.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join, resolve } from 'node:path'
import { load, merge, type LoadResult } from './load.js'
import { seedBulkDelete, unbindNotFound, waffoBlocked, writeBenchFixture } from './scenarios.js'
import { call, coldStart, killAll, startServer, type Server, type StartOptions } from './servers.js'

const DURATION = Number(process.env.BENCH_DURATION ?? 5)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2)
const CONNECTIONS = 10
const SPAWNS = 5
const references = process.argv.slice(2).map((dir) => resolve(dir))
if (references.length === 0) {
  process.stderr.write('usage: npm run bench:ab -- <built checkout of a reference commit>…\n')
  process.exit(2)
}

const tmp = mkdtempSync(join(tmpdir(), 'toco-waffo-ab-'))
process.once('exit', () => rmSync(tmp, { recursive: true, force: true }))
const log = (message: string) => process.stderr.write(`${message}\n`)

interface Contender { name: string, options: StartOptions, server?: Server, results: Map<string, LoadResult[]>, starts: number[] }

try {
  // Issue 21's catalogue; the ids are replayed for each run (the catalogue is reset before it).
  const { file, pool } = writeBenchFixture(tmp, Math.max(250_000, DURATION * 50_000))
  const contenders: Contender[] = [
    { name: 'HEAD', options: { env: { FIXTURES: file } }, results: new Map(), starts: [] },
    ...references.map((root) => ({ name: basename(root), options: { root, env: { FIXTURES: file } }, results: new Map(), starts: [] }))
  ]
  for (const contender of contenders) contender.server = await startServer('mock', contender.options)
  const head = contenders[0]!.server!
  const scenarios = [seedBulkDelete(pool), unbindNotFound(), waffoBlocked()]
  const responses = []
  for (const scenario of scenarios) {
    const request = scenario.next()
    const answer = await call(head.url + request.path, request)
    responses.push({ method: request.method, url: request.path.split('?')[0]!, status: answer.status, contentType: answer.contentType, body: answer.body })
  }
  writeFileSync(join(tmp, 'responses.json'), JSON.stringify(responses))
  const bare: Contender = { name: 'bare Fastify', options: { env: { BASELINE_RESPONSES: join(tmp, 'responses.json') } }, results: new Map(), starts: [] }
  bare.server = await startServer('baseline', bare.options)
  const all = [bare, ...contenders]

  for (let round = 0; round <= ROUNDS; round++) {
    for (const scenario of scenarios) {
      for (const contender of all) {
        const server = contender.server!
        // Each mock deletes from a fresh catalogue: reset it, and replay the same id stream.
        if (server.kind === 'mock') await call(`${server.url}/__admin/reset`, { method: 'POST' })
        pool.rewind()
        const result = await load(server.url, [scenario], { connections: CONNECTIONS, duration: round === 0 ? 1 : DURATION, pid: server.child.pid })
        if (round === 0) continue // warm-up
        if (result.unexpected > 0) log(`${contender.name} ${scenario.name}: ${result.unexpected} unexpected statuses`)
        contender.results.set(scenario.name, [...(contender.results.get(scenario.name) ?? []), result])
      }
    }
    if (round > 0) log(`round ${round} done`)
  }
  await Promise.all(all.map((contender) => contender.server!.stop()))
  // Cold start as `npm start` runs it: the demo fixtures, not the bench catalogue (seeding that is another figure).
  for (let i = 0; i < SPAWNS; i++) {
    for (const contender of all) {
      const options = contender === bare ? contender.options : { ...contender.options, env: {} }
      contender.starts.push(await coldStart(contender === bare ? 'baseline' : 'mock', options))
    }
  }

  const fmt = (value: number, digits = 0) => value.toFixed(digits)
  const perRequest = (r: LoadResult) => r.cpuSeconds / r.requests * 1e6
  const lines = [
    `Same run, ${ROUNDS} × ${DURATION} s per contender and scenario, ${CONNECTIONS} connections, alternating; ${new Date().toISOString()}`,
    '',
    `| scenario | ${all.map((c) => `${c.name} req/s · CPU µs/req`).join(' | ')} | HEAD/bare CPU | ${contenders.slice(1).map((c) => `HEAD/${c.name} CPU`).join(' | ')} |`,
    `|---|${all.map(() => '---|').join('')}---|${contenders.slice(1).map(() => '---|').join('')}`
  ]
  for (const scenario of scenarios) {
    const merged = new Map(all.map((c) => [c, merge(c.results.get(scenario.name) ?? [])]))
    const cpu = (c: Contender) => perRequest(merged.get(c)!)
    const head = contenders[0]!
    lines.push(`| ${scenario.name} | ${all.map((c) => `${fmt(merged.get(c)!.requests / merged.get(c)!.seconds)} · ${fmt(cpu(c))}`).join(' | ')} | ` +
      `${fmt(cpu(head) / cpu(bare), 2)}× | ${contenders.slice(1).map((c) => `${fmt(cpu(head) / cpu(c), 2)}×`).join(' | ')} |`)
  }
  const medianStart = (c: Contender) => [...c.starts].sort((a, b) => a - b)[Math.floor(c.starts.length / 2)]!
  lines.push('', `Cold start to healthy with the demo fixtures (median of ${SPAWNS}): ${all.map((c) => `${c.name} ${fmt(medianStart(c))} ms`).join(', ')}`)
  process.stdout.write(`${lines.join('\n')}\n`)
} finally {
  killAll()
}
