/**
 * The three webhook actions, signed by each demo merchant, with drawn bodies: never a 5xx,
 * always Waffo's envelope, and a refusal writes nothing. A known webhook exists in every run, so
 * update and remove reach it as well as unknown ids.
 */
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO, waffo } from '../helpers.js'
import { bodies, type Body } from './bodies.js'
import { dbState, expectUnchanged, restore, startHarness, type Harness } from './harness.js'
import { expectNoLeak, expectNoPrototypePollution, expectWaffoError } from './oracles.js'
import { printable } from './printing.js'
import { params, TIMEOUT } from './settings.js'

let harness: Harness
beforeAll(async () => { harness = await startHarness() })
afterAll(async () => { await harness.app.close() })

const KNOWN = '6f1c2a4e-8b3d-4c5e-9f60-1a2b3c4d5e6f'
const MERCHANTS = { owner: DEMO.owner, ownerProd: DEMO.ownerProd, admin: DEMO.admin, outsider: DEMO.outsider }
const merchant = fc.constantFrom(...(Object.keys(MERCHANTS) as Array<keyof typeof MERCHANTS>))

const junk = fc.oneof(fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constant(''), fc.string({ unit: 'binary', maxLength: 30 }), fc.jsonValue({ maxDepth: 2 }))
const EVENTS = ['order.completed', 'subscription.canceling', 'subscription.canceled', 'refund.failed']
const FIELDS: Record<string, fc.Arbitrary<unknown>> = {
  id: fc.oneof({ arbitrary: fc.constant(KNOWN), weight: 4 }, { arbitrary: fc.uuid(), weight: 1 }, { arbitrary: junk, weight: 1 }),
  storeId: fc.oneof(fc.constantFrom(...Object.values(DEMO.waffoStores)), junk),
  channel: fc.oneof(fc.constantFrom('http', 'slack', 'telegram', 'HTTP', 'smtp'), junk),
  url: fc.oneof(fc.webUrl(), fc.constantFrom('http://127.0.0.1:9/hook', 'ftp://x', 'http://a b'), junk),
  events: fc.oneof(fc.array(fc.oneof(fc.constantFrom(...EVENTS), fc.string({ maxLength: 12 })), { maxLength: 16 }), junk),
  testMode: fc.oneof(fc.boolean(), junk),
  secret: fc.oneof(fc.string({ maxLength: 20 }), fc.constant(null), fc.string({ minLength: 513, maxLength: 600 }), junk)
}
const shaped: fc.Arbitrary<Body> = fc.dictionary(fc.constantFrom(...Object.keys(FIELDS)), fc.constant(null), { maxKeys: 7 })
  .chain((picked) => fc.record(Object.fromEntries(Object.keys(picked).map((key) => [key, FIELDS[key]!]))))
  .map((value) => printable({ raw: JSON.stringify(value) }))
const webhookBodies = bodies(shaped, { deep: false })

function seedKnown () {
  harness.app.mock.db.prepare(`INSERT OR IGNORE INTO waffo_webhooks (id, store_id, channel, url, events, test_mode, secret, created_at, updated_at)
    VALUES (?, ?, 'http', 'http://127.0.0.1:9/hook', '["subscription.canceled"]', 1, NULL, '2026-01-20T12:00:00.000Z', '2026-01-20T12:00:00.000Z')`)
    .run(KNOWN, DEMO.waffoStores.blockedEverywhere)
}

async function run (path: string, who: keyof typeof MERCHANTS, body: Body) {
  seedKnown()
  const before = dbState(harness.app)
  const response = await waffo(harness.app, { path: `/v1/actions/${path}`, merchant: MERCHANTS[who], body: body.raw ?? '{}', headers: { 'content-type': 'application/json' } })
  try {
    expectNoLeak(response)
    expectNoPrototypePollution()
    expect(response.statusCode).toBeLessThan(500)
    if (response.statusCode === 200) {
      const answer = response.json()
      expect(Object.keys(answer)).toEqual(['data'])
      expect(Object.keys(answer.data.webhook)).toEqual(['id', 'storeId', 'channel', 'url', 'events', 'testMode', 'secret', 'createdAt', 'updatedAt'])
      expect(who === 'outsider').toBe(false)
      return
    }
    expectWaffoError(response)
    expect(response.json().errors).toHaveLength(1)
    expectUnchanged(harness, before, response)
  } finally {
    await restore(harness)
  }
}

describe('Waffo webhook actions, signed, any body', () => {
  it.each(['store/add-webhook', 'store/update-webhook', 'store/remove-webhook'])('%s: never 5xx, the envelope, a refusal writes nothing', async (path) => {
    await fc.assert(fc.asyncProperty(merchant, webhookBodies, (who, body) => run(path, who, body)), { ...params, numRuns: Math.ceil(params.numRuns / 2) })
  }, TIMEOUT)
})
