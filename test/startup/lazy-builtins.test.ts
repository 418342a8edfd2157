/**
 * What the bundle leaves unloaded when started as `npm start` starts it: Fastify's HTTPS and
 * HTTP/2 servers (scripts/bundle-server.mjs, LAZY_BUILTINS), and node:v8 (the command line gives
 * every heap flag): ~20 ms of the cold start together.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, expect, it } from 'vitest'
import { bundledServer } from '../support/bundle.js'
import { json, runNode, waitFor } from '../support/process.js'

const dir = mkdtempSync(join(tmpdir(), 'lazy-builtins-'))
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true })
  ;(await bundledServer()).remove()
})

it('serves both APIs without loading node:https, node:http2 or node:v8', async () => {
  // Preloaded into the server: on exit, the built-in modules it loaded, one line on stderr.
  const preload = join(dir, 'loaded.cjs')
  writeFileSync(preload, "process.on('exit', () => process.stderr.write('LOADED ' + JSON.stringify(process.moduleLoadList.filter((m) => m.startsWith('NativeModule ')).map((m) => m.slice(13))) + '\\n'))\n")
  const start = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: { start: string } }).scripts.start.split(/\s+/)
  const run = runNode([...start.slice(1, -1), '--require', preload, (await bundledServer()).file], { PORT: '0' })
  const [, url] = await waitFor(run, /listening on (http:\/\/127\.0\.0\.1:\d+)/)
  expect(await json(await fetch(`${url}/__admin/health`))).toEqual({ status: 'ok' })
  expect((await json(await fetch(`${url}/api/v1/partner/stores/x/unbind`, { method: 'POST' }))).error.code).toBe('AUTH_001')
  expect((await json(await fetch(`${url}/v1/actions/store/delete-store`, { method: 'POST' }))).errors[0].message).toBe('Missing authentication')
  run.child.kill('SIGTERM')
  expect(await run.exited).toBe(0)
  const loaded = JSON.parse(/^LOADED (.*)$/m.exec(run.output.stderr)![1]!) as string[]
  expect(loaded).toEqual(expect.arrayContaining(['http', 'crypto']))
  for (const unused of ['https', 'http2', 'v8']) expect(loaded).not.toContain(unused)
})
