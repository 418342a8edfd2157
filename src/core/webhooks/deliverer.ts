import { performance } from 'node:perf_hooks'
import type { FastifyBaseLogger } from 'fastify'
import { atomically } from '../../db/atomically.js'
import type { MockState, RequestContext } from '../context.js'
import { nextDelivery, type DeliveryRow } from './outbox.js'

/** One API's way of signing what it sends (the core never knows the scheme). */
export interface WebhookSigner {
  /**
   * The headers of one delivery, signed at `signedAt` (real epoch ms: the receiver checks it
   * against its own clock). Retries reuse the first attempt's stamp, as upstream does. A costly
   * scheme (RSA) answers a promise and signs off the event loop, so the API's requests never wait on it.
   */
  headers (ctx: RequestContext, delivery: DeliveryRow, signedAt: number): Record<string, string> | Promise<Record<string, string>>
  /** Public material a user needs to verify (the banner prints these lines). */
  banner? (): string[]
  /** Makes the keys ahead of the banner without blocking the event loop (the server answers meanwhile). */
  prepare? (): Promise<void>
}

export interface DelivererOptions {
  signers: ReadonlyMap<string, WebhookSigner>
  timeoutMs: number
  log: FastifyBaseLogger
  /** How often the deliverer looks at the mock clock (real ms). */
  pollMs?: number
  /** Deliveries in flight at once; one receiver holds at most half of them. */
  concurrency?: number
}

/** How much of a receiver's answer an attempt keeps. */
const SNIPPET = 500

/**
 * Sends the outbox's due deliveries, off the request path: a timer looks at the mock clock
 * (running every API's time-driven work first, so a period end or a queued batch falls due
 * without waiting for a request), POSTs with a timeout, and records every attempt.
 */
export class Deliverer {
  private timer: NodeJS.Timeout | undefined
  private readonly inFlight = new Map<string, Promise<void>>()
  /** The receiver of each delivery in flight (by id). */
  private readonly targets = new Map<string, string>()
  private closed = false

  constructor (private readonly state: MockState, private readonly options: DelivererOptions) {}

  start (): void {
    if (this.timer || this.closed) return
    this.timer = setInterval(() => this.poll(), this.options.pollMs ?? 20)
    this.timer.unref()
  }

  /** Looks now (after a clock change, say) instead of at the next tick. */
  kick (): void {
    if (this.timer) setImmediate(() => this.poll())
  }

  /** Stops looking and waits for the attempts in flight (they are recorded). */
  async close (): Promise<void> {
    this.closed = true
    clearInterval(this.timer)
    this.timer = undefined
    await Promise.all(this.inFlight.values())
  }

  /** Sends what is due now; answers once the attempts started have been recorded. */
  async flush (): Promise<void> {
    this.poll()
    await Promise.all(this.inFlight.values())
  }

  private poll (): void {
    if (this.closed || !this.state.db.open) return
    let ctx: RequestContext
    try {
      ctx = this.state.context()
    } catch (error) {
      this.options.log.error({ err: error }, 'time-driven work failed')
      return
    }
    const { db, clock, outbox } = ctx
    const concurrency = this.options.concurrency ?? 16
    const free = concurrency - this.inFlight.size
    if (free <= 0) return
    try {
      // Only as many events as there is room to send: a backlog waits, unexpanded, for its turn.
      outbox.expand(free)
    } catch (error) {
      this.options.log.error({ err: error }, 'expanding webhook events failed')
      return
    }
    if (clock.now() < nextDelivery(db).at) return
    const due = outbox.due(clock.iso(), free, Math.ceil(concurrency / 2), this.targets)
    if (due.length === 0 && this.inFlight.size === 0) outbox.refreshNextDue()
    for (const row of due) {
      const sending = this.send(ctx, row).finally(() => {
        this.inFlight.delete(row.id)
        this.targets.delete(row.id)
      })
      this.inFlight.set(row.id, sending)
      this.targets.set(row.id, row.target)
    }
  }

  private async send (ctx: RequestContext, row: DeliveryRow): Promise<void> {
    const signer = this.options.signers.get(row.api)
    let headers: Record<string, string>
    try {
      const signedAt = row.signed_at ?? Date.now()
      headers = { 'content-type': 'application/json', 'user-agent': 'mock-webhook-deliverer', ...await signer?.headers(ctx, row, signedAt) }
      // The database may have been swapped or closed while the signature was computed.
      if (row.signed_at === null && ctx.db.open) atomically(ctx.db, () => ctx.outbox.stamp(row.id, signedAt, JSON.stringify(headers)))
    } catch (error) {
      this.options.log.error({ err: error, delivery: row.id }, 'webhook signing failed')
      this.settle(ctx, row, { status: null, latency_ms: 0, error: `signing failed: ${(error as Error).message}`, response: null })
      return
    }
    const started = performance.now()
    let status: number | null = null
    let error: string | null = null
    let response: string | null = null
    try {
      const answer = await fetch(row.target, {
        method: 'POST', headers, body: row.payload, redirect: 'manual', signal: AbortSignal.timeout(this.options.timeoutMs)
      })
      status = answer.status
      response = (await answer.text()).slice(0, SNIPPET)
    } catch (caught) {
      const cause = (caught as { cause?: { code?: string, message?: string } }).cause
      error = (caught as Error).name === 'TimeoutError'
        ? `timeout after ${this.options.timeoutMs} ms`
        : cause?.code ?? cause?.message ?? (caught as Error).message
    }
    const latency = Math.round(performance.now() - started)
    this.settle(ctx, row, { status, latency_ms: latency, error, response })
  }

  private settle (ctx: RequestContext, row: DeliveryRow, attempt: { status: number | null, latency_ms: number, error: string | null, response: string | null }): void {
    if (!ctx.db.open) return
    const current = ctx.outbox.byId(row.id)
    if (!current || current.status !== 'pending') return
    // A redelivery asked for while this attempt was in flight is still to be sent.
    atomically(ctx.db, () => ctx.outbox.record(current, attempt, current.redelivered !== row.redelivered))
    const ok = attempt.status !== null && attempt.status >= 200 && attempt.status < 300
    this.options.log.info({ delivery: row.id, event: row.event, target: row.target, status: attempt.status, error: attempt.error }, ok ? 'webhook delivered' : 'webhook attempt failed')
  }
}

declare module 'fastify' {
  interface FastifyInstance { webhooks: { deliverer: Deliverer, signers: ReadonlyMap<string, WebhookSigner> } }
}
