import type { Fault, FaultRule } from '../core/faults.js'
import type { JournalFilter } from '../core/journal.js'
import type { FixtureDocument } from '../apis/index.js'
import type { WebhookDelivery } from '../admin/routes/webhooks.js'

/** A refusal of the control plane: its status and `{"error":{code,message,path?}}`. */
export class MockAdminError extends Error {
  override name = 'MockAdminError'
  constructor (readonly status: number, readonly code: string, message: string, readonly path?: string) {
    super(`${status} ${code}: ${message}`)
  }
}

export interface ResetAnswer {
  status: 'reset'
  tenant: string | null
  fixtures: string[]
  /** Baseline documents that no longer load (merged onto rows a reset removes), left out from now on. */
  skipped?: Array<{ fixture: string, path: string, reason: string }>
  /** What the reset also put back: fault rules removed, journal entries removed, whether the clock was frozen or offset. */
  cleared: { faults: number, requests: number, clock: boolean }
}

/** `keep` names what a whole reset leaves alone; `tenant` restores only that tenant's rows (and keeps everything else). */
export interface ResetOptions { tenant?: string, keep?: Array<'faults' | 'requests' | 'clock'> }
export interface FixturesAnswer { mode: 'merge' | 'replace', fixture: string, counts: Record<string, number> }
export interface SnapshotInfo { name: string, createdAt: string }
export interface ClockState { now: string, nowMs: number, frozen: boolean, offsetMs: number }
export interface Verdict { outcome: 'ok' | 'refused' | 'public', code: string | null, reason: string }
export interface JournalEntry {
  requestId: string
  at: string
  /** null: a path no API owns. */
  api: string | null
  method: string
  path: string
  query: Record<string, unknown>
  status: number
  durationMs: number
  tenant: string | null
  auth: Verdict | null
  headers: Record<string, unknown>
  requestBody?: unknown
  responseBody?: unknown
  fault?: string
  nearMiss?: { method: string, url: string, why: string }
  [more: string]: unknown
}
/** The journal's filters; `since` also takes an ISO time; `cursor` is a previous page's nextCursor. */
export type RequestFilter = Omit<JournalFilter, 'since' | 'before'> & { since?: string | number, cursor?: string }
export type { Fault, FaultRule }
export type { WebhookDelivery }
/** GET /__admin/webhooks/deliveries' filters: `store` is a Waffo store id or a Toco storeClientId; `since` an ISO time (or Date) on the mock clock. */
export interface DeliveryFilter {
  api?: string
  event?: string
  status?: 'pending' | 'delivered' | 'failed'
  store?: string
  since?: string | Date
  /** 1–1000, default 100 (newest first). */
  limit?: number
}
/** POST /__admin/webhooks/trigger: an event and the order it changes (or only a store: a synthetic event). */
export interface TriggerRequest { event: string, api?: string, orderId?: string, storeId?: string }
export interface TriggerAnswer {
  api: string
  event: string
  /** 'state': a real transition was made; 'synthetic': the payload describes an object that does not exist. */
  source: 'state' | 'synthetic'
  note: string
  /** The ids of the deliveries the event made. */
  deliveries: string[]
}
export interface WebhookKey { algorithm: 'RSA-SHA256', header: 'X-Waffo-Signature', format: string, publicKey: string }
/** paymentId and paymentStatus are null for a plan change that charged nothing. */
export interface PaidSession { sessionId: string, orderId: string, orderStatus: string, paymentId: string | null, paymentStatus: string | null, successUrl: string | null }
export interface PartnerWebhook { partnerClientId: string, url: string | null, signing: string }
export interface KybTicket { id: string, storeId: string, status: string, createdAt: string, updatedAt: string }
export interface SenderBinding { id: number, storeId: string, kind: 'email' | 'domain', value: string, createdAt: string }

type ClockChange = { freeze: string | number | true } | { advanceMs: number } | { offsetMs: number } | { unfreeze: true } | { reset: true }

/**
 * A typed client of the control plane (`/__admin`), for test suites: one method per route.
 * Every refusal throws a MockAdminError with the server's code and message.
 */
export class MockAdmin {
  private readonly base: string

  constructor (url: string, private readonly token?: string) {
    this.base = `${url.replace(/\/+$/, '')}/__admin`
  }

  private async call<T> (method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = {}
    if (body !== undefined) headers['content-type'] = 'application/json'
    if (this.token) headers.authorization = `Bearer ${this.token}`
    const response = await fetch(this.base + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) })
    const text = await response.text()
    const json = text === '' ? undefined : JSON.parse(text)
    if (!response.ok) {
      const error = json?.error ?? {}
      throw new MockAdminError(response.status, error.code ?? 'HTTP_ERROR', error.message ?? text, error.path)
    }
    return json as T
  }

  health () { return this.call<{ status: 'ok' }>('GET', '/health') }
  /**
   * A known state in one call: the fixtures' rows, no fault rules, an empty journal, the real
   * clock (call it in `beforeEach`). With a tenant (partner clientId or merchant id), only its rows.
   */
  reset (tenant?: string | ResetOptions) {
    return this.call<ResetAnswer>('POST', '/reset', typeof tenant === 'string' ? { tenant } : tenant ?? {})
  }

  loadFixtures (doc: FixtureDocument, mode: 'merge' | 'replace' = 'merge') { return this.call<FixturesAnswer>('POST', `/fixtures?mode=${mode}`, doc) }
  state () { return this.call<FixtureDocument>('GET', '/state') }
  openApi () { return this.call<Record<string, unknown>>('GET', '/openapi.json') }

  readonly snapshots = {
    save: (name: string) => this.call<SnapshotInfo>('PUT', `/snapshots/${encodeURIComponent(name)}`),
    restore: (name: string) => this.call<{ status: 'restored', name: string, counts: Record<string, number> }>('POST', `/snapshots/${encodeURIComponent(name)}/restore`),
    list: async () => (await this.call<{ snapshots: SnapshotInfo[] }>('GET', '/snapshots')).snapshots,
    delete: (name: string) => this.call<{ deleted: string }>('DELETE', `/snapshots/${encodeURIComponent(name)}`)
  }

  readonly clock = {
    get: () => this.call<ClockState>('GET', '/clock'),
    set: (change: ClockChange) => this.call<ClockState>('POST', '/clock', change),
    /** Freezes at an ISO time or epoch ms, or at the current mock time. */
    freeze: (at: string | number | Date | true = true) => this.clock.set({ freeze: at instanceof Date ? at.getTime() : at }),
    advance: (ms: number) => this.clock.set({ advanceMs: ms }),
    offset: (ms: number) => this.clock.set({ offsetMs: ms }),
    unfreeze: () => this.clock.set({ unfreeze: true }),
    reset: () => this.clock.set({ reset: true })
  }

  /** The request journal, newest first, a page at a time (100 by default; nextCursor for the next). */
  async requests (filter: RequestFilter = {}) {
    return this.call<{ requests: JournalEntry[], total: number, nextCursor?: string }>('GET', `/requests${query(filter)}`)
  }

  clearRequests () { return this.call<Record<string, unknown>>('DELETE', '/requests') }

  readonly faults = {
    add: (rule: FaultRule) => this.call<Fault>('POST', '/faults', rule),
    list: async () => (await this.call<{ faults: Fault[] }>('GET', '/faults')).faults,
    remove: (id: string) => this.call<unknown>('DELETE', `/faults/${encodeURIComponent(id)}`),
    clear: () => this.call<unknown>('DELETE', '/faults')
  }

  /** Webhook deliveries of both APIs: list (newest first), one, send again now, or make an event on demand. */
  readonly webhooks = {
    deliveries: async (filter: DeliveryFilter = {}) => {
      const since = filter.since instanceof Date ? filter.since.toISOString() : filter.since
      return (await this.call<{ deliveries: WebhookDelivery[] }>('GET', `/webhooks/deliveries${query({ ...filter, since })}`)).deliveries
    },
    delivery: (id: string) => this.call<WebhookDelivery>('GET', `/webhooks/deliveries/${encodeURIComponent(id)}`),
    redeliver: (id: string) => this.call<WebhookDelivery>('POST', `/webhooks/deliveries/${encodeURIComponent(id)}/redeliver`),
    trigger: (request: TriggerRequest) => this.call<TriggerAnswer>('POST', '/webhooks/trigger', request)
  }

  readonly waffo = {
    /** The public key Waffo webhooks are signed with: verifyWebhook(body, header, { publicKey }). */
    webhookKey: () => this.call<WebhookKey>('GET', '/waffo/webhook-key'),
    /** Pays a checkout session as the hosted page would; buyerIdentity binds the order as an authenticated link's #token does. */
    payCheckoutSession: (sessionId: string, outcome: 'success' | 'decline', buyerIdentity?: string) =>
      this.call<PaidSession>('POST', `/waffo/checkout-sessions/${encodeURIComponent(sessionId)}/pay`, buyerIdentity === undefined ? { outcome } : { outcome, buyerIdentity }),
    /** The card a subscription's renewals meet; `success` on a past_due one recovers it at once. */
    setPaymentMethod: (orderId: string, outcome: 'success' | 'decline') =>
      this.call<{ orderId: string, status: string, paymentMethod: 'success' | 'decline' }>('POST', `/waffo/orders/${encodeURIComponent(orderId)}/payment-method`, { outcome }),
    createKybTicket: (storeId: string, status?: string) => this.call<KybTicket>('POST', '/waffo/kyb-tickets', status === undefined ? { storeId } : { storeId, status }),
    resolveKybTicket: (id: string, status: 'succeeded' | 'rejected') => this.call<KybTicket>('POST', `/waffo/kyb-tickets/${encodeURIComponent(id)}/resolve`, { status }),
    kybTickets: async (storeId?: string) => (await this.call<{ tickets: KybTicket[] }>('GET', `/waffo/kyb-tickets${storeId ? `?storeId=${encodeURIComponent(storeId)}` : ''}`)).tickets,
    createBinding: (storeId: string, kind: 'email' | 'domain', value: string) => this.call<SenderBinding>('POST', '/waffo/bindings', { storeId, kind, value }),
    revokeBinding: (id: number) => this.call<SenderBinding>('DELETE', `/waffo/bindings/${encodeURIComponent(id)}`),
    bindings: async (storeId?: string) => (await this.call<{ bindings: SenderBinding[] }>('GET', `/waffo/bindings${storeId ? `?storeId=${encodeURIComponent(storeId)}` : ''}`)).bindings
  }

  readonly toco = {
    /** A partner's webhook URL (batch.completed, stock.update.requested); null: none. */
    webhook: (partnerClientId: string) => this.call<PartnerWebhook>('GET', `/toco/partners/${encodeURIComponent(partnerClientId)}/webhook`),
    setWebhook: (partnerClientId: string, url: string | null) => this.call<PartnerWebhook>('PUT', `/toco/partners/${encodeURIComponent(partnerClientId)}/webhook`, { url })
  }
}

/** `?a=1&b=2` of the defined values, or ''. */
function query (params: Record<string, unknown>): string {
  const search = new URLSearchParams(Object.entries(params).filter(([, value]) => value !== undefined).map(([key, value]): [string, string] => [key, String(value)]))
  return search.size > 0 ? `?${search}` : ''
}
