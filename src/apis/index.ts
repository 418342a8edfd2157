import type { Static } from 'typebox'
import { loadConfig, type ConfigWith } from '../config.js'
import { ownerOf } from '../core/api.js'
import { stateFiles, type LoadedFixture as AnyLoadedFixture } from '../core/state-files/documents.js'
import { toco } from './toco/index.js'
import { waffo } from './waffo/index.js'
import { WEBHOOK_MIGRATIONS } from '../core/webhooks/tables.js'

/** The mock of these APIs, as its pages and documents title it. */
export const PRODUCT = 'toco-waffo-mock'

/** The registry: every simulated API. The core loops over it and never names one. */
export const APIS = [toco, waffo] as const

export type AnyApi = typeof APIS[number]

/** The API whose prefix owns this URL, if any. */
export function apiFor (url: string): AnyApi | undefined {
  return ownerOf(APIS, url)
}

/** Each API's slice of the configuration (its environment variables), in registry order. */
export const CONFIG_SLICES = [toco.config, waffo.config] as const

/** The whole configuration: the core's variables and every API's slice. */
export type MockConfig = ConfigWith<typeof CONFIG_SLICES>

/** Reads and validates the environment for the core and every API (ConfigError: one line). */
export function loadMockConfig (env: NodeJS.ProcessEnv = process.env): MockConfig {
  return loadConfig(env, CONFIG_SLICES)
}

/** The configuration tests start from: defaults, quiet, in memory. */
export function testConfig (overrides: Partial<MockConfig> = {}): MockConfig {
  return { ...loadMockConfig({}), logLevel: 'silent', ...overrides }
}

/** Each API's schema history, for the database to apply in order. */
export const MIGRATIONS = [
  ...APIS.map((api) => ({ name: api.name, steps: api.migrations })),
  // The outbox every API writes its events to.
  { name: 'webhooks', steps: WEBHOOK_MIGRATIONS }
]

/** One optional section per API, named after it. */
type Sections = { [Api in AnyApi as Api['name']]?: Static<Api['fixture']['schema']> }

/** A fixture document (DESIGN §6), typed by the registry. Exported to fixtures/schema.json for editors. */
export type FixtureDocument = { $schema?: string, description?: string } & Sections

export type LoadedFixture = AnyLoadedFixture<FixtureDocument>

/** Reading, seeding, resetting and exporting state documents for these APIs. */
export const STATE_FILES = stateFiles<FixtureDocument>(APIS, `${PRODUCT} fixture document`)

export const { readFixtures, parseFixture, validateFixture, seedFixtures, fixtureJsonSchema } = STATE_FILES
export { FixtureError } from '../core/state-files/documents.js'
