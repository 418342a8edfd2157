import { parse } from 'node:querystring'
import { headersOf } from '../http/raw-headers.js'
import { redactHeaders, redactJson, redactText, redactUrl } from '../http/redact.js'
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
  /**
   * As received: name, value, name, value… (Node's rawHeaders), redacted when read. Kept as lines,
   * not JSON: an HTTP header can hold no line break, and escaping them cost ~1 µs a request.
   */
  rawHeaders: readonly string[]
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
 * One entry as the journal hands it out (find): what it filters on, and where the rest lies in
 * the arena (the details as JSON, the request's bytes, the answer), read only when someone asks.
 */
export interface JournalRecord extends Pick<JournalEntry, 'at' | 'api' | 'method' | 'path' | 'status' | 'tenant' | 'durationMs'> {
  outcome: Verdict['outcome'] | undefined
  kept: Kept
  /** Whether the raw header strings are kept as JSON (one held a line break) rather than as lines. */
  headersAsJson: boolean
  /** Arrival order, assigned by the journal: what a page cursor points at. */
  seq: number
}

/** The part of an entry kept as JSON in the arena. */
type Details = Pick<JournalEntry, 'requestId' | 'url' | 'auth' | 'fault' | 'nearMiss'>

export interface JournalFilter {
  api?: string
  method?: string
  /** Exact, or with `*` wildcards. */
  path?: string
  status?: number
  tenant?: string
  outcome?: Verdict['outcome']
  /** ISO time or epoch ms (mock time): entries at or after it. */
  since?: number
  limit?: number
  /** Only entries older than this one (the previous page's nextCursor). */
  before?: number
}

/** Where an entry's details, header lines, request and answer lie in its slab, one after the other. */
interface Kept { slab: Slab, start: number, headersAt: number, requestAt: number, responseAt: number, end: number }
interface Slab { bytes: Buffer, used: number, live: number }

const SLAB_BYTES = 1 << 20

/**
 * The journal's bytes, off the JS heap, in 1 MiB slabs that are used again once every entry in
 * them has left the ring (the ring drops entries in arrival order, so slabs empty in order too).
 */
class Arena {
  private current: Slab | undefined
  private spare: Slab[] = []

  /** A slab with room for `bytes` more (UTF-8 takes at most 3 bytes per UTF-16 unit: callers reserve that). */
  room (bytes: number): Slab {
    let slab = this.current
    if (slab === undefined || slab.used + bytes > slab.bytes.length) {
      if (slab !== undefined && slab.live === 0) this.spare.push(slab)
      slab = this.spare.pop() ?? { bytes: Buffer.allocUnsafeSlow(Math.max(SLAB_BYTES, bytes)), used: 0, live: 0 }
      if (slab.bytes.length < bytes) slab = { bytes: Buffer.allocUnsafeSlow(bytes), used: 0, live: 0 }
      this.current = slab
    }
    slab.live++
    return slab
  }

  release (slab: Slab): void {
    if (--slab.live > 0) return
    slab.used = 0
    if (slab !== this.current) this.spare.push(slab)
  }

  /** After a clear: the slabs go back to the heap. */
  drop (): void {
    this.current = undefined
    this.spare = []
  }
}

/** Bodies are capped: a request at BODY_CAP bytes, an answer at BODY_CAP characters (as shown). */
function capped (request: Buffer | undefined, response: string | Buffer | undefined): [Buffer, string | Buffer] {
  const sent = request === undefined ? EMPTY : request.length > BODY_CAP ? request.subarray(0, BODY_CAP + 1) : request
  let answer = response ?? EMPTY
  if (typeof answer !== 'string' && answer.length > BODY_CAP + 1) answer = answer.toString('utf8') // (fewer bytes are fewer characters)
  if (typeof answer === 'string' && answer.length > BODY_CAP) answer = answer.slice(0, BODY_CAP + 1)
  return [sent, answer]
}

/** Small sets of strings (API names, HTTP methods: Node's parser knows a few dozen) as numbers. */
class Interned {
  private readonly numbers = new Map<string, number>()
  readonly values: string[] = []
  of (value: string): number {
    let n = this.numbers.get(value)
    if (n === undefined) {
      n = this.values.push(value) - 1
      this.numbers.set(value, n)
    }
    return n
  }
}

const OUTCOMES = [undefined, 'ok', 'refused', 'public'] as const
const outcomeCode = (outcome: Verdict['outcome'] | undefined) => OUTCOMES.indexOf(outcome)
/** Per slot in `offsets`, where each part starts: path, tenant, details, header lines, request, answer; then where the entry ends. */
const MARKS = 7
/** Per slot in `codes`: the API (interned, '' for none), the method (interned), the outcome, whether a tenant was named, whether the headers are JSON. */
const API = 0
const METHOD = 1
const OUTCOME = 2
const HAS_TENANT = 3
const HEADERS_AS_JSON = 4
const CODES = 5

/** Between raw header strings in the arena: a line break, which no header received over HTTP can hold. */
const LINE = '\n'

/**
 * The raw header strings as one text: lines, unless one holds a line break (only an in-process
 * request, `inject`, can send that): then JSON. Returns the text and whether it is JSON.
 */
function headerText (raw: readonly string[]): [string, boolean] {
  const lines = raw.join(LINE)
  let breaks = 0
  for (let at = lines.indexOf(LINE); at !== -1; at = lines.indexOf(LINE, at + 1)) breaks++
  return breaks === Math.max(raw.length - 1, 0) ? [lines, false] : [JSON.stringify(raw), true]
}

/** Inverse of headerText. */
function rawHeadersOf (text: string, asJson: boolean): string[] {
  // No headers at all read back as [''], which headersOf makes nothing of.
  return asJson ? JSON.parse(text) as string[] : text.split(LINE)
}

const EMPTY = Buffer.alloc(0)

/** A body as the journal shows it: JSON when it parses, text otherwise; `truncated` past the cap. */
function showBody (text: string): { body: unknown, truncated?: true } {
  if (text.length === 0) return { body: null }
  if (text.length > BODY_CAP) return { body: text.slice(0, BODY_CAP), truncated: true }
  try {
    return { body: redactJson(JSON.parse(text)) }
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
  const { slab: { bytes }, start, headersAt, requestAt, responseAt, end } = record.kept
  const details = JSON.parse(bytes.toString('utf8', start, headersAt)) as Details
  const raw = rawHeadersOf(bytes.toString('utf8', headersAt, requestAt), record.headersAsJson)
  // Credentials never leave the journal: headers, bodies and auth reasons are censored.
  const request = showBody(redactText(bytes.toString('utf8', requestAt, responseAt)))
  const response = showBody(redactText(bytes.toString('utf8', responseAt, end)))
  return {
    requestId: details.requestId,
    at: new Date(record.at).toISOString(),
    api: record.api,
    method: record.method,
    path: record.path,
    query: queryOf(redactUrl(details.url)),
    status: record.status,
    durationMs: record.durationMs,
    tenant: record.tenant,
    auth: details.auth && { ...details.auth, reason: redactText(details.auth.reason) },
    headers: redactHeaders(headersOf(raw)),
    requestBody: request.body,
    ...(request.truncated ? { requestBodyTruncated: true } : {}),
    responseBody: response.body,
    ...(response.truncated ? { responseBodyTruncated: true } : {}),
    ...(details.fault ? { fault: details.fault } : {}),
    ...(details.nearMiss ? { nearMiss: details.nearMiss } : {})
  }
}

/**
 * A bounded ring of the requests the APIs received, newest overwriting oldest. Never in SQLite,
 * and nothing per entry on the JS heap: numbers in typed arrays, strings and bodies in the arena.
 * Entries kept as objects lived past a few scavenges and were then promoted and marked until
 * dropped, a cost every signed write paid (docs/benchmarks.md, issue 21).
 */
export class Journal {
  private readonly slabs: Array<Slab | undefined>
  private readonly offsets: Int32Array
  private readonly times: Float64Array
  private readonly durations: Float64Array
  private readonly seqs: Float64Array
  private readonly statuses: Uint16Array
  private readonly codes: Uint16Array
  private readonly apis = new Interned()
  private readonly methods = new Interned()
  private next = 0
  private count = 0
  private seq = 0
  private readonly arena = new Arena()

  constructor (readonly size: number) {
    this.slabs = new Array<Slab | undefined>(size).fill(undefined)
    this.offsets = new Int32Array(size * MARKS)
    this.times = new Float64Array(size)
    this.durations = new Float64Array(size)
    this.seqs = new Float64Array(size)
    this.statuses = new Uint16Array(size)
    this.codes = new Uint16Array(size * CODES)
  }

  get enabled (): boolean { return this.size > 0 }

  record (entry: JournalEntry): void {
    if (this.size === 0) return
    const i = this.next
    const dropped = this.slabs[i]
    if (dropped) this.arena.release(dropped)
    const { requestId, url, rawHeaders, auth, fault, nearMiss, path, tenant } = entry
    // The duration stays a number (a typed array): a fraction in JSON costs a double-to-text conversion per request.
    const details = JSON.stringify({ requestId, url, auth, fault, nearMiss } satisfies Details)
    const [lines, headersAsJson] = headerText(rawHeaders)
    const [sent, answer] = capped(entry.requestBody, entry.responseBody)
    const slab = this.arena.room((path.length + (tenant?.length ?? 0) + details.length + lines.length) * 3 + sent.length +
      (typeof answer === 'string' ? answer.length * 3 : answer.length))
    let at = slab.used
    const parts = [path, tenant ?? '', details, lines, sent, answer]
    for (let n = 0; n < parts.length; n++) {
      const part = parts[n]!
      this.offsets[i * MARKS + n] = at
      at += typeof part === 'string' ? slab.bytes.write(part, at) : part.copy(slab.bytes, at)
    }
    this.offsets[i * MARKS + parts.length] = at
    slab.used = at
    this.slabs[i] = slab
    this.times[i] = entry.at
    this.durations[i] = entry.durationMs
    this.seqs[i] = ++this.seq
    this.statuses[i] = entry.status
    const codes = i * CODES
    this.codes[codes + API] = this.apis.of(entry.api ?? '')
    this.codes[codes + METHOD] = this.methods.of(entry.method)
    this.codes[codes + OUTCOME] = outcomeCode(auth?.outcome)
    this.codes[codes + HAS_TENANT] = tenant === null ? 0 : 1
    this.codes[codes + HEADERS_AS_JSON] = headersAsJson ? 1 : 0
    this.next = (i + 1) % this.size
    if (this.count < this.size) this.count++
  }

  clear (): number {
    const cleared = this.count
    this.slabs.fill(undefined)
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
    const outcome = filter.outcome === undefined ? undefined : outcomeCode(filter.outcome)
    const records: JournalRecord[] = []
    let total = 0
    let more = false
    for (let n = 1; n <= this.count; n++) {
      const i = (this.next - n + this.size) % this.size
      if (filter.api !== undefined && this.apiAt(i) !== filter.api) continue
      if (method !== undefined && this.methods.values[this.codes[i * CODES + METHOD]!] !== method) continue
      if (filter.status !== undefined && this.statuses[i] !== filter.status) continue
      if (outcome !== undefined && this.codes[i * CODES + OUTCOME] !== outcome) continue
      if (filter.since !== undefined && this.times[i]! < filter.since) continue
      if (path && !path(this.pathAt(i))) continue
      if (filter.tenant !== undefined && this.tenantAt(i) !== filter.tenant) continue
      total++
      if (filter.before !== undefined && this.seqs[i]! >= filter.before) continue
      if (filter.limit === undefined || records.length < filter.limit) records.push(this.recordAt(i))
      else more = true
    }
    return { records, total, more }
  }

  /** The n-th part of slot i (0 path, 1 tenant) as text. */
  private textAt (i: number, n: number): string {
    return this.slabs[i]!.bytes.toString('utf8', this.offsets[i * MARKS + n], this.offsets[i * MARKS + n + 1])
  }

  private pathAt (i: number): string { return this.textAt(i, 0) }
  private tenantAt (i: number): string | null { return this.codes[i * CODES + HAS_TENANT] ? this.textAt(i, 1) : null }
  private apiAt (i: number): string | null { return this.apis.values[this.codes[i * CODES + API]!] || null }

  private recordAt (i: number): JournalRecord {
    const m = i * MARKS
    return {
      at: this.times[i]!,
      durationMs: this.durations[i]!,
      api: this.apiAt(i),
      method: this.methods.values[this.codes[i * CODES + METHOD]!]!,
      path: this.pathAt(i),
      status: this.statuses[i]!,
      tenant: this.tenantAt(i),
      outcome: OUTCOMES[this.codes[i * CODES + OUTCOME]!],
      kept: { slab: this.slabs[i]!, start: this.offsets[m + 2]!, headersAt: this.offsets[m + 3]!, requestAt: this.offsets[m + 4]!, responseAt: this.offsets[m + 5]!, end: this.offsets[m + 6]! },
      headersAsJson: this.codes[i * CODES + HEADERS_AS_JSON] === 1,
      seq: this.seqs[i]!
    }
  }
}
