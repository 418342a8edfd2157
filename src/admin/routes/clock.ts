import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import type { Clock } from '../../clock.js'
import { adminFailure } from '../errors.js'

const ClockAnswer = Type.Object({
  now: Type.String({ description: 'Mock time, ISO 8601 UTC' }),
  nowMs: Type.Integer(),
  frozen: Type.Boolean(),
  offsetMs: Type.Integer({ description: 'Mock time minus real time' })
}, { examples: [{ now: '2026-03-01T10:00:00.000Z', nowMs: 1_772_359_200_000, frozen: true, offsetMs: -24_345_709_749 }] })

const CHANGES = ['freeze', 'advanceMs', 'offsetMs', 'unfreeze', 'reset'] as const
const ClockChange = Type.Object({
  freeze: Type.Optional(Type.Union([Type.String(), Type.Integer({ minimum: 0 }), Type.Literal(true)],
    { description: 'An ISO time, epoch ms, or true for "now"' })),
  advanceMs: Type.Optional(Type.Integer()),
  offsetMs: Type.Optional(Type.Integer()),
  unfreeze: Type.Optional(Type.Literal(true)),
  reset: Type.Optional(Type.Literal(true))
}, { additionalProperties: false, description: `Exactly one of ${CHANGES.join(', ')}`, examples: [{ advanceMs: 3_600_000 }, { freeze: '2030-01-01T00:00:00.000Z' }, { reset: true }] })

/**
 * The dates every consumer can format: from the Unix epoch (JWT times are positive) to a year
 * before 9999, so a year-long token expiry still has a four-digit ISO year. JavaScript dates
 * reach ±8.64e15 ms, but a clock frozen there failed onboarding and session tokens with a
 * RangeError once they added their expiry.
 */
export const CLOCK_MIN_MS = 0
export const CLOCK_MAX_MS = Date.UTC(9998, 0, 1)
const CLOCK_RANGE = `${new Date(CLOCK_MIN_MS).toISOString()} … ${new Date(CLOCK_MAX_MS).toISOString()}`
const parsed = (ms: number) => Number.isFinite(ms)
const inRange = (ms: number) => ms >= CLOCK_MIN_MS && ms <= CLOCK_MAX_MS

const show = (clock: Clock) => {
  const nowMs = clock.now()
  return { now: new Date(nowMs).toISOString(), nowMs, frozen: clock.frozen, offsetMs: Math.round(clock.offsetMs) }
}

/** The mock's clock: signature windows, written timestamps and every expiry follow it. */
export const clockRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/clock', { config: { auth: 'admin' }, schema: { response: { 200: ClockAnswer } } }, async (request) => show(request.ctx.clock))

  app.post('/clock', {
    config: { auth: 'admin' },
    schema: { body: ClockChange, response: { 200: ClockAnswer } }
  }, async (request) => {
    const given = CHANGES.filter((key) => request.body[key] !== undefined)
    if (given.length !== 1) {
      throw adminFailure(400, 'VALIDATION_FAILED', `/ needs exactly one of ${CHANGES.join(', ')}`, '/')
    }
    const { clock } = request.ctx
    const { freeze, advanceMs, offsetMs } = request.body
    const at = freeze === undefined || freeze === true ? clock.now() : typeof freeze === 'number' ? freeze : Date.parse(freeze)
    const landsAt = advanceMs !== undefined ? clock.now() + advanceMs : offsetMs !== undefined ? Date.now() + offsetMs : at
    const field = given[0]!
    if (field === 'freeze' && !parsed(at)) {
      throw adminFailure(400, 'VALIDATION_FAILED', '/freeze is not an ISO 8601 time, epoch milliseconds or true', '/freeze')
    }
    if (!parsed(landsAt) || !inRange(at) || !inRange(landsAt)) {
      throw adminFailure(400, 'VALIDATION_FAILED', `/${field} moves the clock outside ${CLOCK_RANGE}, the dates every consumer can format`, `/${field}`)
    }
    if (freeze !== undefined) clock.freeze(at)
    else if (advanceMs !== undefined) clock.advance(advanceMs)
    else if (offsetMs !== undefined) clock.setOffset(offsetMs)
    else if (request.body.unfreeze) clock.unfreeze()
    else clock.reset()
    // Whatever fell due (a period end, a batch, a retry) is sent now rather than at the next poll.
    app.webhooks.deliverer.kick()
    return show(clock)
  })
}
