/**
 * Webhooks off the request path: Waffo cancel-order throughput on a mock with 10 webhooks
 * registered to a slow receiver (every answer held 1 s) against the same mock with none, same
 * run, alternating rounds. Every request cancels a fresh active subscription, so on the first
 * mock each one writes an outbox event for 10 slow deliveries. With `--reference DIR` (another
 * built checkout, e.g. the commit before a change) its pair of mocks runs in the same rounds, so
 * before and after are measured on the same machine at the same time.
 *
 * `--cpu-prof DIR` writes each mock's V8 profile there (file names carry the pid the run prints).
 *
 *   npm run build && npx tsx bench/webhooks.ts [--rounds 3] [--amount 2000] [--reference DIR] [--cpu-prof DIR]
 */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import type { FixtureDocument } from '../src/apis/index.js'
import { signWaffoRequest } from '../src/signing/index.js'
import { load, merge, percentile, type LoadResult } from './load.js'
import type { Scenario, SignedRequest } from './scenarios.js'
import { CAST } from './scenarios.js'
import { call, ROOT, startServer, type Server } from './servers.js'

const { values } = parseArgs({
  options: { rounds: { type: 'string', default: '3' }, amount: { type: 'string', default: '2000' }, connections: { type: 'string', default: '10' }, reference: { type: 'string' }, 'cpu-prof': { type: 'string' } }
})
const ROUNDS = Number(values.rounds)
const AMOUNT = Number(values.amount)
const CONNECTIONS = Number(values.connections)
const WEBHOOKS = 10
const SLOW_MS = 1000
/** Idle time between loads, so one mock's background work (a backlog expanding after its round) does not fall into the next one's window. */
const SETTLE_MS = 3000
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

/** Registers the webhooks, each at its own URL, all subscribed to the event every request causes. */
async function addWebhooks (server: Server, hookUrl: string) {
  for (let i = 0; i < WEBHOOKS; i++) {
    const body = JSON.stringify({ storeId: CAST.blockedStore, channel: 'http', url: `${hookUrl}?n=${i}`, events: ['subscription.canceling'], testMode: true })
    const path = '/v1/actions/store/add-webhook'
    const { status } = await call(server.url + path, { method: 'POST', body, headers: signWaffoRequest({ merchantId: CAST.owner.id, privateKeyPem: CAST.owner.privateKeyPem, path, body }) })
    if (status !== 200) throw new Error(`add-webhook answered ${status}`)
  }
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
  const builds = [{ name: 'HEAD', root: undefined as string | undefined }, ...(values.reference ? [{ name: basename(resolve(values.reference)), root: resolve(values.reference) }] : [])]
  const pairs = await Promise.all(builds.map(async ({ name, root }) => {
    const nodeArgs = values['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${resolve(values['cpu-prof'])}`] : []
    const [hooked, plain] = await Promise.all([startServer('mock', { env, root, nodeArgs }), startServer('mock', { env, root, nodeArgs })])
    await addWebhooks(hooked, hookUrl)
    console.log(`${name}: pid ${hooked.child.pid} has the webhooks, pid ${plain.child.pid} none`)
    return { name, hooked, plain, runs: { hooked: [] as LoadResult[], plain: [] as LoadResult[] } }
  }))

  const probe = presigned([orderId(total)]).next()
  const answer = await call(pairs[0]!.plain.url + probe.path, { method: 'POST', headers: probe.headers, body: probe.body! })
  if (answer.status !== 404) throw new Error(`a cancel-order probe answered ${answer.status} ${answer.body}`)
  const contenders = pairs.flatMap((pair) => (['plain', 'hooked'] as const).map((which) => ({ pair, which })))
  console.log(`signing ${total * contenders.length} cancel-order requests…`)
  const ids = orders.map((order) => order.id)
  for (let round = 0; round < ROUNDS; round++) {
    const slice = ids.slice(round * AMOUNT, (round + 1) * AMOUNT)
    console.log(`round ${round + 1}/${ROUNDS}: ${AMOUNT} cancels each, ${CONNECTIONS} connections`)
    // A different contender goes first each round: none always runs behind another's background work.
    const order = contenders.map((_, i) => contenders[(i + round) % contenders.length]!)
    for (const { pair, which } of order) {
      const server = pair[which]
      const scenario = presigned(slice)
      await new Promise((resolve) => setTimeout(resolve, SETTLE_MS))
      pair.runs[which].push(await load(server.url, [scenario], { connections: CONNECTIONS, amount: AMOUNT, pid: server.child.pid }))
    }
  }
  const report = (name: string, result: LoadResult) => {
    const rps = result.requests / result.seconds
    console.log(`${name.padEnd(44)} ${rps.toFixed(0).padStart(6)} req/s  p50 ${percentile(result.latencies, 50).toFixed(2)} ms  p99 ${percentile(result.latencies, 99).toFixed(2)} ms  CPU/req ${(result.cpuSeconds / result.requests * 1e6).toFixed(0)} µs  unexpected ${result.unexpected}  errors ${result.errors}`)
    return rps
  }
  for (const pair of pairs) {
    const none = report(`${pair.name}: no webhooks`, merge(pair.runs.plain))
    const ten = report(`${pair.name}: ${WEBHOOKS} webhooks, receiver ${SLOW_MS} ms`, merge(pair.runs.hooked))
    console.log(`${pair.name}: throughput with webhooks ${(ten / none * 100).toFixed(1)} % of none`)
  }
  const outbox = await call(`${pairs[0]!.hooked.url}/__admin/webhooks/deliveries?limit=1&status=pending`, { method: 'GET' })
  console.log(`deliveries answered meanwhile (all mocks): ${received}; HEAD still pending: ${JSON.parse(outbox.body).deliveries.length > 0 ? 'yes' : 'no'}`)
  await Promise.all(pairs.flatMap((pair) => [pair.hooked.stop(), pair.plain.stop()]))
  slow.closeAllConnections()
  slow.close()
  rmSync(dir, { recursive: true, force: true })
}

await main()
