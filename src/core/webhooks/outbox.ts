import { randomUUID } from 'node:crypto'
import type { Clock } from '../../clock.js'
import type { Db } from '../../db/open.js'
import { perDatabase } from '../../db/per-database.js'

export type DeliveryStatus = 'pending' | 'delivered' | 'failed'

export interface DeliveryRow {
  id: string
  event_seq: number | null
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
  /** How many redeliveries were asked for (POST …/redeliver). */
  redelivered: number
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

/**
 * One event as an API hands it to the outbox; body builds the raw payload from the delivery id
 * (called once, with a placeholder that expansion replaces by each delivery's id).
 */
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

interface EventRow { seq: number, api: string, event: string, store: string | null, template: string, targets: string, created_at: string }

/** Stands for the delivery id in an event's template; JSON-encoded it is unique enough to replace once. */
const PLACEHOLDER = '00000000-0000-0000-0000-d3l1v3ry1d00'

/** Events written but not yet expanded into deliveries, per database (in memory: one comparison on the hot path). */
const unexpanded = perDatabase((_db: Db) => ({ any: true }))

function statements (db: Db) {
  const insertEvent = db.prepare<Omit<EventRow, 'seq'>>(`
    INSERT INTO mock_events (api, event, store, template, targets, created_at) VALUES (@api, @event, @store, @template, @targets, @created_at)`)
  const pendingEvents = db.prepare<[number], EventRow>('SELECT * FROM mock_events WHERE expanded = 0 ORDER BY seq LIMIT ?')
  const markExpanded = db.prepare<[number]>('UPDATE mock_events SET expanded = 1 WHERE seq = ?')
  const ofEvent = db.prepare<[number], string>('SELECT id FROM mock_deliveries WHERE event_seq = ? ORDER BY rowid').pluck()
  const insert = db.prepare<Omit<DeliveryRow, 'redelivered'>>(`
    INSERT INTO mock_deliveries (id, event_seq, api, event, store, subscription, target, payload, status, attempts, next_at, signed_at, signature, created_at, finished_at)
    VALUES (@id, @event_seq, @api, @event, @store, @subscription, @target, @payload, @status, @attempts, @next_at, @signed_at, @signature, @created_at, @finished_at)`)
  // The receivers with a pending delivery, one index probe each (a loose index scan): a backlog to one receiver is not walked.
  const pendingTargets = db.prepare<[], string>(`
    WITH RECURSIVE t (target) AS (
      SELECT min(target) FROM mock_deliveries WHERE status = 'pending'
      UNION ALL
      SELECT (SELECT min(target) FROM mock_deliveries WHERE status = 'pending' AND target > t.target) FROM t WHERE t.target IS NOT NULL
    ) SELECT target FROM t WHERE target IS NOT NULL`).pluck()
  const dueTo = db.prepare<[string, string, number], DeliveryRow>(
    "SELECT * FROM mock_deliveries WHERE status = 'pending' AND target = ? AND next_at <= ? ORDER BY next_at, rowid LIMIT ?")
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
    UPDATE mock_deliveries SET status = 'pending', next_at = ?, signed_at = NULL, signature = NULL, finished_at = NULL,
      redelivered = redelivered + 1
    WHERE id = ? RETURNING *`)
  const attempts = db.prepare<[string], AttemptRow>('SELECT * FROM mock_delivery_attempts WHERE delivery_id = ? ORDER BY n')
  const list = db.prepare<Record<string, string | number | null>, DeliveryRow>(`
    SELECT * FROM mock_deliveries
    WHERE (@api IS NULL OR api = @api) AND (@event IS NULL OR event = @event) AND (@status IS NULL OR status = @status)
      AND (@store IS NULL OR store = @store) AND (@since IS NULL OR created_at >= @since)
    ORDER BY created_at DESC, rowid DESC LIMIT @limit`)
  return { insertEvent, pendingEvents, markExpanded, ofEvent, insert, pendingTargets, dueTo, nextDue, byId, stamp, attempt, settle, again, attempts, list }
}
const prepared = perDatabase(statements)

/** The outbox of one database: APIs write to it inside their transactions; the deliverer and the control plane read it. */
export function outbox (db: Db, clock: Clock, forwardUrl: string | undefined) {
  const sql = prepared(db)
  const note = (at: string) => {
    const next = nextDelivery(db)
    next.at = Math.min(next.at, Date.parse(at))
  }
  const placeholder = JSON.stringify(PLACEHOLDER)
  /**
   * Turns up to `limit` written events into one pending delivery per target (plus the forward
   * URL), due at the event's time. The deliverer expands only as many as it has room to send, so
   * a backlog behind a slow receiver costs nothing until its turn comes.
   */
  const expand = (limit = Infinity) => {
    const flag = unexpanded(db)
    if (!flag.any || limit <= 0) return
    let left = limit
    db.transaction(() => {
      for (;;) {
        const batch = Math.min(500, left)
        const events = sql.pendingEvents.all(batch)
        left -= events.length
        for (const event of events) {
          const targets = JSON.parse(event.targets) as Target[]
          if (forwardUrl) targets.push({ url: forwardUrl, subscription: null })
          for (const target of targets) {
            const id = randomUUID()
            sql.insert.run({
              id,
              event_seq: event.seq,
              api: event.api,
              event: event.event,
              store: event.store,
              subscription: target.subscription,
              target: target.url,
              payload: event.template.replace(placeholder, JSON.stringify(id)),
              status: 'pending',
              attempts: 0,
              next_at: event.created_at,
              signed_at: null,
              signature: null,
              created_at: event.created_at,
              finished_at: null
            })
          }
          if (targets.length > 0) note(event.created_at)
          sql.markExpanded.run(event.seq)
        }
        if (events.length < batch) {
          flag.any = false
          break
        }
        if (left <= 0) break
      }
    }).immediate()
  }
  return {
    /**
     * Writes the event (one row: its template and its targets), inside the transaction of the
     * state change; the deliverer expands it into deliveries off the request path. Answers its
     * sequence number, or null when it has nowhere to go.
     */
    emit (event: OutgoingEvent): number | null {
      if (event.targets.length === 0 && !forwardUrl) return null
      const seq = sql.insertEvent.run({
        api: event.api,
        event: event.event,
        store: event.store,
        template: event.body(PLACEHOLDER),
        targets: JSON.stringify(event.targets),
        created_at: clock.iso()
      }).lastInsertRowid as number
      unexpanded(db).any = true
      return seq
    },
    expand,
    /** The deliveries an event was expanded into (expanding what is pending first). */
    deliveriesOf (seq: number): string[] {
      expand()
      return sql.ofEvent.all(seq)
    },
    /**
     * Up to `limit` deliveries due at `now`, oldest first, that are not in flight (`inFlight`: delivery id → target), with
     * at most `share` in flight per receiver, those counted: a slow receiver's backlog never holds every slot.
     */
    due (now: string, limit: number, share: number, inFlight: ReadonlyMap<string, string> = new Map()): DeliveryRow[] {
      const busy = new Map<string, number>()
      for (const target of inFlight.values()) busy.set(target, (busy.get(target) ?? 0) + 1)
      const rows: DeliveryRow[] = []
      for (const target of sql.pendingTargets.all()) {
        const room = share - (busy.get(target) ?? 0)
        // Its `share` oldest due rows hold the ones in flight, whatever else is due: what is left is its room's worth.
        if (room > 0) rows.push(...sql.dueTo.all(target, now, share).filter((row) => !inFlight.has(row.id)).slice(0, room))
      }
      return rows.sort((a, b) => a.next_at! < b.next_at! ? -1 : a.next_at! > b.next_at! ? 1 : 0).slice(0, limit)
    },
    /** Recomputes the in-memory next due time from the table. */
    refreshNextDue () {
      const next = sql.nextDue.get() ?? null
      nextDelivery(db).at = next === null ? Infinity : Date.parse(next)
    },
    // No expansion first: a delivery's id is born when its event is expanded. (Expanding here made
    // every settled attempt expand the whole backlog behind a slow receiver, on the API's event loop.)
    byId: (id: string) => sql.byId.get(id),
    stamp: (id: string, signedAt: number, signature: string) => sql.stamp.run(signedAt, signature, id),
    /**
     * Records attempt n and moves the delivery on: delivered, retried later, or failed for good —
     * unless a redelivery was asked for while it was in flight: then it stays due as asked.
     */
    record (row: DeliveryRow, attempt: Omit<AttemptRow, 'delivery_id' | 'n' | 'at'>, redeliveryAsked = false) {
      const n = row.attempts + 1
      const at = clock.iso()
      sql.attempt.run({ delivery_id: row.id, n, at, ...attempt })
      const ok = attempt.status !== null && attempt.status >= 200 && attempt.status < 300
      const retryIn = RETRY_DELAYS_MS[n - 1]
      if (redeliveryAsked) sql.settle.run({ id: row.id, attempts: n, status: 'pending', next_at: row.next_at, finished_at: null })
      else if (ok) sql.settle.run({ id: row.id, attempts: n, status: 'delivered', next_at: null, finished_at: at })
      else if (retryIn === undefined) sql.settle.run({ id: row.id, attempts: n, status: 'failed', next_at: null, finished_at: at })
      else {
        const nextAt = new Date(clock.now() + retryIn).toISOString()
        sql.settle.run({ id: row.id, attempts: n, status: 'pending', next_at: nextAt, finished_at: null })
        note(nextAt)
      }
    },
    /** Sends a delivery again, now, with a fresh signature; its attempts so far stay recorded. */
    redeliver (id: string): DeliveryRow | undefined {
      expand()
      const at = clock.iso()
      const row = sql.again.get(at, id)
      if (row) note(at)
      return row
    },
    attempts: (id: string) => sql.attempts.all(id),
    list (filter: DeliveryFilter) {
      expand()
      return sql.list.all({
        api: filter.api ?? null, event: filter.event ?? null, status: filter.status ?? null, store: filter.store ?? null, since: filter.since ?? null, limit: filter.limit
      })
    }
  }
}

export type Outbox = ReturnType<typeof outbox>
