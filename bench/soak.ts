/**
 * `npm run soak` (opt-in, not part of `npm test`): SOAK_CONNECTIONS (50) connections for
 * SOAK_DURATION s (60) of mixed signed traffic, each connection cycling through a bulk delete of
 * 2 fresh ids, an unbind 404, a Waffo 409 and a health check. Meanwhile one client sends the
 * GraphQL amplification query of issue 15 (K=7, ~1.2 KB), one at a time, back to back (SOAK_AMPLIFY=0
 * turns it off for a baseline), and a probe times GET /__admin/health on its own connection.
 * Fails on any transport error or unexpected status, an amplification query not refused with
 * 400, health p99 above 50 ms or peak RSS above 200 MB; reports the mock's RSS, sampled every
 * second, first 10 s against last 10 s.
 */
import { Agent } from 'node:http'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { signWaffoRequest } from '../src/signing/index.js'
import { amplificationQuery } from '../test/support/graphql-amplification.js'
import { load, median, percentile } from './load.js'
import { bulkDelete, CAST, health, unbindNotFound, waffoBlocked, writeBenchFixture } from './scenarios.js'
import { call, killAll, memory, startServer } from './servers.js'

const CONNECTIONS = Number(process.env.SOAK_CONNECTIONS ?? 50)
const DURATION = Number(process.env.SOAK_DURATION ?? 60)
// Bulk deletes are a quarter of the traffic, 2 ids each: ~600 ids a second here (1,260 req/s on 2
// shared cores); 1,500 a second leaves room, and a smaller catalogue keeps the baseline RSS low.
const PRODUCTS = Number(process.env.SOAK_PRODUCTS ?? DURATION * 1_500)
const AMPLIFY = process.env.SOAK_AMPLIFY !== '0'
const HEALTH_P99_MS = 50
const RSS_LIMIT_MB = 200

/** One request at a time on its own keep-alive connection, until stop() says so. */
function loop (send: (agent: Agent) => Promise<void>) {
  const state = { running: true }
  const agent = new Agent({ keepAlive: true, maxSockets: 1 })
  const done = (async () => { while (state.running) await send(agent) })()
  return async () => { state.running = false; await done; agent.destroy() }
}

const tmp = mkdtempSync(join(tmpdir(), 'toco-waffo-soak-'))
// On exit, not in `finally`: a Ctrl-C leaves through process.exit(), which skips `finally`.
process.once('exit', () => rmSync(tmp, { recursive: true, force: true }))
let failed = true
try {
  const { file, pool } = writeBenchFixture(tmp, PRODUCTS)
  const mock = await startServer('mock', { env: { FIXTURES: file } })
  const pid = mock.child.pid!
  process.stderr.write(`soak: ${CONNECTIONS} connections × ${DURATION} s against ${mock.url} (${PRODUCTS} products)\n`)

  const rss: number[] = []
  const sampler = setInterval(() => rss.push(memory(pid).rssMb), 1000)
  const healthMs: number[] = []
  let healthBad = 0
  const stopProbe = loop(async (agent) => {
    const started = performance.now()
    const answer = await call(`${mock.url}/__admin/health`, { agent })
    healthMs.push(performance.now() - started)
    if (answer.status !== 200) healthBad++
    await new Promise((resolve) => setTimeout(resolve, 20))
  })
  const query = JSON.stringify({ query: amplificationQuery(7, 6) })
  const amplified: number[] = []
  let amplifiedBad = 0
  const stopAmplifier = loop(async (agent) => {
    if (!AMPLIFY) return await new Promise((resolve) => setTimeout(resolve, 100))
    const headers = { 'content-type': 'application/json', ...signWaffoRequest({ merchantId: CAST.owner.id, privateKeyPem: CAST.owner.privateKeyPem, path: '/v1/graphql', body: query, timestamp: Math.floor(Date.now() / 1000) }) }
    const started = performance.now()
    const answer = await call(`${mock.url}/v1/graphql`, { method: 'POST', headers, body: query, agent })
    amplified.push(performance.now() - started)
    if (answer.status !== 400 || !answer.body.includes('exceeds the maximum cost')) amplifiedBad++
  })
  const result = await load(mock.url, [bulkDelete(pool), unbindNotFound(), waffoBlocked(), health()],
    { connections: CONNECTIONS, duration: DURATION, pid })
  await stopProbe()
  await stopAmplifier()
  clearInterval(sampler)
  const peak = memory(pid).peakMb
  await mock.stop()

  const first = median(rss.slice(0, 10))
  const last = median(rss.slice(-10))
  process.stdout.write([
    `requests        ${result.requests} in ${result.seconds} s (${(result.requests / result.seconds).toFixed(0)} req/s)`,
    `errors          ${result.errors} transport errors/timeouts, ${result.unexpected} unexpected statuses`,
    `bulk deletes    ${pool.used / 2} sent, ${result.idle} answered without 2 real writes ` +
      `(${result.idle > 0 ? 'catalogue exhausted: raise SOAK_PRODUCTS' : `${pool.used} of ${PRODUCTS} catalogue ids used`})`,
    `RSS             first 10 s median ${first.toFixed(1)} MB, last 10 s median ${last.toFixed(1)} MB ` +
      `(${last >= first ? '+' : ''}${(last - first).toFixed(1)} MB, ${(100 * (last - first) / first).toFixed(1)} %), peak ${peak.toFixed(1)} MB`,
    `RSS per second  ${rss.map((value) => value.toFixed(0)).join(' ')}`,
    `health probe    ${healthMs.length} probes, p50 ${percentile(healthMs, 50).toFixed(1)} ms, p99 ${percentile(healthMs, 99).toFixed(1)} ms, max ${Math.max(...healthMs).toFixed(1)} ms (limit p99 ${HEALTH_P99_MS} ms), ${healthBad} not 200`,
    AMPLIFY
      ? `amplification   ${amplified.length} K=7 queries (${query.length} B body), one at a time: p50 ${percentile(amplified, 50).toFixed(1)} ms, p99 ${percentile(amplified, 99).toFixed(1)} ms, ${amplifiedBad} not refused with the cost 400`
      : 'amplification   off (SOAK_AMPLIFY=0)',
    `peak RSS        ${peak.toFixed(1)} MB (limit ${RSS_LIMIT_MB} MB)`,
    ''
  ].join('\n'))
  const problems = [
    ...(result.errors + result.unexpected > 0 ? ['errors or unexpected statuses'] : []),
    ...(healthBad + amplifiedBad > 0 ? ['a health probe or an amplification query answered otherwise'] : []),
    ...(percentile(healthMs, 99) > HEALTH_P99_MS ? [`health p99 above ${HEALTH_P99_MS} ms`] : []),
    ...(peak > RSS_LIMIT_MB ? [`peak RSS above ${RSS_LIMIT_MB} MB`] : [])
  ]
  failed = problems.length > 0
  process.stdout.write(failed ? `soak FAILED: ${problems.join('; ')}\n` : 'soak passed: zero errors, every status as expected, health p99 and RSS within limits\n')
} finally {
  killAll()
}
process.exitCode = failed ? 1 : 0
