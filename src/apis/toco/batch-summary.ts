import Type from 'typebox'
import { BATCH_KINDS, BatchRow } from './fixture.js'
import type { BatchRowRecord } from './repo/batches.js'

/** A batch and each row's outcome: the control plane shows it, and the batch webhooks carry it. */
export const Batch = Type.Object({
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

export function formatBatch (row: BatchRowRecord): Type.Static<typeof Batch> {
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
