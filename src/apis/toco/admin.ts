import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { adminFailure } from '../../admin/errors.js'
import { BATCH_KINDS, BatchRow } from './fixture.js'
import type { BatchRowRecord } from './repo/batches.js'

const Batch = Type.Object({
  batchId: Type.String(),
  requestId: Type.String(),
  storeClientId: Type.String(),
  kind: Type.Enum(BATCH_KINDS),
  status: Type.Enum(['queued', 'applied']),
  acceptedAt: Type.String(),
  dueAt: Type.String(),
  appliedAt: Type.Union([Type.String(), Type.Null()]),
  summary: Type.Object({ total: Type.Integer(), rejected: Type.Integer(), queued: Type.Integer(), applied: Type.Integer(), failed: Type.Integer() }),
  rows: Type.Array(BatchRow)
})

function formatBatch (row: BatchRowRecord): Type.Static<typeof Batch> {
  const rows = JSON.parse(row.rows) as Array<Type.Static<typeof BatchRow>>
  const count = (status: string) => rows.filter((entry) => entry.status === status).length
  return {
    batchId: row.id,
    requestId: row.request_id,
    storeClientId: row.store_client_id,
    kind: row.kind as Type.Static<typeof Batch>['kind'],
    status: row.status,
    acceptedAt: row.accepted_at,
    dueAt: row.due_at,
    appliedAt: row.applied_at,
    summary: { total: rows.length, rejected: count('rejected'), queued: count('queued'), applied: count('applied'), failed: count('failed') },
    rows
  }
}

/**
 * /__admin/toco: the status of the asynchronous batches (bulk create, catalog sync, stocks,
 * prices) and each row's outcome — what upstream reports by webhook, which the mock does not send.
 */
export const tocoAdmin: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/batches/:batchId', {
    config: { auth: 'admin' },
    schema: { summary: 'One Toco async batch with its rows and state', params: Type.Object({ batchId: Type.String() }), response: { 200: Batch } }
  }, async (request) => {
    const batch = request.ctx.repos.toco.batches.find(request.params.batchId)
    if (!batch) throw adminFailure(404, 'UNKNOWN_BATCH', `No Toco batch "${request.params.batchId}"`, '/batchId')
    return formatBatch(batch)
  })

  app.get('/batches', {
    config: { auth: 'admin' },
    schema: {
      summary: 'Toco async batches, optionally of one store',
      querystring: Type.Object({ storeClientId: Type.Optional(Type.String({ minLength: 1 })) }),
      response: { 200: Type.Object({ batches: Type.Array(Batch) }) }
    }
  }, async (request) => ({ batches: request.ctx.repos.toco.batches.list(request.query.storeClientId).map(formatBatch) }))
}
