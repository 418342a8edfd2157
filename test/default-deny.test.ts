/**
 * Default deny, at run time: a route that declares neither `auth` nor `public` gets its API's
 * strictest scope, so an unsigned request is refused before the handler runs. Every real route
 * declares one, so the contract test cannot see this path: here each API's own plugin hosts a
 * route that declares nothing (and a public one, to show the host lets a request through).
 */
import { TypeBoxValidatorCompiler } from '@fastify/type-provider-typebox'
import Fastify, { type FastifyInstance } from 'fastify'
import { describe, expect, it, onTestFinished } from 'vitest'
import { APIS, MIGRATIONS, STATE_FILES, testConfig } from '../src/apis/index.js'
import { createClock } from '../src/clock.js'
import type { Verdict } from '../src/core/auth.js'
import { createState, requestContext, type ApiRepos } from '../src/core/context.js'
import { FaultBook } from '../src/core/faults.js'
import { Journal } from '../src/core/journal.js'
import { openDatabase } from '../src/db/open.js'

const UNSIGNED_REFUSAL: Record<string, unknown> = {
  toco: { success: false, error: { code: 'AUTH_001', message: 'Missing authentication headers' } },
  waffo: { data: null, errors: [{ message: 'Missing authentication', layer: 'user' }] }
}

/** One API's plugin, as the app registers it, plus two routes of the test's own inside it. */
async function hostWithExtraRoutes (api: typeof APIS[number], handled: string[]): Promise<FastifyInstance> {
  const config = testConfig()
  const { db } = openDatabase(':memory:', MIGRATIONS)
  const state = createState({
    db,
    clock: createClock(),
    fixtures: [],
    journal: new Journal(0),
    faults: new FaultBook(),
    files: STATE_FILES,
    makeRepos: (current) => Object.fromEntries(APIS.map((each) => [each.name, each.repos(current)])) as unknown as ApiRepos,
    ticks: []
  })
  const app = Fastify()
  app.setValidatorCompiler(TypeBoxValidatorCompiler)
  await app.register(requestContext, { state })
  const verdicts: Array<Verdict | undefined> = []
  app.addHook('onResponse', async (request) => { verdicts.push(request.verdict) })
  app.decorate('verdicts', verdicts)
  await app.register(async (scope) => {
    await api.plugin(scope as never, { config })
    scope.get('/declares-nothing', async () => { handled.push('declares-nothing'); return { leaked: true } })
    scope.get('/declared-public', { config: { public: 'test: the host lets a public route through' } }, async () => {
      handled.push('declared-public')
      return { open: true }
    })
  }, { prefix: api.prefix })
  onTestFinished(async () => {
    await app.close()
    db.close()
  })
  return app
}

describe.each(APIS.map((api) => [api.name, api] as const))('%s: a route that declares no auth', (name, api) => {
  it('refuses an unsigned request with the API\'s 401 and never runs the handler', async () => {
    const handled: string[] = []
    const app = await hostWithExtraRoutes(api, handled)
    const response = await app.inject({ method: 'GET', url: `${api.prefix}/declares-nothing` })
    expect(response.statusCode).toBe(401)
    expect(response.json()).toMatchObject(UNSIGNED_REFUSAL[name] as object)
    expect(handled).toEqual([])
    expect((app as unknown as { verdicts: Verdict[] }).verdicts[0]?.outcome).toBe('refused')
  })

  it('while a route declared public is served, its reason recorded', async () => {
    const handled: string[] = []
    const app = await hostWithExtraRoutes(api, handled)
    const response = await app.inject({ method: 'GET', url: `${api.prefix}/declared-public` })
    expect(response.statusCode).toBe(200)
    expect(handled).toEqual(['declared-public'])
    expect((app as unknown as { verdicts: Verdict[] }).verdicts[0]).toEqual({ outcome: 'public', code: null, reason: 'test: the host lets a public route through' })
  })
})
