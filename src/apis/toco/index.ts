import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyError } from 'fastify'
import type { Clock } from '../../clock.js'
import type { Config } from '../../config.js'
import type { Db } from '../../db/open.js'
import { captureRawJsonBodies } from '../../http/raw-body.js'
import { tocoAuthenticator } from './auth.js'
import { failure } from './envelope.js'
import { TocoError, tocoErrors } from './errors.js'
import { productRoutes } from './routes/products.js'
import { storeRoutes } from './routes/stores.js'
import { createTocoStore } from './store.js'

export interface TocoApiOptions { db: Db, clock: Clock, config: Config }

/** The Toco Partner API, registered under /api/v1 with its own body capture, guard and envelope. */
export const tocoApi: FastifyPluginAsyncTypebox<TocoApiOptions> = async (app, { db, clock, config }) => {
  const store = createTocoStore(db)

  captureRawJsonBodies(app)
  app.addHook('preValidation', tocoAuthenticator(store, clock, config))
  app.setSchemaErrorFormatter((errors) => tocoErrors.validation(Object.fromEntries(errors.map((error) =>
    [error.instancePath.slice(1).replaceAll('/', '.') || 'body', error.message ?? 'is invalid']))))

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const tocoError = asTocoError(error)
    if (tocoError.statusCode >= 500) request.log.error({ err: error }, 'unexpected error')
    else request.log.info({ code: tocoError.code }, tocoError.message)
    return reply.code(tocoError.statusCode).send(failure(request, clock, tocoError))
  })
  app.setNotFoundHandler((request, reply) => {
    const error = tocoErrors.routeNotFound(request.method, request.url.split('?')[0]!)
    return reply.code(404).send(failure(request, clock, error))
  })

  await app.register(storeRoutes, { store, clock })
  await app.register(productRoutes, { store, clock, maxBatch: config.tocoMaxBatch })
}

/** Errors raised by Fastify itself (oversized body, bad URL, bad Content-Length…) get Toco's envelope too. */
export function asTocoError (error: FastifyError): TocoError {
  if (error instanceof TocoError) return error
  if (error.statusCode === 413) return tocoErrors.payloadTooLarge()
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) return tocoErrors.badRequest(error.message)
  return tocoErrors.internal()
}
