/**
 * Races over real HTTP: parallel unbinds of one store and overlapping bulk deletes must each
 * take effect exactly once, within one server and across two processes sharing a file (where
 * BEGIN IMMEDIATE + busy_timeout are what serialise the writers).
 */
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { App } from '../../src/app.js'
import type { Db } from '../../src/db/open.js'
import { createApp, DEMO } from '../helpers.js'
import {
  createDatabase, deletedAt, deleteProducts, startServer, tempDir, tocoFetch, UNBIND, withDb, writeCatalogueFixture,
  type ChildServer, type TocoResponse
} from './support.js'

const PARALLEL = 20
const PRODUCTS = 40
const BATCH = 10

/** Request r deletes PRODUCTS ids r*2 … r*2+9 (wrapping): every id is asked for 5 times. */
const overlappingBatches = (ids: string[]) => Array.from({ length: PARALLEL }, (_, r) =>
  Array.from({ length: BATCH }, (_, j) => ids[(r * 2 + j) % ids.length]!))

/** Fires every request before awaiting any, round-robin over the servers. */
const race = <T>(urls: string[], requests: Array<(url: string) => Promise<T>>) =>
  Promise.all(requests.map((request, i) => request(urls[i % urls.length]!)))

function expectSingleUnbind (responses: TocoResponse[], db: Db) {
  const { storeClientId } = DEMO.unbindStore
  const won = responses.filter((response) => response.status === 200)
  const lost = responses.filter((response) => response.status !== 200)
  expect(won).toHaveLength(1)
  expect(won[0]!.body).toMatchObject({ success: true, message: 'Store unbound successfully', data: { storeClientId, status: 'unbound' } })
  for (const response of lost) {
    expect(response.status).toBe(409)
    expect(response.body).toMatchObject({
      success: false,
      error: { code: 'STORE_021', message: 'Store inactive or deleted', details: { context: { storeClientId } } }
    })
  }
  // The winner's effects, once: no authorization left, the token revoked.
  expect(db.prepare('SELECT * FROM toco_store_authorizations WHERE store_client_id = ?').all(storeClientId)).toEqual([])
  expect(db.prepare('SELECT token, revoked_at IS NOT NULL AS revoked FROM toco_store_tokens WHERE store_client_id = ?').all(storeClientId))
    .toEqual([{ token: DEMO.unbindStore.storeToken, revoked: 1 }])
}

function expectEachDeletedOnce (batches: string[][], responses: TocoResponse[], ids: string[], db: Db) {
  const rows = deletedAt(db)
  const wins = new Map<string, number>()
  responses.forEach(({ status, body }, r) => {
    const batch = batches[r]!
    expect(status).toBe(200)
    const { summary, successItems, errors } = body.data
    expect(summary).toEqual({ total: BATCH, succeeded: successItems.length, failed: errors.length })
    // Every row is answered once: either a success or PRD_014 naming that row.
    expect(summary.succeeded + summary.failed).toBe(BATCH)
    for (const error of errors) {
      expect(error).toEqual({ code: 'PRD_014', message: 'Product ID not found', rowIndex: error.rowIndex, id: batch[error.rowIndex] })
    }
    for (const item of successItems) {
      expect(batch).toContain(item.id)
      expect(item.externalId).toBe(`ext-${ids.indexOf(item.id)}`)
      wins.set(item.id, (wins.get(item.id) ?? 0) + 1)
    }
    // One request's successes were written by one transaction, at one timestamp.
    expect(new Set(successItems.map((item: { id: string }) => rows.get(item.id))).size).toBeLessThanOrEqual(1)
  })
  expect(Object.fromEntries(wins)).toEqual(Object.fromEntries(ids.map((id) => [id, 1])))
  for (const id of ids) expect(rows.get(id), id).toEqual(expect.any(String))
}

const tmp = tempDir()
const { file: fixtures, ids } = writeCatalogueFixture(tmp.dir, PRODUCTS)
afterAll(() => tmp.remove())

describe('one server process', () => {
  let app: App
  let url: string
  beforeAll(async () => {
    app = await createApp({ fixtures: [fixtures] })
    url = await app.listen({ port: 0, host: '127.0.0.1' })
  })
  afterAll(async () => { await app.close() })

  it(`${PARALLEL} parallel unbinds of one store: one 200, the rest STORE_021`, async () => {
    const responses = await race([url], Array.from({ length: PARALLEL }, () => (base: string) => tocoFetch(base, { path: UNBIND })))
    expectSingleUnbind(responses, app.mock.db)
  })

  it('parallel overlapping deletes: each id succeeds exactly once', async () => {
    const batches = overlappingBatches(ids)
    const responses = await race([url], batches.map((batch) => (base: string) => deleteProducts(base, batch)))
    expectEachDeletedOnce(batches, responses, ids, app.mock.db)
  })
})

describe('two server processes sharing one file database (WAL)', () => {
  const dbPath = join(tmp.dir, 'shared.sqlite')
  const servers: ChildServer[] = []
  let urls: string[]
  beforeAll(async () => {
    // The file exists before either starts: two first starts on a new file race (startup-race.test.ts).
    createDatabase(dbPath, fixtures)
    const started = await Promise.allSettled([0, 1].map(() => startServer({ dbPath, fixtures })))
    for (const result of started) if (result.status === 'fulfilled') servers.push(result.value)
    for (const result of started) if (result.status === 'rejected') throw result.reason
    urls = servers.map((server) => server.url)
  })
  afterAll(async () => { await Promise.all(servers.map((server) => server.stop())) })

  it(`${PARALLEL} parallel unbinds split across both: one 200 overall`, async () => {
    const responses = await race(urls, Array.from({ length: PARALLEL }, () => (base: string) => tocoFetch(base, { path: UNBIND })))
    withDb(dbPath, (db) => expectSingleUnbind(responses, db))
  })

  it('parallel overlapping deletes across both: each id succeeds exactly once', async () => {
    const batches = overlappingBatches(ids)
    const responses = await race(urls, batches.map((batch) => (base: string) => deleteProducts(base, batch)))
    withDb(dbPath, (db) => expectEachDeletedOnce(batches, responses, ids, db))
  })
})
