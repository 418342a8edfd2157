/**
 * Answers leave at the end of the event loop's turn that produced them (src/http/answer-batches.ts):
 * what a real client sees, what an injected request sees, and that one answer failing strands no other.
 */
import type { FastifyInstance } from 'fastify'
import { describe, expect, it, vi } from 'vitest'
import { batchAnswers } from '../../src/http/answer-batches.js'
import { appForTest } from '../helpers.js'

/**
 * The mock with one extra route that notes, per request, whether its answer was written before or
 * after a callback the handler queued for the end of its own turn (setImmediate).
 */
async function probedApp () {
  const app = await appForTest()
  const seen: string[][] = []
  app.get('/probe', (_request, reply) => {
    const order: string[] = []
    seen.push(order)
    setImmediate(() => order.push('turn ended'))
    reply.raw.on('finish', () => order.push('answer written'))
    return reply.send({ ok: true })
  })
  return { app, seen }
}

const turnEnd = () => new Promise((resolve) => setImmediate(resolve))

describe('answers leave at the end of the turn', () => {
  it('a client on a socket gets its answer after the turn that handled its request, intact', async () => {
    const { app, seen } = await probedApp()
    const url = await app.listen({ port: 0, host: '127.0.0.1' })
    const response = await fetch(`${url}/probe`)
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ ok: true })
    expect(seen).toEqual([['turn ended', 'answer written']])
  })

  it('an injected request (no socket, no client to wake) is answered at once', async () => {
    const { app, seen } = await probedApp()
    const response = await app.inject({ method: 'GET', url: '/probe' })
    expect(response.json()).toEqual({ ok: true })
    await turnEnd()
    expect(seen).toEqual([['answer written', 'turn ended']])
  })

  it('an answer that fails to go out is logged and its socket closed; the rest of the batch still leaves, once', async () => {
    let onSend: ((...args: unknown[]) => void) | undefined
    batchAnswers({ addHook: (_name: string, hook: typeof onSend) => { onSend = hook } } as unknown as FastifyInstance)
    const failing = { log: { error: vi.fn() }, raw: { destroy: vi.fn() } }
    const fine = { log: { error: vi.fn() }, raw: { destroy: vi.fn() } }
    const broken = vi.fn(() => { throw new Error('socket gone') })
    const done = vi.fn()
    onSend!({ raw: {} }, failing, 'first', broken)
    onSend!({ raw: {} }, fine, 'second', done)
    expect(broken).not.toHaveBeenCalled()
    expect(done).not.toHaveBeenCalled()
    await turnEnd()
    expect(broken).toHaveBeenCalledWith(null, 'first')
    expect(failing.log.error).toHaveBeenCalledWith({ err: new Error('socket gone') }, 'answer failed')
    expect(failing.raw.destroy).toHaveBeenCalledTimes(1)
    expect(done).toHaveBeenCalledWith(null, 'second')
    expect(fine.raw.destroy).not.toHaveBeenCalled()
    // A later answer starts a batch of its own: nothing of the first batch goes out twice.
    const later = vi.fn()
    onSend!({ raw: {} }, fine, 'third', later)
    await turnEnd()
    expect(later).toHaveBeenCalledTimes(1)
    expect(done).toHaveBeenCalledTimes(1)
    expect(broken).toHaveBeenCalledTimes(1)
  })
})
