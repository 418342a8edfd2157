/**
 * The control plane's costs: bulk delete with the journal on (JOURNAL_SIZE=1000) against the same
 * mock with it off (JOURNAL_SIZE=0), same run, alternating; reset (whole and per tenant) and state
 * export timings with the demo fixtures; RSS after mixed load with a full journal.
 */
import { Agent } from 'node:http'
import { performance } from 'node:perf_hooks'
import { load, median, merge, percentile, type LoadResult } from './load.js'
import { bulkDelete, CAST, health, IdPool, unbindNotFound, waffoBlocked } from './scenarios.js'
import { call, memory, startServer, type Server } from './servers.js'

export interface ControlFigures {
  journal: { on: LoadResult, off: LoadResult }
  timings: Array<{ name: string, median: number, p99: number }>
  rssFullJournal: { rssMb: number, peakMb: number }
  journalEntries: number
}

const SAMPLES = 200

async function timed (url: string, method: string, body: string | undefined, agent: Agent): Promise<{ median: number, p99: number }> {
  const times: number[] = []
  for (let i = 0; i < SAMPLES + 20; i++) {
    const started = performance.now()
    const headers: Record<string, string> = body === undefined ? {} : { 'content-type': 'application/json' }
    const { status } = await call(url, { method, agent, headers, ...(body === undefined ? {} : { body }) })
    if (status !== 200) throw new Error(`${method} ${url} answered ${status}`)
    if (i >= 20) times.push(performance.now() - started) // the first 20 warm the JIT up
  }
  return { median: median(times), p99: percentile(times, 99) }
}

export async function benchControlPlane (options: {
  file: string, pool: IdPool, duration: number, rounds: number, log: (message: string) => void
}): Promise<ControlFigures> {
  const { file, pool, duration, rounds, log } = options
  const on = await startServer('mock', { env: { FIXTURES: file, JOURNAL_SIZE: '1000' } })
  const off = await startServer('mock', { env: { FIXTURES: file, JOURNAL_SIZE: '0' } })
  const runs = { on: [] as LoadResult[], off: [] as LoadResult[] }
  const run = async (server: Server) => {
    const { status } = await call(`${server.url}/__admin/reset`, { method: 'POST' })
    if (status !== 200) throw new Error(`reset answered ${status}`)
    pool.rewind()
    return load(server.url, [bulkDelete(pool)], { connections: 10, duration, pid: server.child.pid })
  }
  await run(on)
  await run(off)
  for (let round = 1; round <= rounds; round++) {
    log(`journal on vs off, round ${round}: bulk delete, 10 connections`)
    runs.off.push(await run(off))
    runs.on.push(await run(on))
  }
  await Promise.all([on.stop(), off.stop()])

  log(`demo fixtures: reset, tenant resets and state export × ${SAMPLES}; RSS with a full journal`)
  const demo = await startServer('mock')
  const unknownIds = new IdPool(Array.from({ length: 64 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`))
  await load(demo.url, [bulkDelete(unknownIds), unbindNotFound(), waffoBlocked(), health()], { connections: 50, duration })
  const entries = await call(`${demo.url}/__admin/requests?limit=1`, { method: 'GET' })
  const journalEntries = (JSON.parse(entries.body) as { total: number }).total
  const rssFullJournal = memory(demo.child.pid!)
  const agent = new Agent({ keepAlive: true, maxSockets: 1 })
  const admin = `${demo.url}/__admin`
  const timings = [
    { name: '`POST /__admin/reset` (everything)', ...await timed(`${admin}/reset`, 'POST', undefined, agent) },
    { name: `\`POST /__admin/reset\` tenant ${CAST.partner.clientId} (Toco partner)`, ...await timed(`${admin}/reset`, 'POST', JSON.stringify({ tenant: CAST.partner.clientId }), agent) },
    { name: `\`POST /__admin/reset\` tenant ${CAST.owner.id} (Waffo merchant)`, ...await timed(`${admin}/reset`, 'POST', JSON.stringify({ tenant: CAST.owner.id }), agent) },
    { name: '`GET /__admin/state` (export)', ...await timed(`${admin}/state`, 'GET', undefined, agent) }
  ]
  agent.destroy()
  await demo.stop()
  return { journal: { on: merge(runs.on), off: merge(runs.off) }, timings, rssFullJournal, journalEntries }
}
