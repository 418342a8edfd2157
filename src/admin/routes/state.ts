import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { randomUUID } from 'node:crypto'
import Type from 'typebox'
import type { AnyDocument } from '../../core/state-files/documents.js'
import { changeStamp } from '../../db/change-stamp.js'
import { perDatabase } from '../../db/per-database.js'
import { adminFailure } from '../errors.js'
import { asAdminFailure } from './fixtures.js'

/** Bytes of exported state allowed per SNAPSHOT_LIMIT slot (all snapshots together). */
export const SNAPSHOT_BYTES = 4 * 1024 * 1024

// Not dots alone: `.` and `..` are path segments every URL-normalising client (fetch, browsers) resolves away.
const Name = Type.String({ minLength: 1, maxLength: 200, pattern: '^(?!\\.+$)[A-Za-z0-9._-]+$' })
const SNAPSHOT = { name: 'before-checkout', createdAt: '2026-03-01T10:00:00.000Z' }
const Snapshot = Type.Object({ name: Type.String(), createdAt: Type.String() }, { examples: [SNAPSHOT] })
const FixtureDocumentAnswer = Type.Unknown({ description: 'A fixture document (fixtures/schema.json), serialized by the route' })

/** Names one database object for the ETag of its state. */
const databaseTag = perDatabase(() => randomUUID())

/** If-None-Match as RFC 9110 (13.1.2) reads it: `*`, or a list of tags compared weakly (a proxy may mark ours W/). */
function noneMatch (header: string | undefined, tag: string): boolean {
  if (header === undefined) return false
  return header.trim() === '*' || header.split(',').some((listed) => listed.trim().replace(/^W\//, '') === tag)
}

/**
 * The whole state as a fixture document, and named snapshots of it (in memory, never in
 * SQLite). Restoring a snapshot replaces the state but not the fixtures a reset restores.
 */
export const stateRoutes: FastifyPluginAsyncTypebox<{ snapshotLimit: number }> = async (app, { snapshotLimit }) => {
  const snapshots = new Map<string, { doc: AnyDocument, createdAt: string, bytes: number }>()
  /** 50 snapshots of a 1.8 MB state were +156 MB RSS: count and bytes are both capped. */
  const byteLimit = snapshotLimit * SNAPSHOT_BYTES

  app.get('/state', {
    config: { auth: 'admin' },
    schema: { response: { 200: FixtureDocumentAnswer, 304: Type.Null({ description: 'If-None-Match names the current ETag: nothing was written since' }) } }
  }, async (request, reply) => {
    const { files, db } = request.ctx
    // The ETag moves with every write (and with the database itself, which a reset may replace):
    // a poller (the dashboard) asks each second, and an unchanged state costs no export.
    const tag = `"${databaseTag(db)}-${changeStamp(db)()}"`
    reply.header('etag', tag)
    if (noneMatch(request.headers['if-none-match'], tag)) return reply.code(304).send(null)
    // Serialized here, keys in export order, so an export of a reloaded export is byte-identical.
    return reply.type('application/json').serializer((payload) => payload as string).send(JSON.stringify(files.exportState(db)))
  })

  app.get('/snapshots', {
    config: { auth: 'admin' },
    schema: { response: { 200: Type.Object({ snapshots: Type.Array(Snapshot) }, { examples: [{ snapshots: [SNAPSHOT] }] }) } }
  }, async () => ({ snapshots: [...snapshots].map(([name, { createdAt }]) => ({ name, createdAt })) }))

  app.put('/snapshots/:name', {
    config: { auth: 'admin' },
    schema: { params: Type.Object({ name: Name }), response: { 200: Snapshot } }
  }, async (request) => {
    const { files, db, clock } = request.ctx
    const { name } = request.params
    const others = [...snapshots].filter(([other]) => other !== name)
    if (others.length >= snapshotLimit) {
      throw adminFailure(409, 'SNAPSHOT_LIMIT', `At most ${snapshotLimit} snapshots are kept (SNAPSHOT_LIMIT); delete one first`, '/name')
    }
    const doc = files.exportState(db)
    const bytes = Buffer.byteLength(JSON.stringify(doc))
    const used = others.reduce((sum, [, snapshot]) => sum + snapshot.bytes, 0)
    if (used + bytes > byteLimit) {
      throw adminFailure(409, 'SNAPSHOT_LIMIT', `Snapshots may hold ${byteLimit} bytes in all (SNAPSHOT_LIMIT × ${SNAPSHOT_BYTES}); this one needs ${bytes} and ${used} are in use; delete one first`, '/name')
    }
    const createdAt = clock.iso()
    snapshots.set(name, { doc, createdAt, bytes })
    return { name, createdAt }
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
