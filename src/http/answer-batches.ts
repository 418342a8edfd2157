import type { FastifyInstance, FastifyReply } from 'fastify'
import { turnBatch } from './turn-batch.js'

type Done = (error: null, payload: unknown) => void

/**
 * Answers leave together at the end of the event loop's turn, not one by one while the turn still
 * parses and handles the requests that arrived with them. On a busy server each answer sent
 * mid-turn woke the client's sleeping event loop on its own, a cross-CPU wake-up that cost more
 * kernel time than any piece of our own work (docs/benchmarks.md, issue 21's tenth cut); sent
 * together, one wake-up serves the batch. A request alone waits only for the rest of its own
 * turn, microseconds.
 */
export function batchAnswers (app: FastifyInstance): void {
  const answers = turnBatch<{ reply: FastifyReply, done: Done, payload: unknown }>((due) => {
    for (const { reply, done, payload } of due) {
      // Fastify would have caught this in its hook runner; here it must not strand the rest of the batch.
      try {
        done(null, payload)
      } catch (error) {
        reply.log.error({ err: error }, 'answer failed')
        reply.raw.destroy()
      }
    }
  })
  app.addHook('onSend', (request, reply, payload, done) => {
    // An injected request (light-my-request) has no client to wake, and its turn may end after a timer's due work.
    if ('_lightMyRequest' in request.raw) return done(null, payload)
    answers.add({ reply, done, payload })
  })
}
