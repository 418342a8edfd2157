/** Shared by the durability tests: temp dirs, generated fixtures, child servers, signed fetch. */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import Database from 'better-sqlite3'
import { openDatabase } from '../../src/db/open.js'
import { MIGRATIONS, readFixtures, seedFixtures } from '../../src/apis/index.js'
import { signTocoRequest } from '../../src/signing/toco.js'
import { DEMO, demoFixture } from '../helpers.js'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))

export function tempDir (): { dir: string, remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'toco-waffo-durability-'))
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) }
}

/** Deterministic ids, so a failure message names products you can find again. */
export const productId = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`

/**
 * Writes a fixture with the demo Toco section (partners, stores, products) plus `count` live
 * products in the catalogue store; returns its path and the generated ids.
 */
export function writeCatalogueFixture (dir: string, count: number): { file: string, ids: string[] } {
  const ids = Array.from({ length: count }, (_, i) => productId(i))
  const generated = ids.map((id, i) => ({
    id, storeClientId: DEMO.catalogueStore.storeClientId, externalId: `ext-${i}`, name: `Bulk product ${i}`
  }))
  const toco = { ...demoFixture.toco, products: [...demoFixture.toco.products ?? [], ...generated] }
  const file = join(dir, 'fixture.json')
  writeFileSync(file, JSON.stringify({ toco }))
  return { file, ids }
}

/** Creates and seeds the file exactly as a first server start would, then closes it. */
export function createDatabase (dbPath: string, fixtures: string): void {
  const docs = readFixtures([fixtures])
  openDatabase(dbPath, MIGRATIONS, (db) => seedFixtures(db, docs, new Date().toISOString())).db.close()
}

export interface ChildServer { url: string, child: ChildProcess, stop: () => Promise<void> }

/**
 * Runs src/server.ts (current sources, via tsx) in a child process on a free port and
 * resolves with the URL from its banner. stop() is SIGTERM and waits for the exit.
 */
export function startServer (env: { dbPath: string, fixtures: string, extra?: Record<string, string> }): Promise<ChildServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', DB_PATH: env.dbPath, FIXTURES: env.fixtures, ...env.extra },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
    await exited
  }
  return new Promise((resolve, reject) => {
    let output = ''
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)
      if (match) {
        child.stdout!.off('data', onData)
        child.stdout!.resume() // keep draining so the child never blocks on a full pipe
        resolve({ url: match[1]!, child, stop })
      }
    }
    child.stdout!.on('data', onData)
    child.stderr!.on('data', (chunk: Buffer) => { output += chunk.toString() })
    child.once('exit', (code, signal) => reject(new Error(`server exited (${code ?? signal}) before listening:\n${output}`)))
  })
}

export interface TocoResponse { status: number, body: any }

/** A real HTTP call, signed like a partner client would, with the current time. */
export async function tocoFetch (baseUrl: string, call: {
  path: string, body?: unknown, store?: { storeClientId: string, storeToken: string }
}): Promise<TocoResponse> {
  const body = call.body === undefined ? undefined : JSON.stringify(call.body)
  const headers = signTocoRequest({
    secretKey: DEMO.partner.secretKey,
    method: 'POST',
    path: call.path,
    partnerClientId: DEMO.partner.clientId,
    storeClientId: call.store?.storeClientId,
    storeToken: call.store?.storeToken,
    body
  })
  const response = await fetch(`${baseUrl}/api/v1${call.path}`, {
    method: 'POST', headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, body
  })
  return { status: response.status, body: await response.json() }
}

export const DELETIONS = '/partner/stores/products/deletions'
export const UNBIND = `/partner/stores/${DEMO.unbindStore.storeClientId}/unbind`

export const deleteProducts = (baseUrl: string, ids: string[]) =>
  tocoFetch(baseUrl, { path: DELETIONS, body: { ids }, store: DEMO.catalogueStore })

/** Runs fn on its own connection to the file, as a third process would, and closes it. */
export function withDb<T> (dbPath: string, fn: (db: Database.Database) => T): T {
  const db = new Database(dbPath)
  try {
    return fn(db)
  } finally {
    db.close()
  }
}

/** id → deleted_at for every product. */
export function deletedAt (db: Database.Database): Map<string, string | null> {
  const rows = db.prepare<[], { id: string, deleted_at: string | null }>('SELECT id, deleted_at FROM toco_products').all()
  return new Map(rows.map((row) => [row.id, row.deleted_at]))
}

/** mulberry32: a tiny seeded PRNG, so a failing run can be replayed with its seed. */
export function seededRandom (seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6D2B79F5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
