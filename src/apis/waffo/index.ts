import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyError } from 'fastify'
import type { Clock } from '../../clock.js'
import type { Config } from '../../config.js'
import type { Db } from '../../db/open.js'
import { captureRawJsonBodies } from '../../http/raw-body.js'
import { waffoAuthenticator } from './auth.js'
import { WaffoError, waffoErrors } from './errors.js'
import { storeActions } from './routes/stores.js'
import { createWaffoStore } from './store.js'

export interface WaffoApiOptions { db: Db, clock: Clock, config: Config }

/** The Waffo Pancake API, registered under /v1 with its own body capture, gateway check and envelope. */
export const waffoApi: FastifyPluginAsyncTypebox<WaffoApiOptions> = async (app, { db, clock, config }) => {
  const store = createWaffoStore(db)

  captureRawJsonBodies(app)
  app.addHook('preValidation', waffoAuthenticator(store, clock, config))

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const waffoError = asWaffoError(error)
    if (waffoError.statusCode >= 500) request.log.error({ err: error }, 'unexpected error')
    else request.log.info({ status: waffoError.statusCode }, waffoError.message)
    return reply.code(waffoError.statusCode).send({ data: null, errors: waffoError.errors })
  })
  app.setNotFoundHandler((request, reply) => {
    return reply.code(404).send({ data: null, errors: waffoErrors.routeNotFound().errors })
  })

  await app.register(storeActions, { store, clock })
}

/** Errors raised by Fastify itself get Waffo's envelope too; 5xx details stay in the log. */
export function asWaffoError (error: FastifyError): WaffoError {
  if (error instanceof WaffoError) return error
  if (error.statusCode === 413) return waffoErrors.payloadTooLarge()
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) return waffoErrors.badRequest(error.message)
  return waffoErrors.internal()
}
