import { randomUUID } from 'node:crypto'
import type { Clock } from '../../clock.js'
import type { Db } from '../../db/open.js'
import { perDatabase } from '../../db/per-database.js'

export type DeliveryStatus = 'pending' | 'delivered' | 'failed'

export interface DeliveryRow {
  id: string
  api: string
  event: string
  store: string | null
  subscription: string | null
  target: string
  payload: string
  status: DeliveryStatus
  attempts: number
  next_at: string | null
  signed_at: number | null
  signature: string | null
  created_at: string
  finished_at: string | null
}

export interface AttemptRow {
  delivery_id: string
  n: number
  at: string
  status: number | null
  latency_ms: number
  error: string | null
  response: string | null
}

/** Where one event goes: a registered subscription's URL (or the forward URL, subscription null). */
export interface Target { url: string, subscription: string | null }

/** One event as an API hands it to the outbox; body builds the raw payload from the delivery id. */
export interface OutgoingEvent {
  api: string
  event: string
  store: string | null
  targets: readonly Target[]
  body (deliveryId: string): string
}

export interface DeliveryFilter { api?: string, event?: string, status?: string, store?: string, since?: string, limit: number }

/**
 * Exponential backoff on the mock clock after failed attempt n (1-based): 1, 2, 4, 8, 16 minutes
 * (31 minutes in all, inside the 45-minute window verifyWebhook allows by default); six attempts.
 */
export const RETRY_DELAYS_MS: readonly number[] = [60_000, 120_000, 240_000, 480_000, 960_000]
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1

/** The earliest next_at of a pending delivery (epoch ms), per database: the deliverer compares before touching SQL. */
export const nextDelivery = perDatabase((_db: Db) => ({ at: -Infinity }))

function statements (db: Db) {
  const insert = db.prepare<DeliveryRow>(`
    INSERT INTO mock_deliveries (id, api, event, store, subscription, target, payload, status, attempts, next_at, signed_at, signature, created_at, finished_at)
    VALUES (@id, @api, @event, @store, @subscription, @target, @payload, @status, @attempts, @next_at, @signed_at, @signature, @created_at, @finished_at)`)
  const due = db.prepare<[string, number], DeliveryRow>(
    "SELECT * FROM mock_deliveries WHERE status = 'pending' AND next_at <= ? ORDER BY next_at, rowid LIMIT ?")
  const nextDue = db.prepare<[], string | null>("SELECT min(next_at) FROM mock_deliveries WHERE status = 'pending'").pluck()
  const byId = db.prepare<[string], DeliveryRow>('SELECT * FROM mock_deliveries WHERE id = ?')
  const stamp = db.prepare<[number, string, string]>('UPDATE mock_deliveries SET signed_at = ?, signature = ? WHERE id = ?')
  const attempt = db.prepare<AttemptRow>(`
    INSERT INTO mock_delivery_attempts (delivery_id, n, at, status, latency_ms, error, response)
    VALUES (@delivery_id, @n, @at, @status, @latency_ms, @error, @response)`)
  const settle = db.prepare<{ id: string, attempts: number, status: DeliveryStatus, next_at: string | null, finished_at: string | null }>(`
    UPDATE mock_deliveries SET attempts = @attempts, status = @status, next_at = @next_at, finished_at = @finished_at
    WHERE id = @id AND status = 'pending'`)
  const again = db.prepare<[string, string], DeliveryRow>(`
    UPDATE mock_deliveries SET status = 'pending', next_at = ?, signed_at = NULL, signature = NULL, finished_at = NULL
    WHERE id = ? RETURNING *`)
  const attempts = db.prepare<[string], AttemptRow>('SELECT * FROM mock_delivery_attempts WHERE delivery_id = ? ORDER BY n')
  const list = db.prepare<Record<string, string | number | null>, DeliveryRow>(`
    SELECT * FROM mock_deliveries
    WHERE (@api IS NULL OR api = @api) AND (@event IS NULL OR event = @event) AND (@status IS NULL OR status = @status)
      AND (@store IS NULL OR store = @store) AND (@since IS NULL OR created_at >= @since)
    ORDER BY created_at DESC, rowid DESC LIMIT @limit`)
  return { insert, due, nextDue, byId, stamp, attempt, settle, again, attempts, list }
}
const prepared = perDatabase(statements)

/** The outbox of one database: APIs write to it inside their transactions; the deliverer and the control plane read it. */
export function outbox (db: Db, clock: Clock, forwardUrl: string | undefined) {
  const sql = prepared(db)
  const note = (at: string) => {
    const next = nextDelivery(db)
    next.at = Math.min(next.at, Date.parse(at))
  }
  return {
    /**
     * Writes one pending delivery per target (plus the forward URL when configured), due now.
     * Call it inside the transaction of the state change. Answers the deliveries written.
     */
    emit (event: OutgoingEvent): DeliveryRow[] {
      const targets = forwardUrl ? [...event.targets, { url: forwardUrl, subscription: null }] : event.targets
      const at = clock.iso()
      const rows = targets.map((target) => {
        const id = randomUUID()
        const row: DeliveryRow = {
          id,
          api: event.api,
          event: event.event,
          store: event.store,
          subscription: target.subscription,
          target: target.url,
          payload: event.body(id),
          status: 'pending',
          attempts: 0,
          next_at: at,
          signed_at: null,
          signature: null,
          created_at: at,
          finished_at: null
        }
        sql.insert.run(row)
        return row
      })
      if (rows.length > 0) note(at)
      return rows
    },
    due: (now: string, limit: number) => sql.due.all(now, limit),
    /** Recomputes the in-memory next due time from the table. */
    refreshNextDue () {
      const next = sql.nextDue.get() ?? null
      nextDelivery(db).at = next === null ? Infinity : Date.parse(next)
    },
    byId: (id: string) => sql.byId.get(id),
    stamp: (id: string, signedAt: number, signature: string) => sql.stamp.run(signedAt, signature, id),
    /** Records attempt n and moves the delivery on: delivered, retried later, or failed for good. */
    record (row: DeliveryRow, attempt: Omit<AttemptRow, 'delivery_id' | 'n' | 'at'>) {
      const n = row.attempts + 1
      const at = clock.iso()
      sql.attempt.run({ delivery_id: row.id, n, at, ...attempt })
      const ok = attempt.status !== null && attempt.status >= 200 && attempt.status < 300
      const retryIn = RETRY_DELAYS_MS[n - 1]
      if (ok) sql.settle.run({ id: row.id, attempts: n, status: 'delivered', next_at: null, finished_at: at })
      else if (retryIn === undefined) sql.settle.run({ id: row.id, attempts: n, status: 'failed', next_at: null, finished_at: at })
      else {
        const nextAt = new Date(clock.now() + retryIn).toISOString()
        sql.settle.run({ id: row.id, attempts: n, status: 'pending', next_at: nextAt, finished_at: null })
        note(nextAt)
      }
    },
    /** Sends a delivery again, now, with a fresh signature; its attempts so far stay recorded. */
    redeliver (id: string): DeliveryRow | undefined {
      const at = clock.iso()
      const row = sql.again.get(at, id)
      if (row) note(at)
      return row
    },
    attempts: (id: string) => sql.attempts.all(id),
    list: (filter: DeliveryFilter) => sql.list.all({
      api: filter.api ?? null, event: filter.event ?? null, status: filter.status ?? null, store: filter.store ?? null, since: filter.since ?? null, limit: filter.limit
    })
  }
}

export type Outbox = ReturnType<typeof outbox>
