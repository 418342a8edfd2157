/**
 * Every field the mock may put on a request is declared up front, so all request objects share one
 * shape: a field added later costs V8 a map transition, and the hooks' property reads then go
 * megamorphic (docs/benchmarks.md, issue 21's fifth cut).
 */
import Fastify from 'fastify'
import { describe, expect, it } from 'vitest'
import { captureRawJsonBodies } from '../../src/http/raw-body.js'
import { appForTest } from '../helpers.js'

describe('request fields declared before any request sets them', () => {
  it('the guards\' verdict, tenant and caller, and the traffic hooks\' fault and answer', async () => {
    const app = await appForTest()
    app.get('/shape', async (request) => Object.keys(request))
    const keys = (await app.inject({ method: 'GET', url: '/shape' })).json() as string[]
    expect(keys).toEqual(expect.arrayContaining(['ctx', 'watched', 'arrivedAt', 'fault', 'sentBody', 'verdict', 'tenant', 'verifiedCaller', 'verifiedBy']))
  })

  it('the raw body capture\'s bytes and refusals, on a request without a body', async () => {
    const app = Fastify()
    captureRawJsonBodies(app)
    app.get('/shape', async (request) => Object.keys(request))
    const keys = (await app.inject({ method: 'GET', url: '/shape' })).json() as string[]
    expect(keys).toEqual(expect.arrayContaining(['rawBody', 'bodyNotJson', 'bodyOverLimit']))
    await app.close()
  })
})
