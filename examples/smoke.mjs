#!/usr/bin/env node
/**
 * A consumer's smoke test against a running toco-waffo-mock: reset, one signed call per API,
 * assert. Plain Node 24 (fetch, node:crypto), no dependencies, so any container can run it:
 *
 *   MOCK_URL=http://127.0.0.1:8080 FIXTURES_FILE=fixtures/default.json node examples/smoke.mjs
 *
 * The ids below are the demo set's (fixtures/default.json); the secrets are looked up in
 * FIXTURES_FILE by id. Edit the ids to your own fixtures. ADMIN_TOKEN is sent when set.
 */
import { createHash, createHmac, createSign } from 'node:crypto'
import { readFileSync } from 'node:fs'

const MOCK_URL = (process.env.MOCK_URL ?? 'http://127.0.0.1:8080').replace(/\/$/, '')
const FIXTURES_FILE = process.env.FIXTURES_FILE ?? new URL('../fixtures/default.json', import.meta.url)
const TOCO = { partner: 'ptnr_1s4UqMnO64', store: 'str_bG7SUfKOqSQt' }
const WAFFO = { merchant: 'MER_2aUyqjCzEIiEcYMKj7TZtw', store: 'STO_2aUyqjCzEIiEcYMKj7TZtw' }

const fixtures = JSON.parse(readFileSync(FIXTURES_FILE, 'utf8'))
const secretKey = fixtures.toco.partners.find((partner) => partner.clientId === TOCO.partner).secretKey
const privateKeyPem = fixtures.waffo.merchants.find((merchant) => merchant.id === WAFFO.merchant).publicKeys.find((key) => key.privateKeyPem).privateKeyPem

/** Toco: hex HMAC-SHA256 over METHOD, path without /api/v1, the x- headers, then the body's hex SHA-256. */
function tocoHeaders (method, path, body = '') {
  const headers = { 'x-partner-client-id': TOCO.partner, 'x-timestamp': String(Date.now()) }
  const base = [method, path, ...Object.entries(headers).map(([name, value]) => `${name}:${value}`), createHash('sha256').update(body).digest('hex')].join('\n')
  return { ...headers, 'x-signature': createHmac('sha256', secretKey).update(base).digest('hex') }
}

/** Waffo: base64 RSA-SHA256 over METHOD, path, epoch seconds and the body's base64 SHA-256, as the SDK signs. */
function waffoHeaders (path, body) {
  const timestamp = String(Math.floor(Date.now() / 1000))
  const canonical = ['POST', path, timestamp, createHash('sha256').update(body).digest('base64')].join('\n')
  const signature = createSign('sha256').update(canonical).sign(privateKeyPem, 'base64')
  return { 'Content-Type': 'application/json', 'X-Merchant-Id': WAFFO.merchant, 'X-Timestamp': timestamp, 'X-Signature': signature }
}

async function call (name, path, init, check) {
  const response = await fetch(MOCK_URL + path, { method: 'POST', ...init })
  const body = await response.json().catch(() => undefined)
  const problem = check(response.status, body)
  if (problem) throw new Error(`${name}: ${problem} (HTTP ${response.status} ${JSON.stringify(body)})`)
  console.log(`ok ${name}`)
}

const admin = process.env.ADMIN_TOKEN ? { authorization: `Bearer ${process.env.ADMIN_TOKEN}` } : {}

try {
  await call('reset', '/__admin/reset', { headers: admin }, (status) => status === 200 ? '' : 'expected 200')
  const unbind = `/partner/stores/${TOCO.store}/unbind`
  await call('toco unbind', `/api/v1${unbind}`, { headers: tocoHeaders('POST', unbind) }, (status, body) =>
    status === 200 && body?.success === true && body.data?.status === 'unbound' ? '' : 'expected 200 with data.status "unbound"')
  const deleteStore = '/v1/actions/store/delete-store'
  const body = JSON.stringify({ id: WAFFO.store })
  await call('waffo delete-store', deleteStore, { headers: waffoHeaders(deleteStore, body), body }, (status, answer) =>
    status === 200 && answer?.data?.store?.id === WAFFO.store && answer.data.store.deletedAt ? '' : 'expected 200 with data.store.deletedAt set')
  console.log(`smoke passed against ${MOCK_URL}: reset, toco unbind, waffo delete-store`)
} catch (error) {
  console.error(`smoke: FAILED: ${error.message}`)
  process.exitCode = 1
}
