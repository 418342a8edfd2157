import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { adminFailure } from '../errors.js'

/** What a whole reset also puts back, unless `keep` names it. */
export const RESETTABLE = ['faults', 'requests', 'clock'] as const

const ResetAnswer = Type.Object({
  status: Type.Literal('reset'),
  tenant: Type.Union([Type.String(), Type.Null()]),
  fixtures: Type.Array(Type.String()),
  skipped: Type.Optional(Type.Array(Type.Object({
    fixture: Type.String(),
    path: Type.String(),
    reason: Type.String()
  }), { description: 'Documents of the baseline that no longer load (merged onto rows a reset removes): left out of it from now on' })),
  cleared: Type.Object({
    faults: Type.Integer({ description: 'Fault rules removed' }),
    requests: Type.Integer({ description: 'Journal entries removed' }),
    clock: Type.Boolean({ description: 'The clock was frozen or offset and is real time again' })
  })
})

/** `tenants`: what a tenant id is in each API ("a … clientId"), for the documentation. */
export const resetRoutes: FastifyPluginAsyncTypebox<{ tenants: readonly string[] }> = async (app, { tenants }) => {
  const kinds = tenants.join(' or ')
  app.post('/reset', {
    config: { auth: 'admin' },
    schema: {
      body: Type.Object({
        // null is no tenant, as the answer writes it.
        tenant: Type.Optional(Type.Union([Type.String({ minLength: 1 }), Type.Null()], { description: `${kinds.charAt(0).toUpperCase()}${kinds.slice(1)}: restore only its rows (faults, journal and clock stay); null or left out: everything` })),
        keep: Type.Optional(Type.Array(Type.Enum(RESETTABLE), {
          uniqueItems: true,
          description: 'A whole reset also removes every fault rule, empties the journal and puts the clock back to real time; name what to keep'
        }))
      }, { additionalProperties: false, examples: [{}, { keep: ['requests'] }] }),
      response: { 200: ResetAnswer }
    }
  }, async (request) => {
    const { db, clock, fixtures, faults, journal, files } = request.ctx
    const tenant = request.body.tenant ?? null
    const cleared = { faults: 0, requests: 0, clock: false }
    let skipped: Array<{ fixture: string, path: string, reason: string }> | undefined
    if (tenant === null) {
      const keep = new Set(request.body.keep ?? [])
      if (!keep.has('clock')) {
        cleared.clock = clock.frozen || Math.round(clock.offsetMs) !== 0
        clock.reset()
      }
      const failed = files.resetDatabase(db, fixtures, clock.iso())
      if (failed.length > 0) {
        const left = new Set(failed.map((error) => error.file))
        request.ctx.fixtures = fixtures.filter((fixture) => !left.has(fixture.file))
        skipped = failed.map((error) => ({ fixture: error.file, path: error.path || '/', reason: error.reason }))
        request.log.warn({ skipped }, 'reset: fixture documents that no longer load were left out of the baseline')
      }
      if (!keep.has('faults')) cleared.faults = faults.clear()
      if (!keep.has('requests')) cleared.requests = journal.clear()
    } else if (!files.resetTenant(db, fixtures, tenant, clock.iso())) {
      throw adminFailure(404, 'UNKNOWN_TENANT', `No partner or merchant "${tenant}" in the state or the fixtures`, '/tenant')
    }
    return { status: 'reset' as const, tenant, fixtures: request.ctx.fixtures.map((fixture) => fixture.file), ...(skipped && { skipped }), cleared }
  })
}
