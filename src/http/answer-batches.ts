import type { FastifyInstance, FastifyReply } from 'fastify'

/** Node's own setImmediate, taken when the mock loads, before a test's fake timers can stand in for it. */
const atTurnEnd = setImmediate

type Done = (error: null, payload: unknown) => void

/**
 * Answers leave together at the end of the event loop's turn (its check phase), not one by one
 * while the turn still parses and handles the requests that arrived with them. On a busy server
 * each answer sent mid-turn woke the client's sleeping event loop on its own, a cross-CPU wake-up
 * that cost more kernel time than any piece of our own work (docs/benchmarks.md, issue 21's tenth
 * cut); sent together, one wake-up serves the batch. A request alone waits only for the rest of
 * its own turn, microseconds.
 */
export function batchAnswers (app: FastifyInstance): void {
  let batch: Array<{ reply: FastifyReply, done: Done, payload: unknown }> = []
  const flush = () => {
    const due = batch
    batch = []
    for (const { reply, done, payload } of due) {
      // Fastify would have caught this in its hook runner; here it must not strand the rest of the batch.
      try {
        done(null, payload)
      } catch (error) {
        reply.log.error({ err: error }, 'answer failed')
        reply.raw.destroy()
      }
    }
  }
  app.addHook('onSend', (request, reply, payload, done) => {
    // An injected request (light-my-request) has no client to wake, and its turn may end after a timer's due work.
    if ('_lightMyRequest' in request.raw) return done(null, payload)
    if (batch.length === 0) atTurnEnd(flush)
    batch.push({ reply, done, payload })
  })
}
