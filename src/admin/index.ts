import type { FastifyError, FastifyPluginAsync } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { DOCUMENT_LIMITS, JSON_LIMITS } from '../http/json-limits.js'
import { captureRawJsonBodies, headerValue } from '../http/raw-body.js'
import { pathOf } from '../http/url.js'
import { safeEqual } from '../signing/compare.js'
import { dashboardRoutes } from './dashboard/index.js'
import type { DashboardSection } from './dashboard/page.js'
import { adminError } from '../http/answer.js'
import { replyAdminError } from './errors.js'
import { guardAdmin, type AdminGuardOptions } from './guard.js'
import { openApiRoutes } from './openapi.js'
import { clockRoutes } from './routes/clock.js'
import { faultRoutes } from './routes/faults.js'
import { healthRoutes } from './routes/health.js'
import { requestRoutes } from './routes/requests.js'
import { fixtureRoutes } from './routes/fixtures.js'
import { resetRoutes } from './routes/reset.js'
import { stateRoutes } from './routes/state.js'
import { webhookRoutes, type EventSource } from './routes/webhooks.js'

export interface AdminOptions {
  adminToken: string | undefined
  /** Each API's own control-plane routes, registered under /__admin/<name>. */
  extensions: ReadonlyArray<{ name: string, plugin: FastifyPluginAsync }>
  /** Each API's name and what its tenant id is ("a … id"), in registry order. */
  apis: ReadonlyArray<{ name: string, tenant: string }>
  /** The mock's name, as the dashboard titles it. */
  product: string
  /** Each API's section of the dashboard, in registry order. */
  sections: readonly DashboardSection[]
  /** Host, Origin and media-type checks (guard.ts). */
  guard: AdminGuardOptions
  /** SNAPSHOT_LIMIT: named snapshots kept at most. */
  snapshotLimit: number
  /** Each API's events, for POST /__admin/webhooks/trigger. */
  eventSources: readonly EventSource[]
}

/** The control plane for test suites, under /__admin. Public routes (health for probes, the static dashboard page) stay open. */
export const adminApi: FastifyPluginAsync<AdminOptions> = async (app, { adminToken, extensions, product, sections, apis, guard, snapshotLimit, eventSources }) => {
  // Test suites POST with `Content-Type: application/json` and no body; that must not be a 400.
  // A state document (POST /__admin/fixtures) has arrays as long as the state has rows.
  captureRawJsonBodies(app, (request) => request.routeOptions.config.documentBody === true ? DOCUMENT_LIMITS : JSON_LIMITS)
  guardAdmin(app, guard)
  if (adminToken) {
    app.addHook('onRequest', (request, reply, done) => {
      if (request.routeOptions.config.public) return done()
      const given = headerValue(request.headers.authorization)?.match(/^Bearer\s+(.*)$/i)?.[1] ?? ''
      if (!safeEqual(given, adminToken)) {
        return reply.code(401).send(adminError('ADMIN_UNAUTHORIZED', 'Missing or invalid admin token'))
      }
      done()
    })
  }

  app.setErrorHandler((error: FastifyError, _request, reply) => replyAdminError(reply, error))
  // Fastify's own 404 body is not the control plane's shape.
  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send(adminError('NOT_FOUND', `No control-plane route ${request.method} ${pathOf(request.url)} (README: "Control plane")`)))
  app.addHook('preValidation', (request, reply, done) => {
    if (request.bodyOverLimit) return reply.code(400).send(adminError('JSON_LIMIT', request.bodyOverLimit, '/'))
    if (request.bodyNotJson) return reply.code(400).send(adminError('INVALID_JSON', 'The body is not valid JSON', '/'))
    // An empty body counts as {} so optional-body routes validate it; a literal `null` stays null.
    if (!request.rawBody?.length) request.body ??= {}
    done()
  })

  // Route groups are plain calls, not plugins: they add routes only, and each plugin costs
  // ~0.25 ms of start-up (docs/benchmarks.md, issue 21's fourth cut).
  const routes = app.withTypeProvider<TypeBoxTypeProvider>()
  await healthRoutes(routes, {})
  await dashboardRoutes(routes, { product, sections })
  await openApiRoutes(routes, {})
  await resetRoutes(routes, { tenants: apis.map((api) => api.tenant) })
  await fixtureRoutes(routes, { apiNames: apis.map((api) => api.name) })
  await stateRoutes(routes, { snapshotLimit })
  await clockRoutes(routes, {})
  await requestRoutes(routes, {})
  await faultRoutes(routes, { apiNames: apis.map((api) => api.name) })
  await webhookRoutes(eventSources)(routes, {})
  for (const { name, plugin } of extensions) await app.register(plugin, { prefix: `/${name}` })
}
