import { randomUUID } from 'node:crypto'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import Fastify, { LogController, type FastifyError, type FastifyPluginAsync, type FastifyReply, type FastifyRequest, type FastifyServerOptions } from 'fastify'
import { adminApi } from './admin/index.js'
import { adminError } from './http/answer.js'
import { collectOpenApi } from './admin/openapi.js'
import { APIS, apiFor, MIGRATIONS, PRODUCT, STATE_FILES, readFixtures, type LoadedFixture, type MockConfig } from './apis/index.js'
import { createClock, type Clock } from './clock.js'
import type { ApiRepos } from './core/context.js'
import { createState, requestContext } from './core/context.js'
import { recordRoutes } from './core/routes.js'
import { declareAuthFields } from './core/auth.js'
import { FaultBook } from './core/faults.js'
import { Journal } from './core/journal.js'
import { Deliverer, type WebhookSigner } from './core/webhooks/deliverer.js'
import { traffic } from './control/traffic.js'
import { batchAnswers } from './http/answer-batches.js'
import { answerClientError, type ParseFailure } from './http/client-error.js'
import { lazyCompilers } from './http/lazy-compilers.js'
import { CENSOR, redactUrl, SECRET_HEADERS } from './http/redact.js'
import { readMeta, writeMeta, type Db } from './db/open.js'
import { openSeeded } from './core/state-files/seeded.js'

/** 1 MiB, Fastify's default, stated here because every API's error envelope depends on it. */
export const BODY_LIMIT = 1_048_576

/** Secrets that must never reach a log line (headers are logged at debug level and below). */
const REDACTED = SECRET_HEADERS.map((name) => `req.headers["${name}"]`)

export interface BuildOptions {
  /** Where log lines go (tests capture them); stdout by default. */
  logStream?: NodeJS.WritableStream
  /** Fixture documents already loaded (startMock passes inline ones); otherwise config.fixtures are read. */
  fixtures?: LoadedFixture[]
}

/** Pure construction: reads fixtures, opens the database, registers every API and the admin API. */
export async function buildApp (config: MockConfig, options: BuildOptions = {}) {
  const fixtures = options.fixtures ?? readFixtures(config.fixtures)
  const clock = createClock()
  const { db, seeding } = openSeeded(config.dbPath, MIGRATIONS, fixtures, clock, config.resetOnStart, STATE_FILES)
  const state = createState({
    db,
    clock,
    fixtures,
    journal: new Journal(config.journalSize),
    faults: new FaultBook(),
    files: STATE_FILES,
    makeRepos: (current: Db) => Object.fromEntries(APIS.map((api) => [api.name, api.repos(current)])) as unknown as ApiRepos,
    ticks: APIS.flatMap((api) => 'tick' in api && api.tick ? [api.tick] : []),
    forwardUrl: config.webhookForwardUrl
  })

  const debugHeaders = config.logLevel === 'debug' || config.logLevel === 'trace'
  const logger: FastifyServerOptions['logger'] = {
    level: config.logLevel,
    redact: { paths: REDACTED, censor: CENSOR },
    serializers: {
      req: (request: FastifyRequest) => ({
        method: request.method,
        url: redactUrl(request.url),
        host: request.host,
        remoteAddress: request.ip,
        ...(debugHeaders ? { headers: request.headers } : {})
      })
    },
    ...(options.logStream ? { stream: options.logStream } : {})
  }
  const app = Fastify({
    logger,
    genReqId: () => randomUUID(),
    schemaController: lazyCompilers,
    logController: new LogController({ requestIdLogLabel: 'requestId' }),
    bodyLimit: BODY_LIMIT,
    // Longer than any request line Node accepts, so a long store id reaches its route (STORE_020).
    routerOptions: { maxParamLength: 16_384 },
    // Bytes Node cannot parse: the envelope of the API the request line names; after a complete request, that one is answered first.
    clientErrorHandler: answerClientError((failure) => answerParseFailure(failure, clock)),
    // Errors raised before routing (a malformed %-escape…) still answer in the owning API's envelope.
    frameworkErrors: (error, request, untypedReply) => {
      const reply = untypedReply as FastifyReply
      request.ctx ??= state.context()
      const api = apiFor(request.raw.url ?? '')
      if (api) return api.replyError(request, reply, error)
      return reply.code(error.statusCode ?? 400).send(adminError(error.code, error.message))
    }
  })
    .withTypeProvider<TypeBoxTypeProvider>()
  await app.register(requestContext, { state })
  declareAuthFields(app)
  const meta = { read: (key: string) => readMeta(state.db, key), write: (key: string, value: string) => writeMeta(state.db, key, value) }
  const signers = new Map<string, WebhookSigner>(APIS.flatMap((api) => 'webhooks' in api && api.webhooks ? [[api.name, api.webhooks.signer(config, meta)] as const] : []))
  const deliverer = new Deliverer(state, { signers, timeoutMs: config.webhookTimeoutMs, log: app.log })
  app.decorate('webhooks', { deliverer, signers })
  app.addHook('onReady', async () => { deliverer.start() })
  app.addHook('onClose', async () => {
    await deliverer.close()
    state.db.close()
  })
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status = error.statusCode && error.statusCode < 500 ? error.statusCode : 500
    if (status === 500) request.log.error({ err: error }, 'unexpected error')
    return reply.code(status).send(adminError(error.code ?? 'INTERNAL_ERROR', status === 500 ? 'Internal server error' : error.message))
  })
  recordRoutes(app, state.routes)
  batchAnswers(app)
  await app.register(traffic, { journal: state.journal, faults: state.faults, apis: APIS })
  collectOpenApi(app, PRODUCT, APIS)

  // Each plugin takes the core's configuration and its own slice: the whole configuration serves all.
  const plugins: Array<{ prefix: string, plugin: FastifyPluginAsync<{ config: MockConfig }> }> = APIS.map(({ prefix, plugin }) => ({ prefix, plugin }))
  for (const { prefix, plugin } of plugins) await app.register(plugin, { prefix, config })
  await app.register(adminApi, {
    prefix: '/__admin',
    adminToken: config.adminToken,
    extensions: APIS.flatMap((api) => 'admin' in api && api.admin ? [{ name: api.name, plugin: api.admin }] : []),
    product: PRODUCT,
    sections: APIS.map((api) => ({ name: api.name, render: api.dashboard })),
    apis: APIS.map((api) => ({ name: api.name, tenant: api.tenant })),
    guard: { boundHost: config.host, allowedHosts: config.adminAllowedHosts },
    snapshotLimit: config.snapshotLimit,
    eventSources: APIS.flatMap((api) => 'webhooks' in api && api.webhooks ? [{ name: api.name, ...api.webhooks }] : [])
  })
  app.decorate('seeding', seeding)
  app.log.debug(seeding, `database ${seeding.database}`)
  return app
}

/** A request Node could not parse, in the envelope of the API its path names, else the control plane's. */
function answerParseFailure (failure: ParseFailure, clock: Clock) {
  const api = failure.path === undefined ? undefined : apiFor(failure.path)
  if (!api) return { status: failure.status, body: adminError(failure.code, failure.message) }
  // A 400 says why, as the API's bad request does; a 408 or 431 is the API's answer for that status.
  const error = failure.status === 400 ? Object.assign(new Error(failure.message), { statusCode: 400 }) : api.statusError(failure.status)
  return api.errorBody({ id: randomUUID(), ctx: { clock } }, error)
}

export type App = Awaited<ReturnType<typeof buildApp>>
