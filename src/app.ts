import { randomUUID } from 'node:crypto'
import { TypeBoxValidatorCompiler, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import Fastify, { LogController, type FastifyError, type FastifyReply, type FastifyServerOptions } from 'fastify'
import { adminApi } from './admin/index.js'
import { failure as tocoFailure } from './apis/toco/envelope.js'
import { asTocoError, tocoApi } from './apis/toco/index.js'
import { asWaffoError, waffoApi } from './apis/waffo/index.js'
import { createClock, type Clock } from './clock.js'
import type { Config } from './config.js'
import { openDatabase, type Db } from './db/open.js'
import { readFixtures, seedFixtures, type LoadedFixture } from './fixtures/index.js'
import { TOCO_PREFIX } from './signing/toco.js'

/** Where each API lives: their real paths, so a client only swaps its base URL. */
const WAFFO_PREFIX = '/v1'

/** 1 MiB, Fastify's default, stated here because both APIs' error envelopes depend on it. */
export const BODY_LIMIT = 1_048_576

/** Secrets that must never reach a log line, even if a serializer starts logging headers. */
const REDACTED = [
  'req.headers["x-signature"]', 'req.headers["x-store-token"]', 'req.headers.authorization', 'req.headers["x-admin-token"]'
]

export interface MockState { db: Db, clock: Clock, fixtures: LoadedFixture[] }

declare module 'fastify' {
  interface FastifyInstance { mock: MockState }
}

export interface BuildOptions {
  /** Where log lines go (tests capture them); stdout by default. */
  logStream?: NodeJS.WritableStream
}

/** Pure construction: reads fixtures, opens the database, registers both APIs and the admin API. */
export async function buildApp (config: Config, options: BuildOptions = {}) {
  const fixtures = readFixtures(config.fixtures)
  const clock = createClock()
  const db = openDatabase(config.dbPath, (fresh) => seedFixtures(fresh, fixtures, clock.iso()))

  const logger: FastifyServerOptions['logger'] = {
    level: config.logLevel,
    redact: { paths: REDACTED, censor: '[redacted]' },
    ...(options.logStream ? { stream: options.logStream } : {})
  }
  const app = Fastify({
    logger,
    genReqId: () => randomUUID(),
    logController: new LogController({ requestIdLogLabel: 'requestId' }),
    bodyLimit: BODY_LIMIT,
    // Longer than any request line Node accepts, so a long store id reaches its route (STORE_020).
    routerOptions: { maxParamLength: 16_384 },
    // Errors raised before routing (a malformed %-escape…) still answer in the prefix's envelope.
    frameworkErrors: (error, request, untypedReply) => {
      const reply = untypedReply as FastifyReply
      const url = request.raw.url ?? ''
      if (url.startsWith(`${TOCO_PREFIX}/`)) {
        const tocoError = asTocoError(error)
        return reply.code(tocoError.statusCode).send(tocoFailure(request, clock, tocoError))
      }
      if (url.startsWith(`${WAFFO_PREFIX}/`)) {
        const waffoError = asWaffoError(error)
        return reply.code(waffoError.statusCode).send({ data: null, errors: waffoError.errors })
      }
      return reply.code(error.statusCode ?? 400).send({ error: { code: error.code, message: error.message } })
    }
  })
    .withTypeProvider<TypeBoxTypeProvider>()
  app.setValidatorCompiler(TypeBoxValidatorCompiler)
  app.decorate('mock', { db, clock, fixtures })
  app.addHook('onClose', async () => { db.close() })
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status = error.statusCode && error.statusCode < 500 ? error.statusCode : 500
    if (status === 500) request.log.error({ err: error }, 'unexpected error')
    return reply.code(status).send({ error: { code: error.code ?? 'INTERNAL_ERROR', message: status === 500 ? 'Internal server error' : error.message } })
  })

  await app.register(tocoApi, { prefix: TOCO_PREFIX, db, clock, config })
  await app.register(waffoApi, { prefix: WAFFO_PREFIX, db, clock, config })
  await app.register(adminApi, { prefix: '/__admin', db, clock, fixtures, adminToken: config.adminToken })
  return app
}

export type App = Awaited<ReturnType<typeof buildApp>>
