import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { adminFailure } from '../errors.js'

const ResetAnswer = Type.Object({
  status: Type.Literal('reset'),
  tenant: Type.Union([Type.String(), Type.Null()]),
  fixtures: Type.Array(Type.String())
})

/** `tenants`: what a tenant id is in each API ("a … clientId"), for the documentation. */
export const resetRoutes: FastifyPluginAsyncTypebox<{ tenants: readonly string[] }> = async (app, { tenants }) => {
  const kinds = tenants.join(' or ')
  app.post('/reset', {
    config: { auth: 'admin' },
    schema: {
      body: Type.Object({
        tenant: Type.Optional(Type.String({ minLength: 1, description: `${kinds.charAt(0).toUpperCase()}${kinds.slice(1)}: restore only its rows` }))
      }, { additionalProperties: false }),
      response: { 200: ResetAnswer }
    }
  }, async (request) => {
    const { db, clock, fixtures, files } = request.ctx
    const tenant = request.body.tenant ?? null
    if (tenant === null) files.resetDatabase(db, fixtures, clock.iso())
    else if (!files.resetTenant(db, fixtures, tenant, clock.iso())) {
      throw adminFailure(404, 'UNKNOWN_TENANT', `No partner or merchant "${tenant}" in the state or the fixtures`, '/tenant')
    }
    return { status: 'reset' as const, tenant, fixtures: fixtures.map((fixture) => fixture.file) }
  })
}
