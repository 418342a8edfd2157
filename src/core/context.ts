import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import type { Clock } from '../clock.js'
import type { Db } from '../db/open.js'
import { perDatabase } from '../db/per-database.js'
import { writeStamp } from '../db/write-stamp.js'
import type { FaultBook } from './faults.js'
import type { Journal } from './journal.js'
import type { RouteInfo } from './routes.js'
import type { LoadedFixture, StateFiles } from './state-files/documents.js'
import { outbox, type Outbox } from './webhooks/outbox.js'

/** Each API adds `<name>: <its repositories>` here by declaration merging; the core never names one. */
export interface ApiRepos {}

/** What a handler (an API's or the control plane's) reads state from: never a value captured when the app was built. */
export interface RequestContext {
  db: Db
  clock: Clock
  repos: ApiRepos
  /** The requests the APIs received (bounded, in memory). */
  readonly journal: Journal
  /** Fault rules the control plane armed. */
  readonly faults: FaultBook
  /** Reading, seeding, resetting and exporting state documents for every API. */
  readonly files: StateFiles
  /** The fixtures a reset restores (the control plane may replace them). */
  fixtures: LoadedFixture[]
  /** Where a state change writes its events, in its own transaction. */
  outbox: Outbox
}

/**
 * The mock's state. The control plane may swap the database or the fixtures; requests pick up
 * whatever is current when they arrive.
 */
export interface MockState {
  db: Db
  readonly clock: Clock
  /** The fixtures a reset restores. */
  fixtures: LoadedFixture[]
  /** Every route of the APIs and the admin API, as registered (the contract tests walk it). */
  readonly routes: RouteInfo[]
  /** The requests the APIs received (bounded, in memory). */
  readonly journal: Journal
  /** Fault rules the control plane armed. */
  readonly faults: FaultBook
  readonly files: StateFiles
  /** The current context, after every API's time-driven transitions have caught up with the clock. */
  context (): RequestContext
}

declare module 'fastify' {
  interface FastifyInstance { mock: MockState }
  interface FastifyRequest { ctx: RequestContext }
}

/** An API's time-driven transitions: `run` applies what fell due and returns when the next falls due; its due times are read from the tables it `watches`. */
export interface Tick {
  run (ctx: RequestContext): number
  watches: readonly string[]
}

export interface StateParts {
  db: Db
  clock: Clock
  fixtures: LoadedFixture[]
  journal: Journal
  faults: FaultBook
  files: StateFiles
  makeRepos: (db: Db) => ApiRepos
  /** Each API's time-driven transitions, run before a request when due. */
  ticks: readonly Tick[]
  /** Every event also goes here (WEBHOOK_FORWARD_URL), registered or not. */
  forwardUrl?: string | undefined
}

export function createState ({ db, clock, fixtures, journal, faults, files, makeRepos, ticks, forwardUrl }: StateParts): MockState {
  // One context object per database: building repositories prepares statements.
  const contextFor = perDatabase((current: Db): RequestContext & { due: DueWork } => ({
    due: dueWork(current, ticks.flatMap((tick) => tick.watches)),
    db: current,
    clock,
    repos: makeRepos(current),
    journal,
    faults,
    files,
    outbox: outbox(current, clock, forwardUrl),
    get fixtures () { return state.fixtures },
    set fixtures (loaded) { state.fixtures = loaded }
  }))
  const state: MockState = {
    db,
    clock,
    fixtures,
    routes: [],
    journal,
    faults,
    files,
    context () {
      const ctx = contextFor(this.db)
      if (ctx.due.pending(ctx.clock.now())) ctx.due.ran(Math.min(...ticks.map((tick) => tick.run(ctx))))
      return ctx
    }
  }
  return state
}

interface DueWork {
  /** Whether the ticks must run: something fell due, or a table they watch was written since they last ran. */
  pending (now: number): boolean
  /** The ticks ran; the earliest of their next due times. */
  ran (nextDue: number): void
}

/**
 * A due-time index over the ticks: a request with nothing due does no due-work. A write to a
 * table a tick reads its due times from may have brought one forward (the write stamp says so;
 * other writes, a product deleted, cost nothing here). Otherwise the ticks run only when the clock
 * reaches their next due time.
 */
function dueWork (db: Db, watched: readonly string[]): DueWork {
  const written = writeStamp(db, 'watch', watched)
  let seen = -1
  let next = -Infinity
  return {
    pending: (now) => now >= next || written() !== seen,
    ran (nextDue) {
      next = nextDue
      seen = written() // after the ticks' own writes
    }
  }
}

/** The root plugin: every request gets the current context before any API sees it. */
export const requestContext = fp(async (app: FastifyInstance, { state }: { state: MockState }) => {
  app.decorate('mock', state)
  app.decorateRequest('ctx', null as unknown as RequestContext)
  app.addHook('onRequest', (request, _reply, done) => {
    request.ctx = state.context()
    done()
  })
}, { name: 'request-context' })
