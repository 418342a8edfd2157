/**
 * Webhooks off the request path: Waffo cancel-order throughput on a mock with 10 webhooks
 * registered to a slow receiver (every answer held 1 s) against the same mock with none, same
 * run, alternating rounds. Every request cancels a fresh active subscription, so on the first
 * mock each one writes 10 outbox rows and queues 10 slow deliveries.
 *
 *   npm run build && npx tsx bench/webhooks.ts [--rounds 3] [--amount 2000]
 */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import type { FixtureDocument } from '../src/apis/index.js'
import { signWaffoRequest } from '../src/signing/index.js'
import { load, merge, percentile, type LoadResult } from './load.js'
import type { Scenario, SignedRequest } from './scenarios.js'
import { CAST } from './scenarios.js'
import { call, ROOT, startServer } from './servers.js'

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '3' }, amount: { type: 'string', default: '2000' }, connections: { type: 'string', default: '10' } } })
const ROUNDS = Number(values.rounds)
const AMOUNT = Number(values.amount)
const CONNECTIONS = Number(values.connections)
const WEBHOOKS = 10
const SLOW_MS = 1000
const CANCEL = '/v1/actions/subscription-order/cancel-order'

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'
const orderId = (i: number) => {
  let tail = ''
  for (let n = i; tail.length < 14; n = Math.floor(n / 62)) tail = BASE62[n % 62] + tail
  return `ORD_BenchSub${tail}`
}

/** Signs every request before the load: RSA signing in the load generator would make it, not the server, the limit. */
function presigned (ids: string[]): Scenario {
  const requests: SignedRequest[] = ids.map((id) => {
    const body = JSON.stringify({ orderId: id })
    return { method: 'POST', path: CANCEL, body, headers: signWaffoRequest({ merchantId: CAST.owner.id, privateKeyPem: CAST.owner.privateKeyPem, path: CANCEL, body }) }
  })
  let next = 0
  return { name: 'Waffo cancel-order (writes + events)', expectStatus: 200, next: () => requests[next++ % requests.length]! }
}

async function main () {
  const dir = mkdtempSync(join(tmpdir(), 'bench-webhooks-'))
  const total = AMOUNT * ROUNDS
  const demo = JSON.parse(readFileSync(join(ROOT, 'fixtures/default.json'), 'utf8')) as Required<FixtureDocument>
  const orders = Array.from({ length: total }, (_, i) => ({
    id: orderId(i),
    storeId: CAST.blockedStore,
    type: 'subscription' as const,
    status: 'active' as const,
    productId: 'PROD_EverySubProdActive0000',
    buyerEmail: 'bench@example.com',
    currency: 'USD',
    amount: '9.99',
    currentPeriodEnd: '2099-01-01T00:00:00.000Z'
  }))
  const file = join(dir, 'fixture.json')
  writeFileSync(file, JSON.stringify({ ...demo, waffo: { ...demo.waffo, orders: [...demo.waffo.orders ?? [], ...orders] } }))

  let received = 0
  const slow = createServer((request, response) => {
    request.resume()
    request.on('end', () => { received++; setTimeout(() => response.end('ok'), SLOW_MS) })
  })
  await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve))
  const hookUrl = `http://127.0.0.1:${(slow.address() as AddressInfo).port}/hook`

  const env = { FIXTURES: file, JOURNAL_SIZE: '0' }
  const [hooked, plain] = await Promise.all([startServer('mock', { env }), startServer('mock', { env })])
  for (let i = 0; i < WEBHOOKS; i++) {
    const body = JSON.stringify({ storeId: CAST.blockedStore, channel: 'http', url: `${hookUrl}?n=${i}`, events: ['subscription.canceling'], testMode: true })
    const path = '/v1/actions/store/add-webhook'
    const { status } = await call(hooked.url + path, { method: 'POST', body, headers: signWaffoRequest({ merchantId: CAST.owner.id, privateKeyPem: CAST.owner.privateKeyPem, path, body }) })
    if (status !== 200) throw new Error(`add-webhook answered ${status}`)
  }

  const probe = presigned([orderId(total)]).next()
  const answer = await call(plain.url + probe.path, { method: 'POST', headers: probe.headers, body: probe.body! })
  if (answer.status !== 404) throw new Error(`a cancel-order probe answered ${answer.status} ${answer.body}`)
  console.log(`signing ${total * 2} cancel-order requests…`)
  const ids = orders.map((order) => order.id)
  const runs = { hooked: [] as LoadResult[], plain: [] as LoadResult[] }
  for (let round = 0; round < ROUNDS; round++) {
    const slice = ids.slice(round * AMOUNT, (round + 1) * AMOUNT)
    const [a, b] = [presigned(slice), presigned(slice)]
    console.log(`round ${round + 1}/${ROUNDS}: ${AMOUNT} cancels each, ${CONNECTIONS} connections`)
    const order = round % 2 === 0 ? ['plain', 'hooked'] as const : ['hooked', 'plain'] as const
    for (const which of order) {
      const server = which === 'hooked' ? hooked : plain
      runs[which].push(await load(server.url, [which === 'hooked' ? a : b], { connections: CONNECTIONS, amount: AMOUNT, pid: server.child.pid }))
    }
  }
  const outbox = await call(`${hooked.url}/__admin/webhooks/deliveries?limit=1&status=pending`, { method: 'GET' })
  const report = (name: string, result: LoadResult) => {
    const rps = result.requests / result.seconds
    console.log(`${name.padEnd(34)} ${rps.toFixed(0).padStart(6)} req/s  p50 ${percentile(result.latencies, 50).toFixed(2)} ms  p99 ${percentile(result.latencies, 99).toFixed(2)} ms  CPU/req ${(result.cpuSeconds / result.requests * 1e6).toFixed(0)} µs  unexpected ${result.unexpected}  errors ${result.errors}`)
    return rps
  }
  const none = report('no webhooks', merge(runs.plain))
  const ten = report(`${WEBHOOKS} webhooks, receiver ${SLOW_MS} ms`, merge(runs.hooked))
  console.log(`throughput with webhooks: ${(ten / none * 100).toFixed(1)} % of none; deliveries answered meanwhile: ${received}; still pending: ${JSON.parse(outbox.body).deliveries.length > 0 ? 'yes' : 'no'}`)
  await Promise.all([hooked.stop(), plain.stop()])
  slow.closeAllConnections()
  slow.close()
  rmSync(dir, { recursive: true, force: true })
}

await main()
