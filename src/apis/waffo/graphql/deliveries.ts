/**
 * Delivery logs. Webhook deliveries come from the core outbox (newest first), with their latest
 * attempt read in one statement for the whole page; the top-level list shows only deliveries
 * of the caller's environment (the payload's `mode`). The mock sends no email, so email
 * deliveries are always an empty list.
 */
import type { AttemptRow, DeliveryRow } from '../../../core/webhooks/outbox.js'
import { idList, prepared } from './statements.js'
import type { ReadContext } from './resolvers.js'

const LATEST_ATTEMPTS = `SELECT a.* FROM mock_delivery_attempts a
  JOIN (SELECT delivery_id, max(n) AS n FROM mock_delivery_attempts WHERE delivery_id IN (SELECT value FROM json_each(?)) GROUP BY delivery_id) l
  ON l.delivery_id = a.delivery_id AND l.n = a.n`

/** mock_deliveries rows as GraphQL shows them; storeWebhookId is null once the webhook was removed. */
export function deliveryObjects (rows: DeliveryRow[], ctx: ReadContext) {
  const latest = new Map(prepared<[string], AttemptRow>(ctx.db, LATEST_ATTEMPTS).all(idList(rows.map((row) => row.id))).map((attempt) => [attempt.delivery_id, attempt]))
  return rows.map((row) => {
    const payload = JSON.parse(row.payload) as { eventId?: string }
    const attempt = latest.get(row.id)
    return {
      id: row.id,
      storeId: row.store,
      storeWebhookId: row.subscription !== null && ctx.repos.webhooks.byId(row.subscription) ? row.subscription : null,
      eventType: row.event,
      eventId: payload.eventId ?? null,
      url: row.target,
      webhookUrl: row.target,
      status: row.status,
      attempts: row.attempts,
      attemptCount: row.attempts,
      httpStatus: attempt?.status ?? null,
      responseBody: attempt?.response ?? null,
      lastAttemptedAt: attempt?.at ?? null,
      payload,
      createdAt: row.created_at,
      finishedAt: row.finished_at
    }
  })
}

/** The deliveries of these stores in the caller's environment, newest first. */
export function webhookDeliveries (ctx: ReadContext, storeIds: readonly string[]) {
  if (ctx.buyer) return []
  const rows = storeIds.flatMap((storeId) => ctx.deliveries(storeId))
    .filter((row) => (JSON.parse(row.payload) as { mode?: string }).mode === ctx.environment)
    .sort((a, b) => b.created_at.localeCompare(a.created_at))
  return deliveryObjects(rows, ctx)
}
