import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { FixtureError, type LoadedFixture } from '../../core/state-files/documents.js'
import { DOCUMENT_BODY_LIMIT } from '../../http/json-limits.js'
import { adminFailure } from '../errors.js'

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Admin: the body is a whole state document (JSON limits without the array bound, src/admin/index.ts). */
    documentBody?: boolean
  }
}

/** Turns a fixture problem into the admin answer: a duplicate id is a 409, anything else a 400. */
export function asAdminFailure (error: unknown): unknown {
  if (!(error instanceof FixtureError)) return error
  return error.kind === 'duplicate'
    ? adminFailure(409, 'FIXTURE_CONFLICT', `${error.path}: ${error.reason}`, error.path)
    : adminFailure(400, 'FIXTURE_INVALID', `${error.path || '/'}: ${error.reason}`, error.path || '/')
}

/**
 * Runtime fixtures. A loaded document joins the fixtures a later reset restores: `merge` adds
 * it to them, `replace` makes it the only one (docs/fidelity.md says why).
 */
export const fixtureRoutes: FastifyPluginAsyncTypebox<{ apiNames: readonly string[] }> = async (app, { apiNames }) => {
  let loaded = 0
  app.post('/fixtures', {
    config: { auth: 'admin', documentBody: true },
    bodyLimit: DOCUMENT_BODY_LIMIT,
    schema: {
      querystring: Type.Object({ mode: Type.Optional(Type.Enum(['merge', 'replace'], { default: 'merge' })) }),
      body: Type.Unknown({
        description: 'A fixture document (fixtures/schema.json)',
        // One section per API, each as fixtures/schema.json describes it.
        examples: [{ description: 'A suite\'s scenario', ...Object.fromEntries(apiNames.map((name) => [name, {}])) }]
      }),
      response: {
        200: Type.Object({
          mode: Type.Enum(['merge', 'replace']),
          fixture: Type.String(),
          counts: Type.Record(Type.String(), Type.Integer())
        })
      }
    }
  }, async (request) => {
    const mode = request.query.mode ?? 'merge'
    // Numbered by the documents loaded: a refused one takes no number.
    const name = `admin:${mode}:${loaded + 1}`
    const { ctx } = request
    try {
      const fixture: LoadedFixture = { file: name, doc: ctx.files.validateFixture(name, request.body) }
      // `replace` wipes the baseline: only a document with at least one API section may do that.
      const sections = Object.keys(fixture.doc).filter((key) => key !== '$schema' && key !== 'description')
      if (mode === 'replace' && sections.length === 0) {
        throw adminFailure(400, 'FIXTURE_INVALID', '/: replace needs a fixture document with at least one API section', '/')
      }
      const counts = ctx.files.loadDocument(ctx.db, fixture, mode, ctx.clock.iso())
      loaded++
      ctx.fixtures = mode === 'replace' ? [fixture] : [...ctx.fixtures, fixture]
      return { mode, fixture: name, counts }
    } catch (error) {
      throw asAdminFailure(error)
    }
  })
}
