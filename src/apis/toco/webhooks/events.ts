import { TriggerError, type TriggerInput, type TriggerResult } from '../../../core/api.js'
import type { RequestContext } from '../../../core/context.js'
import { atomically } from '../../../db/atomically.js'
import { formatBatch } from '../batch-summary.js'
import type { BatchRowRecord } from '../repo/batches.js'

/** Our names (upstream documents none): a queued batch applied, and a stock batch accepted. */
export const TOCO_EVENTS = ['batch.completed', 'stock.update.requested'] as const
export type TocoEvent = typeof TOCO_EVENTS[number]

/**
 * Writes a Toco event about a batch to the outbox: to the store's partner's webhook URL (when it
 * has one) and the forward URL. `{id, event, createdAt, partnerClientId, data}`; data is the batch as
 * GET /__admin/toco/batches/{id} shows it. Call it in the batch's transaction.
 */
export function emitBatchEvent (ctx: RequestContext, event: TocoEvent, batch: BatchRowRecord): number | null {
  const partner = ctx.repos.toco.partners.ofStore(batch.store_client_id)
  if (!partner) return null
  const createdAt = ctx.clock.iso()
  const data = formatBatch(batch)
  return ctx.outbox.emit({
    api: 'toco',
    event,
    store: batch.store_client_id,
    targets: partner.webhook_url === null ? [] : [{ url: partner.webhook_url, subscription: partner.client_id }],
    body: (id) => JSON.stringify({ id, event, createdAt, partnerClientId: partner.client_id, data })
  })
}

/** POST /__admin/webhooks/trigger for Toco: the event about a store's latest batch (no state change). */
export function triggerToco (ctx: RequestContext, { event, storeId }: TriggerInput): TriggerResult {
  if (storeId === undefined) throw new TriggerError(400, 'Toco events need a storeId (a storeClientId)', '/storeId')
  return atomically(ctx.db, () => {
    const [latest] = ctx.repos.toco.batches.list(storeId)
    if (!latest) throw new TriggerError(404, `Toco store "${storeId}" has no batch to report`, '/storeId')
    return { source: 'synthetic', note: `${event} about batch ${latest.id} as it is (no state change)`, event: emitBatchEvent(ctx, event as TocoEvent, latest) }
  })
}
