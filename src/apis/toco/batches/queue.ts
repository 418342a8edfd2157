import type Type from 'typebox'
import type { RequestContext } from '../../../core/context.js'
import { atomically } from '../../../db/atomically.js'
import type { Db } from '../../../db/open.js'
import { perDatabase } from '../../../db/per-database.js'
import { type Judged, rowScope, type RowScope } from '../catalog/judging.js'
import type { BATCH_KINDS, BatchRow } from '../fixture.js'
import { newId } from '../ids.js'
import type { BatchRowRecord } from '../repo/batches.js'
import type { TocoRepos } from '../repo/index.js'
import { emitBatchEvent } from '../webhooks/events.js'
import { applyPriceRow, judgePriceRow, type PricePlan } from './price-rows.js'
import { applyProductRow, judgeProductRow, type ProductPlan } from './product-rows.js'
import { rowKey } from './rows.js'
import { applyStockRow, judgeStockRow, type StockPlan } from './stock-rows.js'
import { applyVariantProductRow, judgeVariantProductRow, type VariantProductPlan } from './variant-rows.js'

export type BatchKind = typeof BATCH_KINDS[number]
type Row = Type.Static<typeof BatchRow>

interface Handler<Plan> {
  judge (raw: unknown, scope: RowScope): Judged<Plan>
  apply (plan: Plan, scope: RowScope, at: string): string
  /** The fields a row error repeats to identify its row. */
  keys: readonly string[]
}

const handler = <Plan>(h: Handler<Plan>) => h as Handler<unknown>
const KINDS: Record<BatchKind, Handler<unknown>> = {
  bulk: handler<ProductPlan>({ judge: (raw, scope) => judgeProductRow(raw, scope, false), apply: applyProductRow, keys: ['externalId'] }),
  'catalog-sync': handler<ProductPlan>({ judge: (raw, scope) => judgeProductRow(raw, scope, true), apply: applyProductRow, keys: ['externalId'] }),
  inventory: handler<StockPlan>({ judge: judgeStockRow, apply: applyStockRow, keys: ['sku', 'id', 'externalId'] }),
  prices: handler<PricePlan>({ judge: judgePriceRow, apply: applyPriceRow, keys: ['sku', 'id'] }),
  'with-variants': handler<VariantProductPlan>({
    judge: (raw, scope) => judgeVariantProductRow(raw, scope, false), apply: applyVariantProductRow, keys: ['externalId']
  }),
  'catalog-with-variants': handler<VariantProductPlan>({
    judge: (raw, scope) => judgeVariantProductRow(raw, scope, true), apply: applyVariantProductRow, keys: ['externalId']
  })
}

export interface RowError { code: string, message: string, rowIndex: number, [key: string]: string | number }

/** When the earliest queued batch falls due (epoch ms), per database: the tick compares before touching SQL. */
const nextDue = perDatabase((_db: Db) => ({ at: -Infinity }))

/** A queued batch now exists that falls due at `dueAt` (seeding and accepting call this). */
export function noteDue (db: Db, dueAt: string): void {
  const due = nextDue(db)
  due.at = Math.min(due.at, Date.parse(dueAt))
}

/**
 * Judges every row now and queues the accepted ones as one batch, due `delayMs` later on the
 * mock's clock. Nothing is written when no row is accepted (batchId null).
 */
export function acceptBatch (ctx: RequestContext, kind: BatchKind, store: string, requestId: string, rows: unknown[], delayMs: number) {
  const { db, clock, repos: { toco } } = ctx
  return atomically(db, () => {
    const scope = rowScope(toco, store)
    const records: Row[] = rows.map((input, rowIndex) => {
      const { failure } = KINDS[kind].judge(input, scope)
      return failure ? { rowIndex, status: 'rejected', input, ...failure } : { rowIndex, status: 'queued', input }
    })
    const errors: RowError[] = records.flatMap((row) => row.status === 'rejected'
      ? [{
          code: row.code!,
          message: row.message!,
          rowIndex: row.rowIndex,
          ...rowKey(row.input, KINDS[kind].keys),
          ...(row.path === undefined ? {} : { path: row.path })
        }]
      : [])
    const accepted = records.length - errors.length
    let batchId: string | null = null
    if (accepted > 0) {
      batchId = newId()
      const dueAt = new Date(clock.now() + delayMs).toISOString()
      const batch: BatchRowRecord = {
        id: batchId,
        request_id: requestId,
        store_client_id: store,
        kind,
        status: 'queued',
        accepted_at: clock.iso(),
        due_at: dueAt,
        applied_at: null,
        rows: JSON.stringify(records)
      }
      toco.batches.insert(batch)
      noteDue(db, dueAt)
      // "Emits stock.update.requested events": one per accepted batch that sets stock (inventory, and
      // the with-variants kinds, whose variants carry their stock), in its transaction.
      if (STOCK_KINDS.has(kind)) emitBatchEvent(ctx, 'stock.update.requested', batch)
    }
    return { requestId, batchId, acceptedRows: accepted, errors, summary: { total: records.length, accepted, rejected: errors.length } }
  })
}

/** Batches that set stock levels. */
const STOCK_KINDS = new Set<string>(['inventory', 'with-variants', 'catalog-with-variants'])

// A savepoint per row: a row that throws leaves nothing half-written and the others still apply.
const savepoint = perDatabase((db: Db) => db.transaction((fn: () => string) => fn()))

/** Applies one batch's queued rows in order, judged again against the state they now meet. */
function applyBatch (db: Db, repos: TocoRepos, batch: BatchRowRecord): BatchRowRecord {
  const kind = KINDS[batch.kind as BatchKind]
  const scope = rowScope(repos, batch.store_client_id)
  const rows = JSON.parse(batch.rows) as Row[]
  for (const row of rows) {
    if (row.status !== 'queued') continue
    const judged = kind.judge(row.input, scope)
    if (judged.failure) {
      Object.assign(row, { status: 'failed', ...judged.failure })
      continue
    }
    try {
      row.productId = savepoint(db)(() => kind.apply(judged.plan, scope, batch.due_at))
      row.status = 'applied'
    } catch {
      Object.assign(row, { status: 'failed', code: 'INTERNAL_ERROR', message: 'Internal server error' })
    }
  }
  const finished = JSON.stringify(rows)
  repos.batches.finish(batch.id, batch.due_at, finished)
  return { ...batch, status: 'applied', applied_at: batch.due_at, rows: finished }
}

/** The descriptor's tick: applies every batch that has fallen due; when the next one will. One comparison when none has. */
export function applyDueBatches (ctx: RequestContext): number {
  const due = nextDue(ctx.db)
  if (ctx.clock.now() < due.at) return due.at
  const { db, repos: { toco } } = ctx
  atomically(db, () => {
    // The final summary goes out in the transaction that applied the batch.
    for (const batch of toco.batches.due(ctx.clock.iso())) emitBatchEvent(ctx, 'batch.completed', applyBatch(db, toco, batch))
    const next = toco.batches.nextDue()
    due.at = next === null ? Infinity : Date.parse(next)
  })
  return due.at
}
