import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Config } from '../../config.js'
import type { TSchema } from 'typebox'
import { captureRawJsonBodies } from '../../http/raw-body.js'
import { throwingHook } from '../../http/throwing-hook.js'
import { bodyError } from './routes/validation.js'
import { waffoAuthenticator } from './auth.js'
import { replyWaffoError, waffoErrors } from './errors.js'
import { idempotencyKeys } from './idempotency.js'
import { graphqlRoute } from './graphql/route.js'
import { contentSafetyRoutes } from './routes/content-safety.js'
import { groupRoutes } from './routes/groups.js'
import { checkoutRoutes } from './routes/checkout.js'
import { orderRoutes } from './routes/orders.js'
import { productRoutes } from './routes/products.js'
import { refundRoutes } from './routes/refunds.js'
import { storeMerchantRoutes } from './routes/store-merchants.js'
import { storeRoutes } from './routes/stores.js'
import { webhookRoutes } from './routes/webhooks.js'

/** The Waffo Pancake API, registered under /v1 with its own body capture, gateway check and envelope. */
export const waffoPlugin: FastifyPluginAsyncTypebox<{ config: Config }> = async (app, { config }) => {
  captureRawJsonBodies(app)
  app.addHook('preValidation', waffoAuthenticator(config))
  // After the gateway, before the body is judged: a key in flight is held across the fault delay.
  idempotencyKeys(app)
  app.setErrorHandler((error, request, reply) => replyWaffoError(request, reply, error))
  app.setNotFoundHandler((request, reply) => replyWaffoError(request, reply, waffoErrors.routeNotFound()))
  // Bodies are validated after the gateway (routes attach validation): a refusal in Waffo's words.
  app.addHook('preHandler', throwingHook((request) => {
    const invalid = request.validationError
    if (invalid) throw bodyError(invalid.validation, request.body, request.routeOptions.schema!.body as TSchema, request.routeOptions.config.layer!)
  }))

  // Route groups are plain calls, not plugins: they add routes only, and each plugin costs
  // ~0.25 ms of start-up (docs/benchmarks.md, issue 21's fourth cut).
  await storeRoutes(app, {})
  await storeMerchantRoutes(app, {})
  await productRoutes(app, {})
  await groupRoutes(app, {})
  await contentSafetyRoutes(app, {})
  await orderRoutes(app, {})
  await checkoutRoutes(app, {})
  await refundRoutes(app, {})
  await webhookRoutes(app, {})
  await graphqlRoute(app, {})
}
