/**
 * Crash safety: SIGKILL the server in the middle of a stream of bulk deletes, restart it on
 * the same file, and check that SQLite kept every batch whole. The kill moment comes from a
 * logged seed (CRASH_SEED replays it; thread scheduling still varies between runs).
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, expect, it } from 'vitest'
import { demoFixture } from '../helpers.js'
import {
  deletedAt, deleteProducts, seededRandom, startServer, tempDir, withDb, writeCatalogueFixture,
  type ChildServer, type TocoResponse
} from './support.js'

const PRODUCTS = 2000
const BATCH = 5
const IN_FLIGHT = 8
const MIN_KILLS = 2
const MAX_KILLS = 4

interface Batch { ids: string[], response?: TocoResponse }

const tmp = tempDir()
const servers: ChildServer[] = []
afterAll(async () => {
  await Promise.all(servers.map((server) => server.stop()))
  tmp.remove()
})

it('SIGKILLs mid-stream leave every deletion batch all-or-nothing and the file intact', async () => {
  const seed = Number(process.env.CRASH_SEED ?? Math.floor(Math.random() * 2 ** 31))
  console.info(`crash test seed ${seed} (replay with CRASH_SEED=${seed})`)
  const random = seededRandom(seed)
  const dbPath = join(tmp.dir, 'mock.sqlite')
  const { file: fixtures, ids } = writeCatalogueFixture(tmp.dir, PRODUCTS)

  // Crash/restart rounds on the same file until some kill caught batches in flight: the
  // server usually outpaces this client, so a kill can land while every batch is answered.
  const batches: Batch[] = []
  let kills = 0
  while (kills < MIN_KILLS || (kills < MAX_KILLS && batches.every((batch) => batch.response))) {
    const server = await startServer({ dbPath, fixtures })
    servers.push(server)
    await crashWhileDeleting(server, ids, batches, random)
    kills++
    expect(server.child.signalCode).toBe('SIGKILL')
    // Unclean exit: the WAL is still there, so the next start really runs recovery.
    expect(existsSync(`${dbPath}-wal`)).toBe(true)
  }

  const answered = batches.filter((batch) => batch.response)
  const unanswered = batches.filter((batch) => !batch.response)
  expect(answered.length).toBeGreaterThan(0)
  expect(unanswered.length).toBeGreaterThan(0)

  const last = await startServer({ dbPath, fixtures })
  servers.push(last)

  const rows = withDb(dbPath, (db) => {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
    return deletedAt(db)
  })

  for (const batch of answered) {
    const { status, body } = batch.response!
    expect(status).toBe(200)
    expect(body.data.summary).toEqual({ total: BATCH, succeeded: BATCH, failed: 0 })
    expect(body.data.successItems.map((item: { id: string }) => item.id)).toEqual(batch.ids)
    // Acknowledged means committed: every id is deleted, all at the batch's one timestamp.
    const stamps = new Set(batch.ids.map((id) => rows.get(id)))
    expect(stamps.size, `batch ${batch.ids[0]}`).toBe(1)
    expect([...stamps][0]).toEqual(expect.any(String))
  }
  let committedInFlight = 0
  for (const batch of unanswered) {
    // The batch the kill interrupted: committed whole (at one timestamp) or not at all.
    const stamps = batch.ids.map((id) => rows.get(id))
    expect(new Set(stamps).size, `batch ${batch.ids[0]}: ${JSON.stringify(stamps)}`).toBe(1)
    if (stamps[0] !== null) committedInFlight++
  }
  console.info(`crash test: ${kills} kills, ${answered.length} batches answered, ${unanswered.length} in flight (${committedInFlight} of those committed)`)

  // Nothing outside the sent batches changed.
  const sent = new Set(batches.flatMap((batch) => batch.ids))
  for (const id of ids.filter((id) => !sent.has(id))) expect(rows.get(id), id).toBeNull()
  for (const product of demoFixture.toco.products ?? []) expect(rows.get(product.id), product.id).toBe(product.deletedAt ?? null)

  // The restarted server serves the recovered state and still writes.
  const acknowledgedId = answered[0]!.ids[0]!
  const neverSent = ids.find((id) => !sent.has(id))!
  const after = await deleteProducts(last.url, [acknowledgedId, neverSent])
  expect(after.status).toBe(200)
  expect(after.body.data.summary).toEqual({ total: 2, succeeded: 1, failed: 1 })
  expect(after.body.data.errors).toEqual([{ code: 'PRD_014', message: 'Product ID not found', rowIndex: 0, id: acknowledgedId }])
  expect(after.body.data.successItems).toEqual([{ id: neverSent, externalId: `ext-${ids.indexOf(neverSent)}` }])
  expect(withDb(dbPath, (db) => deletedAt(db).get(neverSent))).toEqual(expect.any(String))
  // Several server starts under tsx: 8–18 s alone, past 20 s when the suite's other workers load both cores.
}, 60_000)

/**
 * IN_FLIGHT workers each send their next batch as soon as the previous one is answered; the
 * kill comes a random 0–3 ms after a random batch is dispatched, so it lands anywhere from
 * "not yet received" through "mid-transaction" to "committed but not yet answered".
 */
async function crashWhileDeleting (server: ChildServer, ids: string[], batches: Batch[], random: () => number) {
  const killAt = batches.length + 5 + Math.floor(random() * 60)
  const delay = Math.floor(random() * 4)
  let killed = false
  const exited = new Promise((resolve) => server.child.once('exit', resolve))
  const send = async () => {
    while (!killed && batches.length * BATCH < ids.length) {
      const batch: Batch = { ids: ids.slice(batches.length * BATCH, (batches.length + 1) * BATCH) }
      batches.push(batch)
      if (batches.length === killAt) {
        setTimeout(() => {
          killed = true
          server.child.kill('SIGKILL')
        }, delay)
      }
      try {
        batch.response = await deleteProducts(server.url, batch.ids)
      } catch {
        return // the connection died with the server: this batch stays unanswered
      }
    }
  }
  await Promise.all(Array.from({ length: IN_FLIGHT }, send))
  if (!killed) server.child.kill('SIGKILL') // ran out of products first (never with these sizes)
  await exited
}
