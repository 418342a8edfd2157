/** Every configuration or environment mistake at start is one line on stderr and exit 1 (the real process). */
import Database from 'better-sqlite3'
import { generateKeyPairSync } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { createServer, type AddressInfo } from 'node:net'
import { join } from 'node:path'
import { afterAll, describe, it, type TestContext } from 'vitest'
import { bundledServer, runBundled } from '../support/bundle.js'
import { ROOT, stop } from '../support/process.js'
import { tempDir } from '../durability/support.js'

async function startFails ({ expect, onTestFinished }: TestContext, env: Record<string, string>, args: string[] = []): Promise<string> {
  const run = await runBundled(args, { PORT: '0', ...env })
  onTestFinished(() => stop(run.child))
  expect(await run.exited).toBe(1)
  expect(run.output.stdout).toBe('')
  return run.output.stderr
}

const tmp = tempDir()
afterAll(async () => {
  tmp.remove()
  ;(await bundledServer()).remove()
})

describe('one line and exit 1', () => {
  it('a DB_PATH in a directory that does not exist', async (ctx) => {
    ctx.expect(await startFails(ctx, { DB_PATH: '/no/such/dir/x.db' }))
      .toBe('Cannot open DB_PATH=/no/such/dir/x.db: the directory /no/such/dir does not exist (create it, or use another path)\n')
  })

  it('a DB_PATH that is not a database', async (ctx) => {
    const file = join(tmp.dir, 'notes.txt')
    writeFileSync(file, 'these are my notes, not an SQLite database\n'.repeat(20))
    ctx.expect(await startFails(ctx, { DB_PATH: file }))
      .toBe(`Cannot open DB_PATH=${file}: the file is not an SQLite database (point DB_PATH at a new or a database file)\n`)
  })

  it('a DB_PATH that is another program\'s SQLite database: refused, not kept as an empty state (and not written to)', async (ctx) => {
    const file = join(tmp.dir, 'notes.db')
    const other = new Database(file)
    other.exec('CREATE TABLE notes (x INTEGER)')
    other.close()
    ctx.expect(await startFails(ctx, { DB_PATH: file }))
      .toBe(`Cannot open DB_PATH=${file}: the database holds tables the mock did not make (notes) (point DB_PATH at a new file or at a database the mock made)\n`)
    const after = new Database(file, { readonly: true })
    ctx.expect(after.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all()).toEqual(['notes'])
    after.close()
  })

  it('a HOST that is no address', async (ctx) => {
    ctx.expect(await startFails(ctx, { HOST: '999.1.1.1' }))
      .toBe('Cannot listen on HOST=999.1.1.1: no such address or host name (use 127.0.0.1, 0.0.0.0 or an address of this machine)\n')
  })

  it('a WAFFO_WEBHOOK_PRIVATE_KEY that is no PEM key, or a key of another type than RSA', async (ctx) => {
    ctx.expect(await startFails(ctx, { WAFFO_WEBHOOK_PRIVATE_KEY: 'garbage' }))
      .toMatch(/^WAFFO_WEBHOOK_PRIVATE_KEY is not a PEM private key \([^\n]+\)\n$/)
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()
    ctx.expect(await startFails(ctx, { WAFFO_WEBHOOK_PRIVATE_KEY: ec }))
      .toBe('WAFFO_WEBHOOK_PRIVATE_KEY must be an RSA private key (X-Waffo-Signature is RSA-SHA256), not ec\n')
  })

  it('a port in use', async (ctx) => {
    const taken = createServer()
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve))
    ctx.onTestFinished(() => new Promise<void>((resolve) => taken.close(() => resolve())))
    const { port } = taken.address() as AddressInfo
    ctx.expect(await startFails(ctx, { PORT: String(port) }))
      .toBe(`Cannot listen on 127.0.0.1:${port}: the port is in use (choose another with PORT or --port, or 0 for any free port)\n`)
  })

  it('fixtures that differ from the demo fixtures the build validated are validated at start', async (ctx) => {
    const demo = JSON.parse(readFileSync(join(ROOT, 'fixtures/default.json'), 'utf8')) as { toco: { partners: Array<Record<string, unknown>> } }
    demo.toco.partners[0]!.secretKeyy = 'typo'
    const file = join(tmp.dir, 'demo-with-a-typo.json')
    writeFileSync(file, JSON.stringify(demo, null, 2))
    ctx.expect(await startFails(ctx, { FIXTURES: file }))
      .toBe(`Fixture error in ${file} at /toco/partners/0/secretKeyy: is not a known key (misspelt?)\n`)
  })

  it('a flag with a bad value, as the bin is run', async (ctx) => {
    ctx.expect(await startFails(ctx, {}, ['--port', 'eighty'])).toBe('Invalid configuration: PORT must be integer (got "eighty")\n')
  })
})
