/**
 * Waffo auth-header plans, as for Toco (see toco-auth-plans.ts): missing, garbage, or an RSA
 * signature over something other than the request sent.
 */
import { createSign } from 'node:crypto'
import fc from 'fast-check'
import { waffoCanonical } from '../../src/signing/waffo.js'
import { DEMO } from '../helpers.js'
import { asSent, garbageHeader, mostly, plausibleOr, type HeaderValue, type Headers, type SignedRequest, type Skewed } from './headers.js'

export type WaffoSignaturePlan =
  | { tamper: 'key' | 'body' | 'timestamp' | 'path' | 'method' | 'base64-char', at: number }
  | { raw: HeaderValue }

export interface WaffoAuthPlan {
  merchant?: HeaderValue
  timestamp?: Skewed<'skewSeconds'> | { unit: 'milliseconds' }
  signature?: WaffoSignaturePlan
}

const merchants = [DEMO.owner, DEMO.admin, DEMO.outsider]

const waffoTamper = fc.record({
  tamper: fc.constantFrom('key', 'body', 'timestamp', 'path', 'method', 'base64-char'),
  at: fc.nat(299)
})

/** As for Toco: any mix of headers, or all plausible with only the signature wrong. */
export const waffoAuthPlan: fc.Arbitrary<WaffoAuthPlan> = fc.oneof(
  fc.record({
    merchant: mostly(plausibleOr(...merchants.map((merchant) => merchant.id))),
    timestamp: mostly(fc.oneof(
      { arbitrary: fc.integer({ min: -400, max: 400 }).map((skewSeconds) => ({ skewSeconds })), weight: 4 },
      { arbitrary: fc.constant({ unit: 'milliseconds' as const }), weight: 1 },
      { arbitrary: garbageHeader.map((raw) => ({ raw })), weight: 2 }
    )),
    signature: mostly(fc.oneof(
      { arbitrary: waffoTamper, weight: 4 },
      { arbitrary: fc.oneof(fc.base64String({ maxLength: 400 }), garbageHeader).map((raw) => ({ raw })), weight: 2 }
    ))
  }),
  fc.record({
    merchant: fc.constantFrom(...merchants.map((merchant) => merchant.id)),
    timestamp: fc.integer({ min: -299, max: 299 }).map((skewSeconds) => ({ skewSeconds })),
    signature: waffoTamper
  })
)

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'

/** The Waffo auth headers a plan describes, for this request. */
export function waffoHeaders (plan: WaffoAuthPlan, request: SignedRequest): Headers {
  const headers: Headers = {}
  if (plan.merchant !== undefined) headers['x-merchant-id'] = plan.merchant
  if (plan.timestamp !== undefined) {
    const { timestamp } = plan
    const nowSeconds = Math.floor(request.nowMs / 1000)
    headers['x-timestamp'] = 'raw' in timestamp
      ? timestamp.raw
      : 'unit' in timestamp ? String(request.nowMs) : String(nowSeconds + timestamp.skewSeconds)
  }
  if (plan.signature !== undefined) {
    headers['x-signature'] = 'raw' in plan.signature ? plan.signature.raw : tamperedWaffoSignature(plan.signature, headers, request)
  }
  return headers
}

function tamperedWaffoSignature (plan: Exclude<WaffoSignaturePlan, { raw: HeaderValue }>, headers: Headers, request: SignedRequest): string {
  const merchantId = headers['x-merchant-id'] === undefined ? '' : asSent(headers['x-merchant-id'])
  const timestamp = headers['x-timestamp'] === undefined ? '' : asSent(headers['x-timestamp'])
  const own = merchants.find((merchant) => merchant.id === merchantId) ?? DEMO.owner
  // A key registered to some other merchant: it verifies nothing for this one.
  const foreign = merchantId === DEMO.owner.id ? DEMO.admin : DEMO.owner
  const sign = (pem: string, changes: { method?: string, url?: string, timestamp?: string, body?: string }) => createSign('sha256')
    .update(waffoCanonical(changes.method ?? request.method, changes.url ?? request.url, changes.timestamp ?? timestamp,
      changes.body ?? request.raw ?? ''))
    .sign(pem, 'base64')
  switch (plan.tamper) {
    case 'key': return sign(foreign.privateKeyPem, {})
    case 'body': return sign(own.privateKeyPem, { body: (request.raw ?? '') + ' ' })
    case 'timestamp': return sign(own.privateKeyPem, { timestamp: timestamp + '0' })
    case 'path': return sign(own.privateKeyPem, { url: request.url + '/' })
    case 'method': return sign(own.privateKeyPem, { method: request.method === 'POST' ? 'PUT' : 'POST' })
    case 'base64-char': {
      const genuine = sign(own.privateKeyPem, {})
      const replacement = BASE64[(BASE64.indexOf(genuine[plan.at]!) + 1) % BASE64.length]!
      return genuine.slice(0, plan.at) + replacement + genuine.slice(plan.at + 1)
    }
  }
}
