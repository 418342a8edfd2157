/**
 * What a JavaScript user gets: `npm pack` (which builds through `prepare`), installed into an
 * empty directory, started with `npx toco-waffo-mock`. Slow (a build and an install): ~20 s.
 */
import { execFile, spawn } from 'node:child_process'
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, expect, it, onTestFinished } from 'vitest'
import { tempDir } from './durability/support.js'
import { json, ROOT, sendCurl, waitFor } from './support/process.js'

const run = promisify(execFile)
const tmp = tempDir()
afterAll(tmp.remove)

const versionOf = (dir: string, name: string) => JSON.parse(readFileSync(join(dir, 'node_modules', name, 'package.json'), 'utf8')).version as string

it('npm pack → npm install into an empty directory → npx toco-waffo-mock answers', { timeout: 180_000 }, async () => {
  const [{ filename, files }] = JSON.parse((await run('npm', ['pack', '--json', '--pack-destination', tmp.dir], { cwd: ROOT, maxBuffer: 64 << 20 })).stdout)
  const packed = (files as Array<{ path: string }>).map((file) => file.path)
  expect(packed).toEqual(expect.arrayContaining(['dist/server.js', 'fixtures/default.json', 'package.json', 'dist/signing/index.js', 'dist/client/index.js']))
  expect(packed.filter((path) => /^(src|test|bench|scripts)\/|\/\.(test|smoke)-/.test(path))).toEqual([])

  const app = join(tmp.dir, 'app')
  mkdirSync(app)
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'consumer', private: true }))
  // --ignore-scripts: better-sqlite3's install fetches a prebuilt addon from GitHub (unreachable
  // here) or compiles SQLite for ~2 min; the addon this repository built is the same file.
  await run('npm', ['install', '--prefer-offline', '--ignore-scripts', '--no-audit', '--no-fund', join(tmp.dir, filename)], { cwd: app })
  expect(versionOf(app, 'better-sqlite3')).toBe(versionOf(ROOT, 'better-sqlite3'))
  const addon = join('node_modules', 'better-sqlite3', 'build', 'Release')
  mkdirSync(join(app, addon), { recursive: true })
  copyFileSync(join(ROOT, addon, 'better_sqlite3.node'), join(app, addon, 'better_sqlite3.node'))

  const help = await run('npx', ['toco-waffo-mock', '--help'], { cwd: app })
  expect(help.stdout).toMatch(/^usage: toco-waffo-mock \[serve\] \[options\]/)

  // Its own process group: npx runs the server as a grandchild, and both must go at the end.
  const child = spawn('npx', ['toco-waffo-mock', '--port', '0'], { cwd: app, env: { ...process.env, LOG_LEVEL: 'warn' }, stdio: ['ignore', 'pipe', 'pipe'], detached: true })
  const server = { child, output: { stdout: '', stderr: '' }, exited: new Promise<number | null>((resolve) => child.on('exit', resolve)) }
  child.stdout.on('data', (chunk) => { server.output.stdout += chunk })
  child.stderr.on('data', (chunk) => { server.output.stderr += chunk })
  onTestFinished(() => { if (child.exitCode === null) process.kill(-child.pid!, 'SIGKILL') })
  const [, url] = await waitFor(server, /listening on (http:\/\/127\.0\.0\.1:\d+)[\s\S]*--data '[^']*'\n/)
  expect(server.output.stdout).toContain('Fixtures            node_modules/toco-waffo-mock/fixtures/default.json')
  expect(await json(await fetch(`${url}/__admin/health`))).toEqual({ status: 'ok' })
  // The banner's signed curl works as printed, from the installed package.
  const [tocoCurl] = server.output.stdout.split('\n\n').filter((block) => block.startsWith('curl '))
  expect(await json(await sendCurl(tocoCurl!))).toMatchObject({ success: true, message: 'Store unbound successfully' })
})
