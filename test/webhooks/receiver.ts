/** A real HTTP receiver on 127.0.0.1 for webhook tests: records every request, answers as told. */
import { createServer, type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface Received { headers: IncomingHttpHeaders, body: string, at: number }

export interface Receiver {
  url: string
  received: Received[]
  /** Resolves once `count` requests have arrived (rejects after timeoutMs). */
  waitFor (count: number, timeoutMs?: number): Promise<Received[]>
  close (): Promise<void>
}

/** statuses[i] answers request i; the last one repeats. delayFor(i) (else delayMs) holds answer i. */
export async function startReceiver ({ statuses = [200], delayMs = 0, delayFor }: { statuses?: number[], delayMs?: number, delayFor?: (index: number) => number } = {}): Promise<Receiver> {
  const received: Received[] = []
  const waiters: Array<() => void> = []
  const server = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      const index = received.length
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now() })
      for (const wake of waiters.splice(0)) wake()
      setTimeout(() => {
        response.statusCode = statuses[Math.min(index, statuses.length - 1)]!
        response.end(response.statusCode < 300 ? 'ok' : 'receiver says no')
      }, delayFor?.(index) ?? delayMs)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    async waitFor (count, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs
      while (received.length < count) {
        if (Date.now() > deadline) throw new Error(`receiver got ${received.length} of ${count} requests`)
        await new Promise<void>((resolve) => {
          waiters.push(resolve)
          setTimeout(resolve, 50)
        })
      }
      return received.slice(0, count)
    },
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections()
      server.close(() => resolve())
    })
  }
}
