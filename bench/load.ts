import autocannon from 'autocannon'
import type { Scenario } from './scenarios.js'
import { cpuSeconds } from './servers.js'

export interface LoadResult {
  requests: number
  seconds: number
  /** Transport errors and timeouts. */
  errors: number
  /** Responses whose status was not the scenario's. */
  unexpected: number
  /** Responses that did not do the scenario's work (e.g. a bulk delete that wrote nothing). */
  idle: number
  /** Every response time in ms, sub-millisecond (autocannon's own histogram rounds to 1 ms). */
  latencies: number[]
  /** CPU (user + system) the server process used meanwhile, when its pid was given. */
  cpuSeconds: number
}

export interface LoadOptions {
  connections: number
  /** Seconds; or stop after `amount` requests. */
  duration?: number
  amount?: number
  /** The server's pid, to measure its CPU time per request. */
  pid?: number | undefined
}

/** Runs autocannon against `url`, every request built (and signed) by the scenario just before sending. */
export async function load (url: string, scenarios: Scenario[], options: LoadOptions): Promise<LoadResult> {
  let unexpected = 0
  let idle = 0
  const latencies: number[] = []
  // Several scenarios cycle per connection (the soak's mixed traffic); each checks its own responses.
  const requests = scenarios.map((scenario) => ({
    setupRequest: (defaults: object) => ({ ...defaults, ...scenario.next() }),
    onResponse (status: number, body: string) {
      if (status !== scenario.expectStatus) unexpected++
      else if (scenario.didWork && !scenario.didWork(body)) idle++
    }
  }))
  // Only defined keys: autocannon merges its defaults with Object.assign, so `duration: undefined` would stop at once.
  const limit = options.amount ? { amount: options.amount } : { duration: options.duration ?? 10 }
  const instance = autocannon({ url, connections: options.connections, ...limit, requests })
  instance.on('response', (_client: unknown, _status: number, _bytes: number, ms: number) => { latencies.push(ms) })
  const cpuBefore = options.pid ? cpuSeconds(options.pid) : 0
  const result = await instance
  const cpu = options.pid ? cpuSeconds(options.pid) - cpuBefore : NaN
  return { requests: latencies.length, seconds: result.duration, errors: result.errors, unexpected, idle, latencies, cpuSeconds: cpu }
}

/** Several runs of the same thing, as one. */
export function merge (results: LoadResult[]): LoadResult {
  return results.reduce((sum, r) => ({
    requests: sum.requests + r.requests,
    seconds: sum.seconds + r.seconds,
    errors: sum.errors + r.errors,
    unexpected: sum.unexpected + r.unexpected,
    idle: sum.idle + r.idle,
    latencies: sum.latencies.concat(r.latencies),
    cpuSeconds: sum.cpuSeconds + r.cpuSeconds
  }))
}

export function percentile (values: number[], p: number): number {
  if (values.length === 0) return NaN
  const sorted = Float64Array.from(values).sort()
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!
}

export const median = (values: number[]) => percentile(values, 50)
