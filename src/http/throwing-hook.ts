import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify'

/**
 * A hook that checks the request and throws to refuse it, as a callback-style Fastify hook: an
 * async one costs a promise and a microtask on every request. What the check throws goes to the
 * scope's error handler, as an async hook's rejection would.
 */
export function throwingHook (check: (request: FastifyRequest) => void) {
  return function hook (request: FastifyRequest, _reply: FastifyReply, done: HookHandlerDoneFunction): void {
    try {
      check(request)
    } catch (error) {
      return done(error as Error)
    }
    // Outside the try: the rest of the request runs inside done, and its errors are not this hook's.
    done()
  }
}
