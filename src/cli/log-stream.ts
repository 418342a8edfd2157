import { destination as pinoDestination } from 'pino'
import type { Config } from '../config.js'
import { turnBatch } from '../http/turn-batch.js'
import { lazyRequire } from '../http/lazy-require.js'

export interface LogTarget {
  env: NodeJS.ProcessEnv
  /** Whether stdout is a terminal. */
  terminal?: boolean
  /** Where lines go: a stream, or stdout's file descriptor. */
  destination?: NodeJS.WritableStream | number
  warn: (line: string) => void
}

/**
 * Where the server's pino lines go: JSON on stdout, a turn's lines at a time (turnLines), or
 * through pino-pretty when LOG_FORMAT asks for it — `auto` on a terminal outside production.
 * pino-pretty is an optional dependency (the Docker image prunes it): without it, JSON. It runs
 * in-process as a stream, since a worker-thread transport cannot be resolved from the bundle.
 */
export async function logStreamFor (config: Config, { env, terminal = process.stdout.isTTY === true, destination = 1, warn }: LogTarget): Promise<NodeJS.WritableStream | undefined> {
  const pretty = config.logFormat === 'pretty' || (config.logFormat === 'auto' && terminal && env.NODE_ENV !== 'production')
  if (config.logLevel === 'silent') return undefined
  if (!pretty) return turnLines(destination)
  try {
    const pinoPretty = lazyRequire('pino-pretty') as typeof import('pino-pretty')
    return pinoPretty({ colorize: terminal, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname', destination, sync: true })
  } catch {
    if (config.logFormat === 'pretty') warn('LOG_FORMAT=pretty needs pino-pretty (npm install pino-pretty): logging JSON')
    return turnLines(destination)
  }
}

/**
 * JSON lines written once per turn of the event loop rather than one write each: at info a busy
 * server logs two lines a request, and every write woke whatever reads stdout (docker's log
 * driver, a harness). What is still pending when the process exits, a crash included, is written
 * by an 'exit' listener, synchronously on a file descriptor.
 */
function turnLines (destination: NodeJS.WritableStream | number): NodeJS.WritableStream {
  const out = typeof destination === 'number' ? pinoDestination({ dest: destination, sync: true }) : destination
  const lines = turnBatch<string>((due) => { out.write(due.join('')) })
  process.once('exit', lines.flush)
  const stream = { write: (line: string) => { lines.add(line); return true } }
  return stream as unknown as NodeJS.WritableStream
}
