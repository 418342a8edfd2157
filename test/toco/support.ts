/** Shared steps of the Toco second-wave tests: onboarding a store and reading batches. */
import type { App } from '../../src/app.js'
import { DEMO, toco } from '../helpers.js'

export const REDIRECT = 'https://bigseller.com/login/email-login?redirect=/shopset/toco'
export const GUDANG = { storeClientId: 'str_wHouses3Demo', storeToken: 'stkn_Wh3DemoToken0001' }
export const WAREHOUSES = ['wh_wh8-HpRcn3ZH', 'wh_Xv53JrfSpHh7', 'wh_Xv53JrfSp37s']

export interface StoreCredentials { storeClientId: string, storeToken: string }

/** POST /partner/onboard/sessions as the partner; the answer's data. */
export async function startSession (app: App, partner: { clientId: string, secretKey: string } = DEMO.partner, redirectUri = REDIRECT) {
  const response = await toco(app, { path: '/partner/onboard/sessions', body: { redirectUri }, partner })
  if (response.statusCode !== 200) throw new Error(`session: ${response.statusCode} ${response.body}`)
  return response.json().data as { sessionId: string, onboardUrl: string, redirectUri: string, expiresAt: string, status: string }
}

/** The path (and query) of an absolute onboardUrl, for inject. */
export const pathOf = (url: string) => { const parsed = new URL(url); return parsed.pathname + parsed.search }

/** The credentials a 302 to redirectUri carries. */
export function credentialsFrom (location: string): StoreCredentials & { sessionId: string } {
  const params = new URL(location).searchParams
  return { storeClientId: params.get('storeClientId')!, storeToken: params.get('storeToken')!, sessionId: params.get('sessionId')! }
}

/** Scripted approval: a new store unless `store` names one to re-bind. */
export async function onboard (app: App, store?: string, partner = DEMO.partner): Promise<StoreCredentials> {
  const session = await startSession(app, partner)
  const query = store ? `?autoApprove=1&store=${encodeURIComponent(store)}` : '?autoApprove=1'
  const response = await app.inject({ url: pathOf(session.onboardUrl) + query })
  if (response.statusCode !== 302) throw new Error(`approve: ${response.statusCode} ${response.body}`)
  const { storeClientId, storeToken } = credentialsFrom(response.headers.location as string)
  return { storeClientId, storeToken }
}

/** GET /__admin/toco/batches/{id}. */
export async function batch (app: App, batchId: string) {
  return (await app.inject({ url: `/__admin/toco/batches/${batchId}` })).json()
}

/** A signed GET (the demo partner unless another is given). */
export async function read (app: App, path: string, store: StoreCredentials, partner?: { clientId: string, secretKey: string }) {
  return toco(app, { method: 'GET', path, store, ...(partner ? { partner } : {}) })
}

export const row = (app: App, sql: string, ...params: unknown[]) => app.mock.db.prepare(sql).get(...params) as Record<string, unknown> | undefined
export const rows = (app: App, sql: string, ...params: unknown[]) => app.mock.db.prepare(sql).all(...params) as Array<Record<string, unknown>>
