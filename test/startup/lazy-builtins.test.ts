/**
 * What the bundle leaves unrequired when started as `npm start` starts it: Fastify's HTTPS and
 * HTTP/2 servers (scripts/bundle-server.mjs, LAZY_BUILTINS): ~13 ms of the cold start. Node itself
 * may load node:http2 internally (Node 24 does), so only what the program requires is watched.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, expect, it } from 'vitest'
import { bundledServer } from '../support/bundle.js'
import { json, npmStartCommand, runNode, waitFor } from '../support/process.js'

const dir = mkdtempSync(join(tmpdir(), 'lazy-builtins-'))
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true })
  ;(await bundledServer()).remove()
})

it('serves both APIs without requiring node:https or node:http2', async () => {
  // Preloaded into the server: every module the program requires (Node's internals do not pass
  // here), written on exit as one line on stderr.
  const preload = join(dir, 'required.cjs')
  writeFileSync(preload, [
    "const Module = require('node:module'); const load = Module._load; const required = new Set()",
    'Module._load = function (request, ...rest) { required.add(String(request).replace(/^node:/, \'\')); return load.call(this, request, ...rest) }',
    "process.on('exit', () => process.stderr.write('REQUIRED ' + JSON.stringify([...required]) + '\\n'))"
  ].join('\n'))
  const start = npmStartCommand()
  const run = runNode([...start.slice(1, -1), '--require', preload, (await bundledServer()).file], { PORT: '0' })
  const [, url] = await waitFor(run, /listening on (http:\/\/127\.0\.0\.1:\d+)/)
  expect(await json(await fetch(`${url}/__admin/health`))).toEqual({ status: 'ok' })
  expect((await json(await fetch(`${url}/api/v1/partner/stores/x/unbind`, { method: 'POST' }))).error.code).toBe('AUTH_001')
  expect((await json(await fetch(`${url}/v1/actions/store/delete-store`, { method: 'POST' }))).errors[0].message).toBe('Missing authentication')
  run.child.kill('SIGTERM')
  expect(await run.exited).toBe(0)
  const required = JSON.parse(/^REQUIRED (.*)$/m.exec(run.output.stderr)![1]!) as string[]
  // The lines around the two deferred ones in Fastify's lib/server.js: the hook sees that file's requires.
  expect(required).toEqual(expect.arrayContaining(['http', 'dns', 'os']))
  for (const unused of ['https', 'http2']) expect(required).not.toContain(unused)
})
