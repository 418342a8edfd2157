/** POST/GET /__admin/clock: the signature windows of both APIs and every written timestamp follow it. */
import { describe, expect, it } from 'vitest'
import { DEMO, snapshot, toco, useApp, waffo } from '../helpers.js'

const mock = useApp()

const clock = (body?: unknown) => mock.app.inject({
  method: body === undefined ? 'GET' : 'POST', url: '/__admin/clock', ...(body === undefined ? {} : { payload: body as object })
})

describe('/__admin/clock', () => {
  it('freezes at an ISO time, advances, offsets, unfreezes and resets, answering as GET', async () => {
    const frozen = await clock({ freeze: '2026-03-01T10:00:00.000Z' })
    expect(frozen.statusCode).toBe(200)
    expect(frozen.json()).toMatchObject({ now: '2026-03-01T10:00:00.000Z', nowMs: Date.parse('2026-03-01T10:00:00.000Z'), frozen: true })
    expect((await clock()).json()).toMatchObject({ now: '2026-03-01T10:00:00.000Z', frozen: true })

    expect((await clock({ advanceMs: 90_000 })).json()).toMatchObject({ now: '2026-03-01T10:01:30.000Z', frozen: true })
    expect((await clock({ freeze: 1_700_000_000_000 })).json()).toMatchObject({ nowMs: 1_700_000_000_000, frozen: true })

    const offset = (await clock({ offsetMs: -86_400_000 })).json()
    expect(offset.frozen).toBe(false)
    expect(Math.abs(offset.offsetMs + 86_400_000)).toBeLessThan(1000)
    expect(Math.abs(offset.nowMs - (Date.now() - 86_400_000))).toBeLessThan(1000)

    const unfrozen = await clock({ freeze: true }).then(() => clock({ unfreeze: true }))
    expect(unfrozen.json().frozen).toBe(false)

    const reset = (await clock({ reset: true })).json()
    expect(reset).toMatchObject({ frozen: false, offsetMs: 0 })
    expect(Math.abs(reset.nowMs - Date.now())).toBeLessThan(1000)
  })

  it('refuses anything but exactly one change, with a path, and leaves the clock alone', async () => {
    await clock({ freeze: '2026-03-01T10:00:00.000Z' })
    for (const [body, path] of [
      [{}, '/'],
      [{ advanceMs: 1, reset: true }, '/'],
      [{ freeze: 'yesterday' }, '/freeze'],
      [{ advanceMs: 1.5 }, '/advanceMs'],
      [{ unfreeze: false }, '/unfreeze'],
      [{ travel: 1 }, '/travel'],
      [{ advanceMs: 9e15 }, '/advanceMs']
    ] as const) {
      const response = await clock(body)
      expect(response.statusCode, JSON.stringify(body)).toBe(400)
      expect(response.json().error).toMatchObject({ code: 'VALIDATION_FAILED', path })
    }
    expect((await clock()).json()).toMatchObject({ now: '2026-03-01T10:00:00.000Z', frozen: true })
  })

  it('Toco: with the clock frozen, a signature 299 s old passes and one 301 s old fails with AUTH_003', async () => {
    const now = Date.parse('2026-05-05T05:05:05.000Z')
    await clock({ freeze: now })
    const unbind = (timestamp: number) => toco(mock.app, { path: `/partner/stores/${DEMO.unbindStore.storeClientId}/unbind`, timestamp })
    const before = snapshot(mock.app)
    const late = await unbind(now - 301_000)
    expect(late.statusCode).toBe(401)
    expect(late.json().error.code).toBe('AUTH_003')
    expect(late.json().error.details.context).toMatchObject({ currentTime: now, ageSeconds: 301 })
    expect(snapshot(mock.app)).toEqual(before)

    const inTime = await unbind(now - 299_000)
    expect(inTime.statusCode).toBe(200)
    // The timestamp the API writes is mock time too.
    expect(inTime.json().meta.timestamp).toBe('2026-05-05T05:05:05.000Z')
    expect(mock.app.mock.db.prepare('SELECT revoked_at FROM toco_store_tokens WHERE store_client_id = ?').pluck().get(DEMO.unbindStore.storeClientId))
      .toBe('2026-05-05T05:05:05.000Z')
  })

  it('Waffo: with the clock frozen, a signature 299 s old passes and one 301 s old fails', async () => {
    const now = Date.parse('2026-05-05T05:05:05.000Z')
    await clock({ freeze: now })
    const before = snapshot(mock.app)
    const late = await waffo(mock.app, { body: { id: DEMO.waffoStores.clean }, timestamp: now / 1000 - 301 })
    expect(late.statusCode).toBe(401)
    expect(late.json()).toEqual({ data: null, errors: [{ message: 'Authentication failed', layer: 'user' }] })
    expect(snapshot(mock.app)).toEqual(before)

    const inTime = await waffo(mock.app, { body: { id: DEMO.waffoStores.clean }, timestamp: now / 1000 - 299 })
    expect(inTime.statusCode).toBe(200)
    expect(inTime.json().data.store.deletedAt).toBe('2026-05-05T05:05:05.000Z')
  })
})
