/** Shared steps of the second-wave Waffo tests: signed actions, buyer sessions, fixture rows. */
import { expect } from 'vitest'
import type { App } from '../../src/app.js'
import { DEMO, waffo } from '../helpers.js'

export type Merchant = { id: string, privateKeyPem: string }

/** A signed action; answers the status and the parsed body. */
export async function act (app: App, path: string, body: unknown, merchant: Merchant = DEMO.owner) {
  const response = await waffo(app, { path: `/v1/actions/${path}`, body, merchant })
  return { status: response.statusCode, body: response.json() as { data: any, errors?: any[], warnings?: any[] } }
}

/** A 4xx/5xx with exactly one notice: `[status, message, layer]`. */
export async function refusal (app: App, path: string, body: unknown, merchant: Merchant = DEMO.owner) {
  const { status, body: answer } = await act(app, path, body, merchant)
  expect(answer.data).toBeNull()
  expect(answer.errors).toHaveLength(1)
  return [status, answer.errors![0].message, answer.errors![0].layer]
}

/** A buyer-side action with a session token (and X-Environment, as the SDK sends it). */
/** environment null sends no X-Environment. */
export async function asBuyer (app: App, token: string, path: string, body: unknown, environment: string | null = 'test') {
  const response = await app.inject({
    method: 'POST',
    url: `/v1/actions/${path}`,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...(environment ? { 'x-environment': environment } : {}) },
    payload: JSON.stringify(body)
  })
  return { status: response.statusCode, body: response.json() as { data: any, errors?: any[] } }
}

export async function sessionToken (app: App, storeId: string, buyerIdentity: string, merchant: Merchant = DEMO.owner): Promise<string> {
  const { status, body } = await act(app, 'auth/issue-session-token', { storeId, buyerIdentity }, merchant)
  expect(status, JSON.stringify(body)).toBe(200)
  return body.data.token
}

/** Adds fixture rows (the `waffo` section of a document) through the control plane. */
export async function loadWaffo (app: App, waffoSection: Record<string, unknown>) {
  const response = await app.inject({ method: 'POST', url: '/__admin/fixtures?mode=merge', payload: { waffo: waffoSection } })
  expect(response.statusCode, response.body).toBe(200)
}

export const row = (app: App, sql: string, ...params: unknown[]) => app.mock.db.prepare(sql).get(...params) as Record<string, any> | undefined

/** The delete-store 409's categories, in order; [] when the delete went through. */
export async function blockers (app: App, storeId: string): Promise<string[]> {
  const { status, body } = await act(app, 'store/delete-store', { id: storeId })
  if (status === 200) return []
  expect(status).toBe(409)
  return body.errors!.map((notice) => notice.reason)
}

export const PRICES = { USD: { amount: '29.00', taxCategory: 'digital_goods' } }
