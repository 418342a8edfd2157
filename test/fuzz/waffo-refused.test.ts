/**
 * Waffo requests that are unsigned or badly signed, with any headers and any body: the gateway
 * refuses them in Waffo's envelope before the store service sees them, and nothing is written.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { anyBody, type Body } from './bodies.js'
import { tooLarge } from './body-model.js'
import { judgedRun, sendDrawn, useHarness, type Harness } from './harness.js'
import { contentType, extraHeaders, MEDIA_TYPES } from './headers.js'
import { waffoAuthPlan, waffoHeaders, type WaffoAuthPlan } from './waffo-auth-plans.js'
import { expectWaffoError } from './oracles.js'
import { params, TIMEOUT } from './settings.js'

const DELETE_STORE = '/v1/actions/store/delete-store'
const AUTH_MESSAGES = ['Missing authentication', 'Invalid API key', 'Authentication failed']

async function refusedWithoutTrace (harness: Harness, plan: WaffoAuthPlan, type: string | undefined,
  extra: Record<string, unknown>, body: Body) {
  const headers = { ...extra, ...waffoHeaders(plan, { method: 'POST', url: DELETE_STORE, raw: body.raw, nowMs: harness.app.mock.clock.now() }) }
  await judgedRun(harness, sendDrawn(harness, { method: 'POST', url: DELETE_STORE, headers, type, raw: body.raw }),
    (response) => {
      const notice = expectWaffoError(response)!
      if (notice.layer === 'user') {
        expect(response.statusCode).toBe(401)
        expect(AUTH_MESSAGES).toContain(notice.message)
      } else {
        // Not the store service (layer "store"), and not the body check that follows authentication.
        expect(notice.layer).toBe('gateway')
        if (notice.message === 'Request body too large') expect(tooLarge(body.raw)).toBe(true)
        // Otherwise only a Content-Type that is not a media type may be refused before the gateway check.
        else expect(MEDIA_TYPES).not.toContain(type)
      }
    })
}

describe('Waffo, unsigned or badly signed', () => {
  const harness = useHarness()

  it('never 5xx, always the Waffo error envelope from the gateway, nothing written', async () => {
    await fc.assert(fc.asyncProperty(waffoAuthPlan, contentType, extraHeaders, anyBody,
      (plan, type, extra, body) => refusedWithoutTrace(harness, plan, type, extra, body)), params)
  }, TIMEOUT)
})

describe('Waffo, badly signed, with MOCK_DEBUG_SIGNATURES on', () => {
  const harness = useHarness({ debugSignatures: true })

  it('the explanation it adds never carries a key or a stack', async () => {
    await fc.assert(fc.asyncProperty(waffoAuthPlan, contentType, extraHeaders, anyBody,
      (plan, type, extra, body) => refusedWithoutTrace(harness, plan, type, extra, body)), params)
  }, TIMEOUT)
})
