/**
 * One in-memory app per test file, reused by every run. The clock is frozen so a reset rebuilds
 * byte-identical rows; runs that changed the database are undone with POST /__admin/reset, so
 * every run (and every shrink step) starts from the fixtures.
 */
import type { InjectOptions, LightMyRequestResponse } from 'fastify'
import { afterAll, beforeAll, expect } from 'vitest'
import type { App } from '../../src/app.js'
import type { MockConfig as Config } from '../../src/apis/index.js'
import { createApp, snapshot } from '../helpers.js'
import { expectNoLeak, expectNoPrototypePollution } from './oracles.js'
import { abbreviate } from './printing.js'

export const FROZEN_AT = Date.parse('2026-01-20T12:00:00.000Z')

export interface Harness {
  app: App
  /** The database right after a reset, serialized. */
  pristine: string
  /** Set when the app was built with ADMIN_TOKEN: resets must present it. */
  adminToken?: string
}

export const dbState = (app: App) => JSON.stringify(snapshot(app))

export async function startHarness (overrides: Partial<Config> = {}): Promise<Harness> {
  const app = await createApp(overrides)
  app.mock.clock.freeze(FROZEN_AT)
  const harness: Harness = { app, pristine: '', adminToken: overrides.adminToken }
  await resetFixtures(harness)
  harness.pristine = dbState(app)
  return harness
}

/** A request as a property drew it: any headers, maybe a Content-Type, maybe a raw body. */
export interface Drawn {
  method: string
  url: string
  headers?: Record<string, unknown>
  /** The drawn Content-Type; undefined sends none (or the drawn headers' own). */
  type?: string
  raw?: string
}

/** Sends the drawn request when called: the shape judgedRun takes. */
export const sendDrawn = (harness: Harness, { method, url, headers = {}, type, raw }: Drawn) => () => harness.app.inject({
  method: method as InjectOptions['method'],
  url,
  headers: (type === undefined ? headers : { ...headers, 'content-type': type }) as Record<string, string>,
  payload: raw
})

/** One harness for the enclosing describe block (or file): started before its tests, closed after them. */
export function useHarness (overrides: Partial<Config> = {}): Harness {
  const harness = {} as Harness
  beforeAll(async () => { Object.assign(harness, await startHarness(overrides)) })
  afterAll(async () => { await harness.app?.close() })
  return harness
}

export async function resetFixtures ({ app, adminToken }: Harness): Promise<void> {
  const response = await app.inject({
    method: 'POST',
    url: '/__admin/reset',
    // The frozen clock is what makes the rebuilt rows byte-identical.
    payload: { keep: ['clock'] },
    headers: adminToken ? { authorization: `Bearer ${adminToken}` } : {}
  })
  if (response.statusCode !== 200) throw new Error(`reset failed: ${response.statusCode} ${response.body}`)
}

/** Undoes whatever the last run wrote. */
export async function restore (harness: Harness): Promise<void> {
  if (dbState(harness.app) !== harness.pristine) await resetFixtures(harness)
}

/** The database must equal `before`; on a mismatch, show a row-level diff rather than two long strings. */
export function expectUnchanged (harness: Harness, before: string, response?: LightMyRequestResponse): void {
  const after = dbState(harness.app)
  if (after === before) return
  const answered = response ? `${response.statusCode} ${abbreviate(response.body)}` : ''
  expect(JSON.parse(after), `database changed by a request answered ${answered}`).toEqual(JSON.parse(before))
}

export interface RunOptions {
  /** Writes made first, inside the run (to give a reset something to undo); the database is judged from there. */
  setup?: () => Promise<unknown>
  /** Answers that may have written (an accepted request); every other answer must leave the database as it was. */
  mayWrite?: (response: LightMyRequestResponse) => boolean
  /** Secrets of this app beyond the fixtures' (an admin token) that no answer may contain. */
  secrets?: string[]
  /** Undoes state outside the database (armed faults) after the run, like restore does for the rows. */
  cleanup?: () => void
}

/** For properties that also send valid requests: an accepted one may write, a refusal may not. */
export const REFUSALS_WRITE_NOTHING: RunOptions = { mayWrite: (response) => response.statusCode < 400 }

/**
 * One fuzz run, the shape every property shares: send, judge the answer, no leak and no prototype
 * pollution, the database unchanged unless the answer may write — and, pass or fail, the fixtures
 * restored, so the next run and every shrink step start from them.
 */
export async function judgedRun<T> (harness: Harness, send: () => Promise<LightMyRequestResponse>,
  judge: (response: LightMyRequestResponse) => T, options: RunOptions = {}): Promise<T> {
  try {
    await options.setup?.()
    const before = dbState(harness.app)
    const response = await send()
    const verdict = judge(response)
    expectNoLeak(response, options.secrets)
    expectNoPrototypePollution()
    if (!options.mayWrite?.(response)) expectUnchanged(harness, before, response)
    return verdict
  } finally {
    options.cleanup?.()
    await restore(harness)
  }
}
