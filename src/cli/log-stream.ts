import type { Config } from '../config.js'

export interface LogTarget {
  env: NodeJS.ProcessEnv
  /** Whether stdout is a terminal. */
  terminal?: boolean
  /** Where pretty lines go: a stream, or stdout's file descriptor. */
  destination?: NodeJS.WritableStream | number
  warn: (line: string) => void
}

/**
 * Where the server's pino lines go: JSON on stdout (undefined: pino's default), or through
 * pino-pretty when LOG_FORMAT asks for it — `auto` on a terminal outside production. pino-pretty
 * is an optional dependency (the Docker image prunes it): without it, JSON. It runs in-process as
 * a stream, since a worker-thread transport cannot be resolved from the bundle.
 */
export async function logStreamFor (config: Config, { env, terminal = process.stdout.isTTY === true, destination = 1, warn }: LogTarget): Promise<NodeJS.WritableStream | undefined> {
  const pretty = config.logFormat === 'pretty' || (config.logFormat === 'auto' && terminal && env.NODE_ENV !== 'production')
  if (!pretty || config.logLevel === 'silent') return undefined
  try {
    const { default: pinoPretty } = await import('pino-pretty')
    return pinoPretty({ colorize: terminal, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname', destination, sync: true })
  } catch {
    if (config.logFormat === 'pretty') warn('LOG_FORMAT=pretty needs pino-pretty (npm install pino-pretty): logging JSON')
    return undefined
  }
}
