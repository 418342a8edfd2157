import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import type { AnyDocument } from '../../core/state-files/documents.js'
import { adminFailure } from '../errors.js'
import { asAdminFailure } from './fixtures.js'

const Name = Type.String({ minLength: 1, maxLength: 200, pattern: '^[A-Za-z0-9._-]+$' })
const Snapshot = Type.Object({ name: Type.String(), createdAt: Type.String() })
const FixtureDocumentAnswer = Type.Unknown({ description: 'A fixture document (fixtures/schema.json), serialized by the route' })

/**
 * The whole state as a fixture document, and named snapshots of it (in memory, never in
 * SQLite). Restoring a snapshot replaces the state but not the fixtures a reset restores.
 */
export const stateRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const snapshots = new Map<string, { doc: AnyDocument, createdAt: string }>()

  app.get('/state', {
    config: { auth: 'admin' },
    schema: { response: { 200: FixtureDocumentAnswer } }
  }, async (request, reply) => {
    const { files, db } = request.ctx
    // Serialized here, keys in export order, so an export of a reloaded export is byte-identical.
    return reply.type('application/json').serializer((payload) => payload as string).send(JSON.stringify(files.exportState(db)))
  })

  app.get('/snapshots', {
    config: { auth: 'admin' },
    schema: { response: { 200: Type.Object({ snapshots: Type.Array(Snapshot) }) } }
  }, async () => ({ snapshots: [...snapshots].map(([name, { createdAt }]) => ({ name, createdAt })) }))

  app.put('/snapshots/:name', {
    config: { auth: 'admin' },
    schema: { params: Type.Object({ name: Name }), response: { 200: Snapshot } }
  }, async (request) => {
    const { files, db, clock } = request.ctx
    const createdAt = clock.iso()
    snapshots.set(request.params.name, { doc: files.exportState(db), createdAt })
    return { name: request.params.name, createdAt }
  })

  app.post('/snapshots/:name/restore', {
    config: { auth: 'admin' },
    schema: {
      params: Type.Object({ name: Name }),
      response: { 200: Type.Object({ status: Type.Literal('restored'), name: Type.String(), counts: Type.Record(Type.String(), Type.Integer()) }) }
    }
  }, async (request) => {
    const { name } = request.params
    const snapshot = snapshots.get(name)
    if (!snapshot) throw adminFailure(404, 'UNKNOWN_SNAPSHOT', `No snapshot "${name}"`, '/name')
    try {
      const { files, db, clock } = request.ctx
      const counts = files.loadDocument(db, { file: `snapshot:${name}`, doc: snapshot.doc }, 'replace', clock.iso())
      return { status: 'restored' as const, name, counts }
    } catch (error) {
      throw asAdminFailure(error)
    }
  })

  app.delete('/snapshots/:name', {
    config: { auth: 'admin' },
    schema: { params: Type.Object({ name: Name }), response: { 200: Type.Object({ deleted: Type.String() }) } }
  }, async (request) => {
    if (!snapshots.delete(request.params.name)) throw adminFailure(404, 'UNKNOWN_SNAPSHOT', `No snapshot "${request.params.name}"`, '/name')
    return { deleted: request.params.name }
  })
}
