/**
 * What a JavaScript user gets: `npm pack` (which builds through `prepare`), installed into an
 * empty directory, its declarations compiled by a strict TypeScript consumer without skipLibCheck
 * (~30 s of CPU: every dependency's types), started with `npx toco-waffo-mock`. Slow: ~1 min.
 */
import { execFile, spawn } from 'node:child_process'
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import ts from 'typescript'
import { afterAll, expect, it, onTestFinished } from 'vitest'
import { tempDir } from './durability/support.js'
import { json, ROOT, sendCurl, waitFor } from './support/process.js'

const run = promisify(execFile)
const tmp = tempDir()
afterAll(tmp.remove)

const versionOf = (dir: string, name: string) => JSON.parse(readFileSync(join(dir, 'node_modules', name, 'package.json'), 'utf8')).version as string

it('npm pack → npm install into an empty directory → npx toco-waffo-mock answers', { timeout: 420_000 }, async () => {
  const [{ filename, files }] = JSON.parse((await run('npm', ['pack', '--json', '--pack-destination', tmp.dir], { cwd: ROOT, maxBuffer: 64 << 20 })).stdout)
  const packed = (files as Array<{ path: string }>).map((file) => file.path)
  expect(packed).toEqual(expect.arrayContaining(['dist/server.js', 'fixtures/default.json', 'package.json', 'dist/signing/index.js', 'dist/client/index.js']))
  expect(packed.filter((path) => /^(src|test|bench|scripts)\/|\/\.(test|smoke)-/.test(path))).toEqual([])

  const app = join(tmp.dir, 'app')
  mkdirSync(app)
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }))
  // --ignore-scripts: better-sqlite3's install fetches a prebuilt addon from GitHub (unreachable
  // here) or compiles SQLite for ~2 min; the addon this repository built is the same file.
  await run('npm', ['install', '--prefer-offline', '--ignore-scripts', '--no-audit', '--no-fund', join(tmp.dir, filename)], { cwd: app })
  expect(versionOf(app, 'better-sqlite3')).toBe(versionOf(ROOT, 'better-sqlite3'))
  const addon = join('node_modules', 'better-sqlite3', 'build', 'Release')
  mkdirSync(join(app, addon), { recursive: true })
  copyFileSync(join(ROOT, addon, 'better_sqlite3.node'), join(app, addon, 'better_sqlite3.node'))

  // A TypeScript consumer without skipLibCheck: the shipped declarations compile, better-sqlite3's
  // included (@types/better-sqlite3 is a dependency, so no TS7016).
  writeFileSync(join(app, 'consumer.ts'), [
    "import { startMock, type RunningMock } from 'toco-waffo-mock/client'",
    "import { signTocoRequest, signWaffoRequest } from 'toco-waffo-mock/signing'",
    'export const start = (): Promise<RunningMock> => startMock({ fixtures: [] })',
    "export const waffo: Record<string, string> = signWaffoRequest({ merchantId: 'MER_x', privateKeyPem: 'pem', path: '/v1/graphql', headers: { 'X-Idempotency-Key': 'k' } })",
    "export const toco: Record<string, string> = signTocoRequest({ method: 'GET', path: '/partner/stores/products', partnerClientId: 'p', secretKey: 's', timestamp: Date.now() })",
    ''
  ].join('\n'))
  const program = ts.createProgram([join(app, 'consumer.ts')], {
    strict: true, noEmit: true, skipLibCheck: false, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022
  })
  const problems = ts.getPreEmitDiagnostics(program).map((d) => `${d.file?.fileName ?? ''} TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`)
  expect(problems).toEqual([])

  // startMock() from the installed package runs the server from the one-file program (dist/program.cjs):
  // without tsc's copy of the server's modules it still starts, and the control-plane client is the caller's.
  rmSync(join(app, 'node_modules', 'toco-waffo-mock', 'dist', 'app.js'))
  writeFileSync(join(app, 'start.mjs'), [
    "import { startMock, MockAdmin } from 'toco-waffo-mock/client'",
    'const mock = await startMock({ fixtures: [] })',
    "const health = await (await fetch(mock.url + '/__admin/health')).json()",
    'const reset = await mock.admin.reset()',
    "console.log(JSON.stringify({ health, admin: mock.admin instanceof MockAdmin, reset: typeof reset, key: mock.webhookPublicKey.startsWith('-----BEGIN PUBLIC KEY-----'), toco: mock.tocoBaseUrl === mock.url + '/api/v1' }))",
    'await mock.close()'
  ].join('\n'))
  const started = await run(process.execPath, ['start.mjs'], { cwd: app })
  expect(JSON.parse(started.stdout)).toEqual({ health: { status: 'ok' }, admin: true, reset: 'object', key: true, toco: true })

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
