import { readFileSync } from 'node:fs'
import type { InjectOptions } from 'fastify'
import { afterAll, afterEach, beforeAll, beforeEach, onTestFinished } from 'vitest'
import { buildApp, type App, type BuildOptions } from '../src/app.js'
import { DEFAULT_FIXTURES } from '../src/config.js'
import { testConfig, type FixtureDocument, type MockConfig as Config } from '../src/apis/index.js'
import { signTocoRequest, signWaffoRequest } from '../src/signing/index.js'

export const demoFixture = JSON.parse(readFileSync(DEFAULT_FIXTURES, 'utf8')) as Required<FixtureDocument>

const merchantKey = (index: number, key = 0) => {
  const merchant = demoFixture.waffo.merchants![index]!
  return { id: merchant.id, privateKeyPem: merchant.publicKeys[key]!.privateKeyPem! }
}

/** Names for the demo fixture's cast, so tests read as the scenario they exercise. */
export const DEMO = {
  partner: { clientId: 'ptnr_1s4UqMnO64', secretKey: 'demo_toco_secret_ptnr_1s4UqMnO64' },
  otherPartner: { clientId: 'ptnr_AbC123', secretKey: 'demo_toco_secret_ptnr_AbC123' },
  /** Bound, no products: the unbind target. */
  unbindStore: { storeClientId: 'str_bG7SUfKOqSQt', storeToken: 'stkn_Dd26kxQ7obYAdAvo' },
  /** Bound, with the catalogue. */
  catalogueStore: { storeClientId: 'str_TGIxyboe7-Rz', storeToken: 'stkn_1G_R3r_5QTvwr_0O' },
  unboundStore: { storeClientId: 'str_9xyZ', storeToken: 'stkn_84tZNQiJiMaTgToe' },
  otherPartnersStore: { storeClientId: 'str_AbCOther01', storeToken: 'stkn__6AbJF05mjvxh7sh' },
  products: {
    seedSuccess: { id: '66721951-5f60-47fa-828c-29040fd3595f', externalId: 'bace66be-47c4-4f72-868c-ad792da8b210' },
    second: { id: '015c28c3-b48c-4e1f-a8a1-9a1cc07022c4', externalId: '52a3bcfb-62ea-4711-a4c1-b6847a981256' },
    third: { id: 'c16785c6-f55a-4b1d-943c-621db1296357', externalId: 'c07fb1a2-8e5b-48c5-aba0-60a3aa60de9c' },
    alreadyDeleted: '015c28c3-b48c-4e1f-a8a1-9a1cc07022c5',
    otherStores: '02b65657-bfcd-47ba-9f91-ec67e7b5913e',
    unknown: '946b3ffa-5f9e-412e-acf4-eea306736e63'
  },
  owner: merchantKey(0),
  ownerProd: merchantKey(0, 1),
  admin: merchantKey(1),
  outsider: merchantKey(2),
  waffoStores: {
    clean: 'STO_2aUyqjCzEIiEcYMKj7TZtw',
    blockedEverywhere: 'STO_BlockedEveryCategory01',
    productsAndMail: 'STO_BlockedProductsAndMail',
    ownerIsAdmin: 'STO_AdminOnlyStore00000001',
    ownerIsMember: 'STO_MemberOnlyStore0000001',
    deleted: 'STO_AlreadyDeletedStore001',
    othersOnly: 'STO_OtherMerchantsStore001'
  }
} as const

/** An app on a fresh in-memory database with the demo fixtures (or the given config). */
export function createApp (overrides: Partial<Config> = {}): Promise<App> {
  return buildApp(testConfig(overrides))
}

/** An app for the running test alone (its own config, a log stream to read), closed when the test ends. */
export async function appForTest (overrides: Partial<Config> = {}, options: BuildOptions = {}): Promise<App> {
  const app = await buildApp(testConfig(overrides), options)
  onTestFinished(async () => { await app.close() })
  return app
}

/** A fresh in-memory app with the demo fixtures for each test of the file, closed after it. */
export function useApp (overrides: Partial<Config> = {}) {
  const holder = { app: undefined as unknown as App }
  beforeEach(async () => { holder.app = await createApp(overrides) })
  afterEach(async () => { await holder.app.close() })
  return holder
}

/** One listening app for a file's real clients (fetch, the SDK, curl), reset before each test. */
export function useListeningApp () {
  const server = { app: undefined as unknown as App, url: '' }
  beforeAll(async () => {
    server.app = await createApp()
    server.url = await server.app.listen({ port: 0, host: '127.0.0.1' })
  })
  afterAll(async () => { await server.app.close() })
  beforeEach(async () => { await server.app.inject({ method: 'POST', url: '/__admin/reset' }) })
  return server
}

export interface TocoCall {
  method?: string
  /** Path under /api/v1. */
  path: string
  body?: unknown
  partner?: { clientId: string, secretKey: string }
  store?: { storeClientId: string, storeToken: string }
  timestamp?: number | string
  /** Applied after signing: to tamper with or drop signed headers. */
  headers?: Record<string, string | undefined>
}

/** Signs a Toco call like a partner client would and injects it. */
export function toco (app: App, call: TocoCall) {
  const method = call.method ?? 'POST'
  const payload = call.body === undefined ? undefined : typeof call.body === 'string' ? call.body : JSON.stringify(call.body)
  const partner = call.partner ?? DEMO.partner
  const signed = signTocoRequest({
    secretKey: partner.secretKey,
    method,
    path: call.path,
    partnerClientId: partner.clientId,
    storeClientId: call.store?.storeClientId,
    storeToken: call.store?.storeToken,
    timestamp: call.timestamp ?? app.mock.clock.now(),
    body: payload
  })
  const headers = withOverrides({ 'content-type': 'application/json', ...signed }, call.headers)
  return app.inject({ method: method as InjectOptions['method'], url: `/api/v1${call.path}`, headers, payload })
}

export interface WaffoCall {
  path?: string
  body?: unknown
  merchant?: { id: string, privateKeyPem: string }
  timestamp?: number | string
  headers?: Record<string, string | undefined>
}

/** Signs a Waffo action like @waffo/pancake-ts does and injects it. */
export function waffo (app: App, call: WaffoCall) {
  const path = call.path ?? '/v1/actions/store/delete-store'
  const payload = typeof call.body === 'string' ? call.body : JSON.stringify(call.body ?? {})
  const merchant = call.merchant ?? DEMO.owner
  const signed = signWaffoRequest({
    merchantId: merchant.id,
    privateKeyPem: merchant.privateKeyPem,
    path,
    body: payload,
    timestamp: call.timestamp ?? Math.floor(app.mock.clock.now() / 1000)
  })
  return app.inject({ method: 'POST', url: path, headers: withOverrides(signed, call.headers), payload })
}

function withOverrides (headers: Record<string, string>, overrides: Record<string, string | undefined> = {}) {
  const result: Record<string, string> = {}
  for (const [name, value] of Object.entries(headers)) result[name.toLowerCase()] = value
  for (const [name, value] of Object.entries(overrides)) {
    if (value === undefined) delete result[name.toLowerCase()]
    else result[name.toLowerCase()] = value
  }
  return result
}

/** Every row of every table: compare before and after to prove nothing changed. */
export function snapshot (app: App): Record<string, unknown[]> {
  const tables = app.mock.db.prepare<[], string>(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all()
  return Object.fromEntries(tables.map((table) => [table, app.mock.db.prepare(`SELECT * FROM ${table} ORDER BY 1, 2`).all()]))
}

export const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
export const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/
