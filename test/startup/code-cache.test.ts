/**
 * The program's V8 code cache (src/cli/bundle.ts): one per command line, made by starting the
 * program, taken under that command line's V8 flags only; Node's own loader when source maps are on.
 */
import { copyFileSync, existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { build } from 'esbuild'
import { afterAll, expect, it, onTestFinished } from 'vitest'
import { codeCacheFile } from '../../src/cli/bundle.js'
import { bundledServer } from '../support/bundle.js'
import { json, npmStartCommand, runNode, waitFor } from '../support/process.js'

afterAll(async () => { (await bundledServer()).remove() })

const startFlags = () => npmStartCommand().slice(1, -1)
/** Flags as the helper's process sees them: tsx's --import joins the command line (and so the cache's name). */
const under = (flags: string[]) => [...flags, '--import', 'tsx']

async function helper (command: 'write' | 'probe', flags: string[], program: string) {
  const run = runNode([...under(flags), 'test/support/code-cache.ts', command, program])
  expect(await run.exited).toBe(0)
  return command === 'probe' ? JSON.parse(run.output.stdout) as { cacheRejected: boolean | undefined, main: string } : undefined
}

it('is written per command line by starting the program, and taken under that command line\'s V8 flags only', async () => {
  const server = (await bundledServer()).file
  const program = join(dirname(server), 'program.cjs')
  expect(existsSync(codeCacheFile(program, under(startFlags())))).toBe(false)
  expect(await helper('probe', startFlags(), program)).toEqual({ cacheRejected: undefined, main: 'function' })

  await helper('write', startFlags(), program)
  // Start-up compiled far more than the module's top level: the cache holds it.
  expect(statSync(codeCacheFile(program, under(startFlags()))).size).toBeGreaterThan(500_000)
  expect(await helper('probe', startFlags(), program)).toEqual({ cacheRejected: false, main: 'function' })
  // Plain `node` (the bin) has none of its own yet: it compiles.
  expect(await helper('probe', [], program)).toEqual({ cacheRejected: undefined, main: 'function' })

  // The bin's: its heap flags set at run time, before the program is compiled, when written and when read.
  await helper('write', [], program)
  expect(await helper('probe', [], program)).toEqual({ cacheRejected: false, main: 'function' })

  // A cache under another command line's name but made under other V8 flags: V8 refuses it, the program compiles.
  // (--no-opt changes code generation, so every V8 hashes it; Node 24's V8 no longer hashes heap sizes.)
  copyFileSync(codeCacheFile(program, under(startFlags())), codeCacheFile(program, under(['--no-opt'])))
  expect(await helper('probe', ['--no-opt'], program)).toEqual({ cacheRejected: true, main: 'function' })

  // The entry runs the program and serves from a cache V8 takes: the one written above, under the
  // name plain `node` with npm start's flags looks for (tsx's --import changes no V8 flag).
  copyFileSync(codeCacheFile(program, under(startFlags())), codeCacheFile(program, startFlags()))
  const run = runNode([...startFlags(), server], { PORT: '0', LOG_FORMAT: 'pretty', LOG_LEVEL: 'info' })
  const [, url] = await waitFor(run, /listening on (http:\/\/127\.0\.0\.1:\d+)/)
  expect(await json(await fetch(`${url}/__admin/health`))).toEqual({ status: 'ok' })
  expect((await json(await fetch(`${url}/api/v1/partner/stores/x/unbind`, { method: 'POST' }))).error.code).toBe('AUTH_001')
  // What loads on first use still loads from a cached program (a dynamic import() did not: a 500, and pino-pretty "missing").
  const openapi = await fetch(`${url}/__admin/openapi.json`)
  expect(openapi.status).toBe(200)
  expect((await json(openapi)).openapi).toBe('3.1.0')
  expect((await fetch(`${url}/__admin/docs/`)).status).toBe(200)
  expect(run.output.stderr + run.output.stdout).not.toMatch(/needs pino-pretty/)
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
