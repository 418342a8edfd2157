/**
 * The program's V8 code cache (src/cli/bundle.ts): made under `npm start`'s flags, taken under
 * them, refused (and the program still runs) under others; Node's own loader when source maps are on.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { build } from 'esbuild'
import { afterAll, expect, it, onTestFinished } from 'vitest'
import { bundledServer } from '../support/bundle.js'
import { json, runNode, waitFor } from '../support/process.js'

afterAll(async () => { (await bundledServer()).remove() })

const startFlags = () => (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: { start: string } }).scripts.start.split(/\s+/).slice(1, -1)

async function probe (flags: string[], program: string) {
  const run = runNode([...flags, '--import', 'tsx', 'test/support/code-cache.ts', 'probe', program])
  expect(await run.exited).toBe(0)
  return JSON.parse(run.output.stdout) as { cacheRejected: boolean | undefined, main: string }
}

it('is written by starting the program under npm start\'s flags, and taken under them only', async () => {
  const server = (await bundledServer()).file
  const program = join(dirname(server), 'program.cjs')
  expect(existsSync(program + '.v8-cache')).toBe(false)
  expect(await probe(startFlags(), program)).toEqual({ cacheRejected: undefined, main: 'function' })

  const write = runNode([...startFlags(), '--import', 'tsx', 'test/support/code-cache.ts', 'write', program])
  expect(await write.exited).toBe(0)
  // Start-up compiled far more than the module's top level: the cache holds it.
  expect(statSync(program + '.v8-cache').size).toBeGreaterThan(500_000)

  expect(await probe(startFlags(), program)).toEqual({ cacheRejected: false, main: 'function' })
  // Another V8 flag set (plain `node`, the bin): V8 refuses the cache and the program compiles as usual.
  expect(await probe([], program)).toEqual({ cacheRejected: true, main: 'function' })

  // The entry runs the program with its cache and serves.
  const run = runNode([...startFlags(), server], { PORT: '0' })
  const [, url] = await waitFor(run, /listening on (http:\/\/127\.0\.0\.1:\d+)/)
  expect(await json(await fetch(`${url}/__admin/health`))).toEqual({ status: 'ok' })
  expect((await json(await fetch(`${url}/api/v1/partner/stores/x/unbind`, { method: 'POST' }))).error.code).toBe('AUTH_001')
  run.child.kill('SIGTERM')
  expect(await run.exited).toBe(0)
})

it('leaves the program to Node\'s own loader under --enable-source-maps, so stack traces name the sources', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'source-maps-'))
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }))
  writeFileSync(join(dir, 'main.ts'), 'export function main (): never {\n  throw new Error(\'from the sources\')\n}\n')
  await build({ entryPoints: [join(dir, 'main.ts')], outfile: join(dir, 'program.cjs'), bundle: true, format: 'cjs', platform: 'node', sourcemap: true, logLevel: 'silent' })
  const stackOf = async (flags: string[]) => {
    const run = runNode([...flags, '--import', 'tsx', 'test/support/code-cache.ts', 'throw', join(dir, 'program.cjs')])
    expect(await run.exited).toBe(0)
    return run.output.stdout
  }
  expect(await stackOf(['--enable-source-maps'])).toMatch(/main\.ts:2:/)
  expect(await stackOf([])).toMatch(/program\.cjs:\d+:/)
})
