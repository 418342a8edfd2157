import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Config } from '../../config.js'
import { captureRawJsonBodies } from '../../http/raw-body.js'
import { waffoAuthenticator } from './auth.js'
import { asWaffoError, waffoErrors } from './errors.js'
import { failure } from './format.js'
import { graphqlRoute } from './graphql/route.js'
import { orderRoutes } from './routes/orders.js'
import { productRoutes } from './routes/products.js'
import { storeMerchantRoutes } from './routes/store-merchants.js'
import { storeRoutes } from './routes/stores.js'
import { webhookRoutes } from './routes/webhooks.js'

/** Writes any error in Waffo's envelope; 5xx details stay in the log. */
export function replyWaffoError (request: FastifyRequest, reply: FastifyReply, error: unknown): FastifyReply {
  const waffoError = asWaffoError(error)
  if (waffoError.statusCode >= 500) request.log.error({ err: error }, 'unexpected error')
  else request.log.info({ status: waffoError.statusCode }, waffoError.message)
  return reply.code(waffoError.statusCode).send(failure(waffoError))
}

/** The Waffo Pancake API, registered under /v1 with its own body capture, gateway check and envelope. */
export const waffoPlugin: FastifyPluginAsyncTypebox<{ config: Config }> = async (app, { config }) => {
  captureRawJsonBodies(app)
  app.addHook('preValidation', waffoAuthenticator(config))
  app.setErrorHandler((error, request, reply) => replyWaffoError(request, reply, error))
  app.setNotFoundHandler((request, reply) => replyWaffoError(request, reply, waffoErrors.routeNotFound()))

  await app.register(storeRoutes)
  await app.register(storeMerchantRoutes)
  await app.register(productRoutes)
  await app.register(orderRoutes)
  await app.register(webhookRoutes)
  await app.register(graphqlRoute)
}
