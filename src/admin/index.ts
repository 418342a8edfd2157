import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import type { Clock } from '../clock.js'
import type { Db } from '../db/open.js'
import { resetDatabase, type LoadedFixture } from '../fixtures/index.js'
import { captureRawJsonBodies, headerValue } from '../http/raw-body.js'
import { safeEqual } from '../signing/compare.js'

export interface AdminOptions { db: Db, clock: Clock, fixtures: LoadedFixture[], adminToken: string | undefined }

/** The control plane for test suites, under /__admin. Health stays open for container probes. */
export const adminApi: FastifyPluginAsyncTypebox<AdminOptions> = async (app, { db, clock, fixtures, adminToken }) => {
  // Test suites POST with `Content-Type: application/json` and no body; that must not be a 400.
  captureRawJsonBodies(app)
  if (adminToken) {
    app.addHook('onRequest', async (request, reply) => {
      if (request.routeOptions.url === '/__admin/health') return
      const bearer = headerValue(request.headers.authorization)?.replace(/^Bearer\s+/i, '')
      const given = headerValue(request.headers['x-admin-token']) ?? bearer ?? ''
      if (!safeEqual(given, adminToken)) {
        return reply.code(401).send({ error: { code: 'ADMIN_UNAUTHORIZED', message: 'Missing or invalid admin token' } })
      }
    })
  }

  app.get('/health', {
    schema: { response: { 200: Type.Object({ status: Type.Literal('ok') }) } }
  }, async () => ({ status: 'ok' as const }))

  app.post('/reset', {
    schema: {
      response: { 200: Type.Object({ status: Type.Literal('reset'), fixtures: Type.Array(Type.String()) }) }
    }
  }, async () => {
    resetDatabase(db, fixtures, clock.iso())
    return { status: 'reset' as const, fixtures: fixtures.map((fixture) => fixture.file) }
  })
}
