import type { Config } from '../config.js'

/**
 * Which clock a signed request's timestamp is judged against (AUTH_CLOCK). `either` (default):
 * within the window of the mock clock or of the wall clock, so a client signing with the wall
 * clock keeps working after a test moves the mock clock (Stripe's test clocks leave API
 * authentication alone). `mock`: the mock clock alone, for suites that test the window itself.
 */
export type AuthClock = Config['authClock']

/** Whether `timestampMs` is at most `pastMs` before and `futureMs` after `now`. */
const within = (timestampMs: number, now: number, pastMs: number, futureMs: number) =>
  now - timestampMs <= pastMs && timestampMs - now <= futureMs

/** A timestamp is accepted within the window of the mock clock, or (AUTH_CLOCK=either) of the wall clock. */
export function timestampAccepted (timestampMs: number, mockNow: number, authClock: AuthClock, pastMs: number, futureMs: number): boolean {
  if (within(timestampMs, mockNow, pastMs, futureMs)) return true
  return authClock === 'either' && within(timestampMs, Date.now(), pastMs, futureMs)
}
