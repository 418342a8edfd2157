import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import type { Clock } from '../../clock.js'
import { adminFailure } from '../errors.js'

const ClockAnswer = Type.Object({
  now: Type.String({ description: 'Mock time, ISO 8601 UTC' }),
  nowMs: Type.Integer(),
  frozen: Type.Boolean(),
  offsetMs: Type.Integer({ description: 'Mock time minus real time' })
})

const CHANGES = ['freeze', 'advanceMs', 'offsetMs', 'unfreeze', 'reset'] as const
const ClockChange = Type.Object({
  freeze: Type.Optional(Type.Union([Type.String(), Type.Integer({ minimum: 0 }), Type.Literal(true)],
    { description: 'An ISO time, epoch ms, or true for "now"' })),
  advanceMs: Type.Optional(Type.Integer()),
  offsetMs: Type.Optional(Type.Integer()),
  unfreeze: Type.Optional(Type.Literal(true)),
  reset: Type.Optional(Type.Literal(true))
}, { additionalProperties: false, description: `Exactly one of ${CHANGES.join(', ')}` })

/** JavaScript dates reach ±8.64e15 ms. */
const inRange = (ms: number) => Number.isFinite(ms) && Math.abs(ms) <= 8.64e15

const show = (clock: Clock) => {
  const nowMs = clock.now()
  return { now: new Date(nowMs).toISOString(), nowMs, frozen: clock.frozen, offsetMs: Math.round(clock.offsetMs) }
}

/** The mock's clock: signature windows, written timestamps and every expiry follow it. */
export const clockRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/clock', { config: { auth: 'admin' }, schema: { response: { 200: ClockAnswer } } }, async () => show(app.mock.clock))

  app.post('/clock', {
    config: { auth: 'admin' },
    schema: { body: ClockChange, response: { 200: ClockAnswer } }
  }, async (request) => {
    const given = CHANGES.filter((key) => request.body[key] !== undefined)
    if (given.length !== 1) {
      throw adminFailure(400, 'VALIDATION_FAILED', `/ needs exactly one of ${CHANGES.join(', ')}`, '/')
    }
    const { clock } = app.mock
    const { freeze, advanceMs, offsetMs } = request.body
    const at = freeze === undefined || freeze === true ? clock.now() : typeof freeze === 'number' ? freeze : Date.parse(freeze)
    const landsAt = advanceMs !== undefined ? clock.now() + advanceMs : offsetMs !== undefined ? Date.now() + offsetMs : at
    if (!inRange(at) || !inRange(landsAt)) {
      const field = given[0]!
      throw adminFailure(400, 'VALIDATION_FAILED', field === 'freeze'
        ? '/freeze is not an ISO 8601 time, epoch milliseconds or true'
        : `/${field} moves the clock outside the range of dates`, `/${field}`)
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
