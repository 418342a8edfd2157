/**
 * What every response must look like, whatever was sent: no 5xx, the owning API's envelope with
 * its keys in order, no stack trace, no secret from the fixtures.
 */
import type { LightMyRequestResponse } from 'fastify'
import { expect } from 'vitest'
import { demoFixture, ISO_MS, UUID_V4 } from '../helpers.js'
import { abbreviate } from './printing.js'

const keysOf = (value: unknown) => Object.keys(value as object)

/** Names the response in a failed assertion, so the report shows what the server said. */
const answered = (response: LightMyRequestResponse) => `answer ${response.statusCode} ${abbreviate(response.body)}`

/** HEAD answers carry no body, so only their status can be judged. */
const hasBody = (response: LightMyRequestResponse) => response.raw.req.method !== 'HEAD'

export function expectNo5xx (response: LightMyRequestResponse): void {
  expect(response.statusCode, answered(response)).toBeLessThan(500)
}

function expectJson (response: LightMyRequestResponse): unknown {
  expect(response.headers['content-type'], answered(response)).toMatch(/^application\/json\b/)
  return response.json()
}

export interface TocoErrorBody {
  success: false
  error: { code: string, message: string, details: { timestamp: string, hint: string, context: Record<string, unknown> } }
  requestId: string
}

/** `{"success":false,"error":{"code","message","details":{"timestamp","hint","context"}},"requestId"}`. */
export function expectTocoError (response: LightMyRequestResponse): TocoErrorBody | undefined {
  expectNo5xx(response)
  expect(response.statusCode, answered(response)).toBeGreaterThanOrEqual(400)
  if (!hasBody(response)) return undefined
  const body = expectJson(response) as TocoErrorBody
  expect(keysOf(body), answered(response)).toEqual(['success', 'error', 'requestId'])
  expect(body.success).toBe(false)
  expect(keysOf(body.error)).toEqual(['code', 'message', 'details'])
  expect(body.error.code).toEqual(expect.any(String))
  expect(body.error.message).toEqual(expect.any(String))
  expect(keysOf(body.error.details)).toEqual(['timestamp', 'hint', 'context'])
  expect(body.error.details.timestamp).toMatch(ISO_MS)
  expect(body.error.details.hint).toEqual(expect.any(String))
  expect(body.error.details.context).toBeTypeOf('object')
  expect(body.requestId).toMatch(UUID_V4)
  return body
}

/** `{"success":true,"message","requestId","meta":{"timestamp",…},"data"}`. */
export function expectTocoSuccess (response: LightMyRequestResponse, message: string) {
  expect(response.statusCode, answered(response)).toBe(200)
  const body = expectJson(response) as { message: string, meta: object, data: unknown }
  expect(keysOf(body)).toEqual(['success', 'message', 'requestId', 'meta', 'data'])
  expect(body.message).toBe(message)
  expect(keysOf(body.meta)[0]).toBe('timestamp')
  return body
}

export interface WaffoNotice { message: string, layer: string, [more: string]: unknown }

/** `{"data":null,"errors":[{message, layer, …}, …]}`; returns errors[0], the root cause. */
export function expectWaffoError (response: LightMyRequestResponse): WaffoNotice | undefined {
  expectNo5xx(response)
  expect(response.statusCode, answered(response)).toBeGreaterThanOrEqual(400)
  if (!hasBody(response)) return undefined
  const body = expectJson(response) as { data: unknown, errors: WaffoNotice[] }
  expect(keysOf(body), answered(response)).toEqual(['data', 'errors'])
  expect(body.data).toBeNull()
  expect(body.errors.length).toBeGreaterThan(0)
  for (const notice of body.errors) {
    expect(keysOf(notice).slice(0, 2)).toEqual(['message', 'layer'])
    expect(notice.message).toEqual(expect.any(String))
    expect(notice.layer).toEqual(expect.any(String))
  }
  return body.errors[0]
}

/** The control plane answers JSON objects, errors included. */
export function expectAdminJson (response: LightMyRequestResponse): Record<string, unknown> | undefined {
  expectNo5xx(response)
  if (!hasBody(response)) return undefined
  const body = expectJson(response)
  expect(body).toBeTypeOf('object')
  expect(body).not.toBeNull()
  return body as Record<string, unknown>
}

/** Secrets a client never sends, so no response may contain them: partner secrets, private keys. */
const FIXTURE_SECRETS = [
  ...demoFixture.toco.partners!.map((partner) => partner.secretKey),
  ...demoFixture.waffo.merchants!.flatMap((merchant) => merchant.publicKeys.flatMap((key) =>
    // Each 64-character base64 line of the key: a partial leak shows too.
    (key.privateKeyPem ?? '').split('\n').filter((line) => line.length === 64)))
]

// A V8 stack frame: "at fn (/path/file.ts:20:85)" or "at /path/file.js:1:2".
const STACK_FRAME = /\bat (?:\S+ )?\(?(?:file:\/\/|node:)?\/?[\w./-]+:\d+:\d+\)?/

export function expectNoLeak (response: LightMyRequestResponse, moreSecrets: string[] = []): void {
  const text = response.body
  expect(text).not.toMatch(STACK_FRAME)
  expect(text).not.toMatch(/PRIVATE KEY|(?:Range|Type|Reference|Syntax)Error\b/)
  for (const secret of [...FIXTURE_SECRETS, ...moreSecrets]) {
    if (text.includes(secret)) expect.fail(`the response contains the secret ${JSON.stringify(secret)}`)
  }
}

/** A body's `__proto__` / `constructor.prototype` keys must never reach the real prototypes. */
export function expectNoPrototypePollution (): void {
  expect(({} as Record<string, unknown>).polluted, 'Object.prototype was polluted by a request body').toBeUndefined()
}
