import Type from 'typebox'
import { BATCH_KINDS, BatchRow } from './fixture.js'
import type { BatchRowRecord } from './repo/batches.js'

/** A bulk create of one product, applied (`GET /__admin/toco/batches`). */
export const BATCH_EXAMPLE = {
  batchId: '02867717-d8cc-47e7-9e13-18d7c21a9519',
  requestId: '4412e944-d802-4e21-92e3-fb695584bd37',
  storeClientId: 'str_TGIxyboe7-Rz',
  kind: 'bulk',
  status: 'applied',
  acceptedAt: '2026-03-01T10:00:00.000Z',
  dueAt: '2026-03-01T10:00:00.000Z',
  appliedAt: '2026-03-01T10:00:00.000Z',
  summary: { total: 1, rejected: 0, queued: 0, applied: 1, failed: 0 },
  rows: [{ rowIndex: 0, status: 'applied', input: { externalId: 'sku-1', name: 'Kaos Polos', price: 75000, stock: 5 }, productId: 'aa1aabb7-7d2f-49a5-8a41-1cd85a184be2' }]
}

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
}, { examples: [BATCH_EXAMPLE] })

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
