import { parse } from 'node:querystring'
import { redactHeaders, redactText } from '../http/redact.js'
import type { Verdict } from './auth.js'
import { globMatcher } from './glob.js'

/** Bodies are kept up to this many bytes (a 1 MiB bulk request must not pin 1 GiB in a full ring). */
export const BODY_CAP = 65_536

export interface NearMiss {
  method: string
  url: string
  why: string
}

/** What the ring holds: references and raw bytes, turned into JSON only when someone reads the journal. */
export interface JournalRecord {
  requestId: string
  at: number
  /** The API whose prefix owns the path; null for a path under none. */
  api: string | null
  method: string
  path: string
  /** As received, query string included. */
  url: string
  /** As received (redacted when read). */
  headers: Record<string, unknown>
  status: number
  durationMs: number
  tenant: string | null
  auth: Verdict | null
  /** The request's bytes as latin1 (see keepBytes). */
  requestBytes: string | undefined
  responseBody: string | undefined
  fault?: string
  nearMiss?: NearMiss
  /** Arrival order, assigned by the journal: what a page cursor points at. */
  seq?: number
}

export interface JournalFilter {
  api?: string
  method?: string
  /** Exact, or with `*` wildcards. */
  path?: string
  status?: number
  tenant?: string
  outcome?: Verdict['outcome']
  /** ISO time or epoch ms (mock clock): entries at or after it. */
  since?: number
  limit?: number
  /** Only entries older than this one (the previous page's nextCursor). */
  before?: number
}

/**
 * Request bytes as a latin1 string (one char per byte, decoded on read), capped. Not the Buffer
 * itself: a small Buffer is a slice of an 8 KiB pool, and keeping it would keep the slab alive.
 */
export function keepBytes (body: Buffer | undefined): string | undefined {
  return body === undefined ? undefined : body.subarray(0, BODY_CAP + 1).toString('latin1')
}

/** An answer as sent (Fastify hands over a string, or bytes), capped. */
export function keepText (payload: string | Buffer): string {
  const text = typeof payload === 'string' ? payload : payload.toString('utf8')
  return text.length > BODY_CAP ? text.slice(0, BODY_CAP + 1) : text
}

/** A body as the journal shows it: JSON when it parses, text otherwise; `truncated` past the cap. */
function showBody (text: string): { body: unknown, truncated?: true } {
  if (text.length === 0) return { body: null }
  if (text.length > BODY_CAP) return { body: text.slice(0, BODY_CAP), truncated: true }
  try {
    return { body: JSON.parse(text) }
  } catch {
    return { body: text }
  }
}

/** The query string as Fastify parses it (repeated keys become arrays). */
function queryOf (url: string): Record<string, unknown> {
  const at = url.indexOf('?')
  return at === -1 ? {} : { ...parse(url.slice(at + 1)) }
}

/** The wire shape of one entry (GET /__admin/requests). */
export function showRecord (record: JournalRecord) {
  // Credentials never leave the journal: headers, bodies and auth reasons are censored.
  const request = showBody(redactText(record.requestBytes === undefined ? '' : Buffer.from(record.requestBytes, 'latin1').toString('utf8')))
  const response = showBody(redactText(record.responseBody ?? ''))
  return {
    requestId: record.requestId,
    at: new Date(record.at).toISOString(),
    api: record.api,
    method: record.method,
    path: record.path,
    query: queryOf(record.url),
    status: record.status,
    durationMs: record.durationMs,
    tenant: record.tenant,
    auth: record.auth && { ...record.auth, reason: redactText(record.auth.reason) },
    headers: redactHeaders(record.headers),
    requestBody: request.body,
    ...(request.truncated ? { requestBodyTruncated: true } : {}),
    responseBody: response.body,
    ...(response.truncated ? { responseBodyTruncated: true } : {}),
    ...(record.fault ? { fault: record.fault } : {}),
    ...(record.nearMiss ? { nearMiss: record.nearMiss } : {})
  }
}

/** A bounded ring of the requests the APIs received, newest overwriting oldest. Never in SQLite. */
export class Journal {
  private readonly ring: Array<JournalRecord | undefined>
  private next = 0
  private count = 0
  private seq = 0

  constructor (readonly size: number) {
    this.ring = new Array(size)
  }

  get enabled (): boolean { return this.size > 0 }

  record (entry: JournalRecord): void {
    if (this.size === 0) return
    entry.seq = ++this.seq
    this.ring[this.next] = entry
    this.next = (this.next + 1) % this.size
    if (this.count < this.size) this.count++
  }

  clear (): number {
    const cleared = this.count
    this.ring.fill(undefined)
    this.next = 0
    this.count = 0
    return cleared
  }

  /**
   * Matching entries, newest first; `total` counts every match (cursor aside), `more` says
   * whether matches older than the last returned one remain.
   */
  find (filter: JournalFilter = {}): { records: JournalRecord[], total: number, more: boolean } {
    const path = filter.path === undefined ? undefined : globMatcher(filter.path)
    const method = filter.method?.toUpperCase()
    const records: JournalRecord[] = []
    let total = 0
    let more = false
    for (let i = 1; i <= this.count; i++) {
      const record = this.ring[(this.next - i + this.size) % this.size]!
      if (filter.api !== undefined && record.api !== filter.api) continue
      if (method !== undefined && record.method !== method) continue
      if (path && !path(record.path)) continue
      if (filter.status !== undefined && record.status !== filter.status) continue
      if (filter.tenant !== undefined && record.tenant !== filter.tenant) continue
      if (filter.outcome !== undefined && record.auth?.outcome !== filter.outcome) continue
      if (filter.since !== undefined && record.at < filter.since) continue
      total++
      if (filter.before !== undefined && record.seq! >= filter.before) continue
      if (filter.limit === undefined || records.length < filter.limit) records.push(record)
      else more = true
    }
    return { records, total, more }
  }
}
