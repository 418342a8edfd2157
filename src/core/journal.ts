import { parse } from 'node:querystring'
import { redactHeaders, redactText } from '../http/redact.js'
import { pathOf } from '../http/url.js'
import type { Verdict } from './auth.js'
import { globMatcher } from './glob.js'

/** Bodies are kept up to this many bytes (a 1 MiB bulk request must not pin 1 GiB in a full ring). */
export const BODY_CAP = 65_536

export interface NearMiss {
  method: string
  url: string
  why: string
}

/** What an API request left behind, as the traffic hooks hand it over. */
export interface JournalEntry {
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
  /** The request's bytes as received. */
  requestBody: Buffer | undefined
  /** The answer as sent (Fastify hands over a string, or bytes). */
  responseBody: string | Buffer | undefined
  fault?: string
  nearMiss?: NearMiss
}

/**
 * What the ring holds: what the journal filters on, and the rest in the arena (a JSON of the
 * details, the request's bytes, the answer), turned into JSON only when someone reads it.
 */
export interface JournalRecord extends Pick<JournalEntry, 'at' | 'api' | 'method' | 'path' | 'status' | 'tenant'> {
  outcome: Verdict['outcome'] | undefined
  kept: Kept
  /** Arrival order, assigned by the journal: what a page cursor points at. */
  seq: number
}

/** The part of an entry kept as JSON in the arena. */
type Details = Pick<JournalEntry, 'requestId' | 'url' | 'headers' | 'durationMs' | 'auth' | 'fault' | 'nearMiss'>

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

/** Where an entry's details, request and answer lie in the arena, one after the other. */
interface Kept { slab: Slab, start: number, requestAt: number, responseAt: number, end: number }
interface Slab { bytes: Buffer, used: number, live: number }

const SLAB_BYTES = 1 << 20

/**
 * The journal's entries, off the JS heap: their details and bodies copied into 1 MiB slabs that
 * are used again once every entry in them has left the ring (the ring drops entries in arrival
 * order, so slabs empty in order too). Kept as objects and strings, each entry was copied twice
 * by the scavenger and then marked until dropped: a third of a product list's CPU (its 30 KB
 * answer), and most of the full GCs under a stream of signed writes (docs/benchmarks.md).
 */
class Arena {
  private current: Slab | undefined
  private spare: Slab[] = []

  keep (details: string, request: Buffer | undefined, response: string | Buffer | undefined): Kept {
    // Bodies are capped: a request at BODY_CAP bytes, an answer at BODY_CAP characters (as shown).
    const sent = request === undefined ? EMPTY : request.length > BODY_CAP ? request.subarray(0, BODY_CAP + 1) : request
    let answer = response ?? EMPTY
    if (typeof answer !== 'string' && answer.length > BODY_CAP + 1) answer = answer.toString('utf8') // (fewer bytes are fewer characters)
    if (typeof answer === 'string' && answer.length > BODY_CAP) answer = answer.slice(0, BODY_CAP + 1)
    // UTF-8 takes at most 3 bytes per UTF-16 unit
    const slab = this.room(details.length * 3 + sent.length + (typeof answer === 'string' ? answer.length * 3 : answer.length))
    const start = slab.used
    const requestAt = start + slab.bytes.write(details, start)
    const responseAt = requestAt + sent.copy(slab.bytes, requestAt)
    const end = responseAt + (typeof answer === 'string' ? slab.bytes.write(answer, responseAt) : answer.copy(slab.bytes, responseAt))
    slab.used = end
    slab.live++
    return { slab, start, requestAt, responseAt, end }
  }

  release ({ slab }: Kept): void {
    if (--slab.live > 0) return
    slab.used = 0
    if (slab !== this.current) this.spare.push(slab)
  }

  /** After a clear: the slabs go back to the heap. */
  drop (): void {
    this.current = undefined
    this.spare = []
  }

  private room (bytes: number): Slab {
    let slab = this.current
    if (slab === undefined || slab.used + bytes > slab.bytes.length) {
      if (slab !== undefined && slab.live === 0) this.spare.push(slab)
      slab = this.spare.pop() ?? { bytes: Buffer.allocUnsafeSlow(Math.max(SLAB_BYTES, bytes)), used: 0, live: 0 }
      if (slab.bytes.length < bytes) slab = { bytes: Buffer.allocUnsafeSlow(bytes), used: 0, live: 0 }
      this.current = slab
    }
    return slab
  }
}

const EMPTY = Buffer.alloc(0)

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
  const path = pathOf(url)
  return path.length === url.length ? {} : { ...parse(url.slice(path.length + 1)) }
}

/** The wire shape of one entry (GET /__admin/requests). */
export function showRecord (record: JournalRecord) {
  const { slab: { bytes }, start, requestAt, responseAt, end } = record.kept
  const details = JSON.parse(bytes.toString('utf8', start, requestAt)) as Details
  // Credentials never leave the journal: headers, bodies and auth reasons are censored.
  const request = showBody(redactText(bytes.toString('utf8', requestAt, responseAt)))
  const response = showBody(redactText(bytes.toString('utf8', responseAt, end)))
  return {
    requestId: details.requestId,
    at: new Date(record.at).toISOString(),
    api: record.api,
    method: record.method,
    path: record.path,
    query: queryOf(details.url),
    status: record.status,
    durationMs: details.durationMs,
    tenant: record.tenant,
    auth: details.auth && { ...details.auth, reason: redactText(details.auth.reason) },
    headers: redactHeaders(details.headers),
    requestBody: request.body,
    ...(request.truncated ? { requestBodyTruncated: true } : {}),
    responseBody: response.body,
    ...(response.truncated ? { responseBodyTruncated: true } : {}),
    ...(details.fault ? { fault: details.fault } : {}),
    ...(details.nearMiss ? { nearMiss: details.nearMiss } : {})
  }
}

/** A bounded ring of the requests the APIs received, newest overwriting oldest. Never in SQLite. */
export class Journal {
  private readonly ring: Array<JournalRecord | undefined>
  private next = 0
  private count = 0
  private seq = 0
  private readonly arena = new Arena()

  constructor (readonly size: number) {
    this.ring = new Array(size)
  }

  get enabled (): boolean { return this.size > 0 }

  record (entry: JournalEntry): void {
    if (this.size === 0) return
    const dropped = this.ring[this.next]
    if (dropped) this.arena.release(dropped.kept)
    const { requestId, url, headers, durationMs, auth, fault, nearMiss } = entry
    const details: Details = { requestId, url, headers, durationMs, auth, fault, nearMiss }
    this.ring[this.next] = {
      at: entry.at,
      api: entry.api,
      method: entry.method,
      path: entry.path,
      status: entry.status,
      tenant: entry.tenant,
      outcome: auth?.outcome,
      kept: this.arena.keep(JSON.stringify(details), entry.requestBody, entry.responseBody),
      seq: ++this.seq
    }
    this.next = (this.next + 1) % this.size
    if (this.count < this.size) this.count++
  }

  clear (): number {
    const cleared = this.count
    this.ring.fill(undefined)
    this.arena.drop()
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
      if (filter.outcome !== undefined && record.outcome !== filter.outcome) continue
      if (filter.since !== undefined && record.at < filter.since) continue
      total++
      if (filter.before !== undefined && record.seq >= filter.before) continue
      if (filter.limit === undefined || records.length < filter.limit) records.push(record)
      else more = true
    }
    return { records, total, more }
  }
}
