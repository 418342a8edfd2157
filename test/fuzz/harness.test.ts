/** The fuzz harness itself: a run whose refusal wrote must fail, and the fixtures come back either way. */
import { describe, expect, it } from 'vitest'
import { DEMO, waffo } from '../helpers.js'
import { dbState, judgedRun, REFUSALS_WRITE_NOTHING, useHarness } from './harness.js'

const harness = useHarness()
const sneakyWrite = () => harness.app.mock.db.prepare("UPDATE waffo_stores SET name = 'changed' WHERE id = ?").run(DEMO.waffoStores.clean)
/** A refusal (unsigned) that, as a buggy server might, wrote a row on the way. */
const refusedButWrote = async () => {
  sneakyWrite()
  return harness.app.inject({ method: 'POST', url: '/v1/actions/store/delete-store', payload: '{}' })
}

describe('judgedRun', () => {
  it('fails a run whose refusal changed the database, and still restores the fixtures', async () => {
    await expect(judgedRun(harness, refusedButWrote, (response) => expect(response.statusCode).toBe(401)))
      .rejects.toThrow(/database changed by a request answered 401/)
    expect(dbState(harness.app)).toBe(harness.pristine)
  })

  it('lets an accepted request write, when told so, and restores the fixtures after it', async () => {
    const accepted = () => waffo(harness.app, { body: { id: DEMO.waffoStores.clean } })
    await judgedRun(harness, accepted, (response) => expect(response.statusCode).toBe(200), REFUSALS_WRITE_NOTHING)
    expect(dbState(harness.app)).toBe(harness.pristine)
  })

  it('fails an answer that leaks a fixture secret', async () => {
    const leaky = async () => ({ ...(await refusedButWrote()), body: DEMO.partner.secretKey })
    await expect(judgedRun(harness, leaky as typeof refusedButWrote, () => undefined, { mayWrite: () => true }))
      .rejects.toThrow(/contains the secret/)
    expect(dbState(harness.app)).toBe(harness.pristine)
  })

  it('runs the setup inside the run: its writes are the baseline, and are undone', async () => {
    await judgedRun(harness, () => harness.app.inject({ method: 'GET', url: '/__admin/health' }), () => undefined, { setup: async () => sneakyWrite() })
    expect(dbState(harness.app)).toBe(harness.pristine)
  })
})
