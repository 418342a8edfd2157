/** SIGTERM while a request is in flight: one log line, the request still gets its answer, exit 0. */
import { afterAll, expect, it, onTestFinished } from 'vitest'
import { signTocoRequest } from '../../src/signing/toco.js'
import { DEMO } from '../helpers.js'
import { bundledServer, runBundled } from '../support/bundle.js'
import { json, stop, waitFor } from '../support/process.js'

afterAll(async () => { (await bundledServer()).remove() })

it('drains the in-flight request, logs one line and exits 0', async () => {
  const run = await runBundled([], { PORT: '0', LOG_LEVEL: 'info', LOG_FORMAT: 'json' })
  onTestFinished(() => stop(run.child))
  const [, url] = await waitFor(run, /listening on (http:\/\/127\.0\.0\.1:\d+)/)
  // The control plane holds the next unbind for a second: long enough to stop the server under it.
  const fault = await fetch(`${url}/__admin/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ path: '/partner/stores/*/unbind', delayMs: 1000, times: 1 })
  })
  expect(fault.status).toBe(201)

  const path = `/partner/stores/${DEMO.unbindStore.storeClientId}/unbind`
  const headers = signTocoRequest({ secretKey: DEMO.partner.secretKey, method: 'POST', path, partnerClientId: DEMO.partner.clientId })
  const inFlight = fetch(`${url}/api/v1${path}`, { method: 'POST', headers })
  await waitFor(run, /"url":"\/api\/v1\/partner\/stores\/[^"]+\/unbind"[^\n]*"msg":"incoming request"/)
  run.child.kill('SIGTERM')

  const answer = await inFlight
  expect(answer.status).toBe(200)
  const body = await json(answer)
  expect(body).toMatchObject({ success: true, message: 'Store unbound successfully' })
  expect(await run.exited).toBe(0)
  const lines = run.output.stdout.split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line))
  const signal = lines.filter((line) => line.signal !== undefined)
  expect(signal).toEqual([expect.objectContaining({ level: 30, signal: 'SIGTERM', msg: 'SIGTERM: finishing in-flight requests, then exiting' })])
  // The answer was logged after the signal: the request really was in flight.
  const completed = lines.findIndex((line) => line.msg === 'request completed' && line.requestId === body.requestId)
  expect(completed).toBeGreaterThan(lines.indexOf(signal[0]))
  expect(run.output.stderr).toBe('')
})
