/**
 * One in-memory app per test file, reused by every run. The clock is frozen so a reset rebuilds
 * byte-identical rows; runs that changed the database are undone with POST /__admin/reset, so
 * every run (and every shrink step) starts from the fixtures.
 */
import type { LightMyRequestResponse } from 'fastify'
import { expect } from 'vitest'
import type { App } from '../../src/app.js'
import type { Config } from '../../src/config.js'
import { createApp, snapshot } from '../helpers.js'
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

export async function resetFixtures ({ app, adminToken }: Harness): Promise<void> {
  const response = await app.inject({
    method: 'POST',
    url: '/__admin/reset',
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
