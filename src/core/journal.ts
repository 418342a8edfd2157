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

/** What the ring holds: references, and the bodies' bytes in the arena, turned into JSON only when someone reads the journal. */
export interface JournalRecord extends Omit<JournalEntry, 'requestBody' | 'responseBody'> {
  requestBytes: KeptBytes | undefined
  responseBytes: KeptBytes | undefined
  /** Arrival order, assigned by the journal: what a page cursor points at. */
  seq: number
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

/** Where a kept body lies in the arena. */
interface KeptBytes { slab: Slab, start: number, end: number }
interface Slab { bytes: Buffer, used: number, live: number }

const SLAB_BYTES = 1 << 20

/**
 * The journal's bodies, off the JS heap: copied into 1 MiB slabs that are used again once every
 * entry in them has left the ring (the ring drops entries in arrival order, so slabs empty in
 * order too). Kept as strings, a product list's 30 KB answers were copied twice by the scavenger
 * and then marked until dropped: a third of that request's CPU.
 */
class BodyArena {
  private current: Slab | undefined
  private spare: Slab[] = []

  /** A request's bytes, capped. */
  keepBytes (body: Buffer): KeptBytes {
    const capped = body.length > BODY_CAP ? body.subarray(0, BODY_CAP + 1) : body
    const { slab, start } = this.room(capped.length)
    return this.used(slab, start, start + capped.copy(slab.bytes, start))
  }

  /** An answer, capped at BODY_CAP characters (as the journal shows it). */
  keepText (payload: string | Buffer): KeptBytes {
    if (typeof payload !== 'string') {
      if (payload.length <= BODY_CAP + 1) return this.keepBytes(payload) // that many bytes are at most that many characters
      payload = payload.toString('utf8')
    }
    const text = payload.length > BODY_CAP ? payload.slice(0, BODY_CAP + 1) : payload
    const { slab, start } = this.room(text.length * 3) // UTF-8 takes at most 3 bytes per UTF-16 unit
    return this.used(slab, start, start + slab.bytes.write(text, start))
  }

  release ({ slab }: KeptBytes): void {
    if (--slab.live > 0) return
    slab.used = 0
    if (slab !== this.current) this.spare.push(slab)
  }

  /** After a clear: the slabs go back to the heap. */
  drop (): void {
    this.current = undefined
    this.spare = []
  }

  private room (bytes: number): { slab: Slab, start: number } {
    let slab = this.current
    if (slab === undefined || slab.used + bytes > slab.bytes.length) {
      if (slab !== undefined && slab.live === 0) this.spare.push(slab)
      slab = this.spare.pop() ?? { bytes: Buffer.allocUnsafeSlow(Math.max(SLAB_BYTES, bytes)), used: 0, live: 0 }
      if (slab.bytes.length < bytes) slab = { bytes: Buffer.allocUnsafeSlow(bytes), used: 0, live: 0 }
      this.current = slab
    }
    return { slab, start: slab.used }
  }

  private used (slab: Slab, start: number, end: number): KeptBytes {
    slab.used = end
    slab.live++
    return { slab, start, end }
  }
}

const read = (kept: KeptBytes | undefined): string => kept === undefined ? '' : kept.slab.bytes.toString('utf8', kept.start, kept.end)

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
  const request = showBody(redactText(read(record.requestBytes)))
  const response = showBody(redactText(read(record.responseBytes)))
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
  private readonly bodies = new BodyArena()

  constructor (readonly size: number) {
    this.ring = new Array(size)
  }

  get enabled (): boolean { return this.size > 0 }

  private release ({ requestBytes, responseBytes }: JournalRecord): void {
    if (requestBytes) this.bodies.release(requestBytes)
    if (responseBytes) this.bodies.release(responseBytes)
  }

  record ({ requestBody, responseBody, ...entry }: JournalEntry): void {
    if (this.size === 0) return
    const dropped = this.ring[this.next]
    if (dropped) this.release(dropped)
    this.ring[this.next] = {
      ...entry,
      requestBytes: requestBody === undefined ? undefined : this.bodies.keepBytes(requestBody),
      responseBytes: responseBody === undefined ? undefined : this.bodies.keepText(responseBody),
      seq: ++this.seq
    }
    this.next = (this.next + 1) % this.size
    if (this.count < this.size) this.count++
  }

  clear (): number {
    const cleared = this.count
    this.ring.fill(undefined)
    this.bodies.drop()
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
      if (filter.before !== undefined && record.seq >= filter.before) continue
      if (filter.limit === undefined || records.length < filter.limit) records.push(record)
      else more = true
    }
    return { records, total, more }
  }
}
