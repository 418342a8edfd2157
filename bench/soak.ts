/**
 * `npm run soak` (opt-in, not part of `npm test`): SOAK_CONNECTIONS (50) connections for
 * SOAK_DURATION s (60) of mixed signed traffic, each connection cycling through a bulk delete of
 * 2 fresh ids, an unbind 404, a Waffo 409 and a health check. Fails on any transport error or
 * unexpected status; reports the mock's RSS, sampled every second, first 10 s against last 10 s.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { load, median } from './load.js'
import { bulkDelete, health, unbindNotFound, waffoBlocked, writeBenchFixture } from './scenarios.js'
import { killAll, memory, startServer } from './servers.js'

const CONNECTIONS = Number(process.env.SOAK_CONNECTIONS ?? 50)
const DURATION = Number(process.env.SOAK_DURATION ?? 60)
// Bulk deletes are a quarter of the traffic: up to ~3k of them a second, 2 ids each.
const PRODUCTS = Number(process.env.SOAK_PRODUCTS ?? DURATION * 6_000)

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
  const result = await load(mock.url, [bulkDelete(pool), unbindNotFound(), waffoBlocked(), health()],
    { connections: CONNECTIONS, duration: DURATION, pid })
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
    ''
  ].join('\n'))
  failed = result.errors + result.unexpected > 0
  process.stdout.write(failed ? 'soak FAILED: errors or unexpected statuses\n' : 'soak passed: zero errors, every status as expected\n')
} finally {
  killAll()
}
process.exitCode = failed ? 1 : 0
