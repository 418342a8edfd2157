import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { TocoConfig } from './config.js'
import { captureRawJsonBodies } from '../../http/raw-body.js'
import { pathOf } from '../../http/url.js'
import { tocoAuthenticator } from './auth.js'
import { replyTocoError, tocoErrors } from './errors.js'
import { batchRoutes } from './routes/batches.js'
import { onboardingRoutes } from './routes/onboarding.js'
import { orderRoutes } from './routes/orders.js'
import { productReadRoutes } from './routes/product-reads.js'
import { productUpdateRoutes } from './routes/product-update.js'
import { productRoutes } from './routes/products.js'
import { storeRoutes } from './routes/stores.js'

/** The Toco Partner API, registered under /api/v1 with its own body capture, guard and envelope. */
export const tocoPlugin: FastifyPluginAsyncTypebox<{ config: TocoConfig }> = async (app, { config }) => {
  captureRawJsonBodies(app)
  app.addHook('preValidation', tocoAuthenticator(config))
  app.setSchemaErrorFormatter((errors) => tocoErrors.validation(Object.fromEntries(errors.map((error) =>
    [error.instancePath.slice(1).replaceAll('/', '.') || 'body', error.message ?? 'is invalid']))))
  app.setErrorHandler((error, request, reply) => replyTocoError(request, reply, error))
  app.setNotFoundHandler((request, reply) =>
    replyTocoError(request, reply, tocoErrors.routeNotFound(request.method, pathOf(request.url))))

  // Route groups are plain calls, not plugins: they add routes only, and each plugin costs
  // ~0.25 ms of start-up (docs/benchmarks.md, issue 21's fourth cut).
  await storeRoutes(app, {})
  await onboardingRoutes(app, {})
  await productRoutes(app, { maxBatch: config.tocoMaxBatch })
  await batchRoutes(app, { maxBatch: config.tocoMaxBatch, delayMs: config.tocoBatchDelayMs })
  await productReadRoutes(app, {})
  await productUpdateRoutes(app, {})
  await orderRoutes(app, {})
}
