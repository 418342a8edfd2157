/**
 * Toco auth-header plans, from "header missing" to "signed correctly over a slightly different
 * request". A plan becomes headers only once the request is known (tocoHeaders), so the
 * counterexample fast-check prints is the plan, which says what was wrong.
 */
import fc from 'fast-check'
import { tocoBaseString, tocoSignature } from '../../src/signing/toco.js'
import { DEMO } from '../helpers.js'
import { asSent, garbageHeader, mostly, plausibleOr, type HeaderValue, type Headers, type SignedRequest, type Skewed } from './headers.js'

export type TocoSignaturePlan =
  | { tamper: 'secret' | 'body' | 'timestamp' | 'path' | 'hex-digit', at: number, form: 'bare' | 'sha256=' | 'upper' }
  | { raw: HeaderValue }

export interface TocoAuthPlan {
  partner?: HeaderValue
  storeClientId?: HeaderValue
  storeToken?: HeaderValue
  timestamp?: Skewed<'skewMs'> | { unit: 'seconds' }
  signature?: TocoSignaturePlan
}

const tocoStores = [DEMO.unbindStore, DEMO.catalogueStore, DEMO.unboundStore, DEMO.otherPartnersStore]

const tocoTamper = fc.record({
  tamper: fc.constantFrom('secret', 'body', 'timestamp', 'path', 'hex-digit'),
  at: fc.nat(63),
  form: fc.constantFrom('bare', 'sha256=', 'upper')
})

/**
 * Either any mix of missing, garbage and plausible headers, or every header plausible and the
 * timestamp in the window so that only the signature is wrong (it is always over something else).
 */
export const tocoAuthPlan: fc.Arbitrary<TocoAuthPlan> = fc.oneof(
  fc.record({
    partner: mostly(plausibleOr(DEMO.partner.clientId, DEMO.otherPartner.clientId)),
    storeClientId: mostly(plausibleOr(...tocoStores.map((store) => store.storeClientId))),
    storeToken: mostly(plausibleOr(...tocoStores.map((store) => store.storeToken))),
    timestamp: mostly(fc.oneof(
      { arbitrary: fc.integer({ min: -400_000, max: 400_000 }).map((skewMs) => ({ skewMs })), weight: 4 },
      { arbitrary: fc.constant({ unit: 'seconds' as const }), weight: 1 },
      { arbitrary: garbageHeader.map((raw) => ({ raw })), weight: 2 }
    )),
    signature: mostly(fc.oneof(
      { arbitrary: tocoTamper, weight: 4 },
      { arbitrary: garbageHeader.map((raw) => ({ raw })), weight: 2 }
    ))
  }),
  fc.record({
    partner: fc.constantFrom(DEMO.partner.clientId, DEMO.otherPartner.clientId),
    storeClientId: fc.constantFrom(...tocoStores.map((store) => store.storeClientId)),
    storeToken: fc.constantFrom(...tocoStores.map((store) => store.storeToken)),
    timestamp: fc.integer({ min: -299_000, max: 299_000 }).map((skewMs) => ({ skewMs })),
    signature: tocoTamper
  })
)

const secretOf = (partnerClientId: string) =>
  [DEMO.partner, DEMO.otherPartner].find((partner) => partner.clientId === partnerClientId)?.secretKey

/** The Toco auth headers a plan describes, for this request. */
export function tocoHeaders (plan: TocoAuthPlan, request: SignedRequest): Headers {
  const headers: Headers = {}
  if (plan.partner !== undefined) headers['x-partner-client-id'] = plan.partner
  if (plan.storeClientId !== undefined) headers['x-store-client-id'] = plan.storeClientId
  if (plan.storeToken !== undefined) headers['x-store-token'] = plan.storeToken
  if (plan.timestamp !== undefined) {
    const { timestamp } = plan
    headers['x-timestamp'] = 'raw' in timestamp
      ? timestamp.raw
      : 'unit' in timestamp ? String(Math.floor(request.nowMs / 1000)) : String(request.nowMs + timestamp.skewMs)
  }
  if (plan.signature !== undefined) {
    headers['x-signature'] = 'raw' in plan.signature ? plan.signature.raw : tamperedTocoSignature(plan.signature, headers, request)
  }
  return headers
}

function tamperedTocoSignature (plan: Exclude<TocoSignaturePlan, { raw: HeaderValue }>, headers: Headers, request: SignedRequest): string {
  const sent = (name: string) => headers[name] === undefined ? undefined : asSent(headers[name])
  const partnerClientId = sent('x-partner-client-id') ?? ''
  const timestamp = sent('x-timestamp') ?? ''
  const ownSecret = secretOf(partnerClientId) ?? DEMO.partner.secretKey
  const otherSecret = partnerClientId === DEMO.partner.clientId ? DEMO.otherPartner.secretKey : DEMO.partner.secretKey
  const path = request.url.replace(/^\/api\/v1/, '')
  const base = (changes: { path?: string, timestamp?: string, body?: string }) => tocoBaseString({
    method: request.method,
    path: changes.path ?? path,
    partnerClientId,
    storeClientId: sent('x-store-client-id'),
    storeToken: sent('x-store-token'),
    timestamp: changes.timestamp ?? timestamp,
    body: changes.body ?? request.raw
  })
  let signature: string
  switch (plan.tamper) {
    case 'secret': signature = tocoSignature(otherSecret, base({})); break
    case 'body': signature = tocoSignature(ownSecret, base({ body: (request.raw ?? '') + ' ' })); break
    case 'timestamp': signature = tocoSignature(ownSecret, base({ timestamp: timestamp + '0' })); break
    case 'path': signature = tocoSignature(ownSecret, base({ path: path + '/' })); break
    case 'hex-digit': {
      const genuine = tocoSignature(ownSecret, base({}))
      const digit = (parseInt(genuine[plan.at]!, 16) + 1) % 16
      signature = genuine.slice(0, plan.at) + digit.toString(16) + genuine.slice(plan.at + 1)
    }
  }
  // Both spellings are accepted for a good signature, so they must not rescue a bad one.
  return plan.form === 'sha256=' ? `sha256=${signature}` : plan.form === 'upper' ? signature.toUpperCase() : signature
}
