/** The slice of autocannon 9's library API the bench uses (the package ships no types). */
declare module 'autocannon' {
  import type { EventEmitter } from 'node:events'

  export interface RequestParams {
    method?: string
    path?: string
    headers?: Record<string, string>
    body?: string | Buffer
  }

  export interface Request extends RequestParams {
    /** Called before every request is sent; returning a new object replaces it. */
    setupRequest?: (request: RequestParams, context: Record<string, unknown>) => RequestParams
    onResponse?: (status: number, body: string, context: Record<string, unknown>) => void
  }

  export interface Options {
    url: string
    connections?: number
    duration?: number
    amount?: number
    pipelining?: number
    timeout?: number
    method?: string
    headers?: Record<string, string>
    body?: string
    requests?: Request[]
  }

  export interface Result {
    duration: number
    errors: number
    timeouts: number
    non2xx: number
    statusCodeStats: Record<string, { count: number }>
    requests: { total: number, average: number }
    latency: { p50: number, p99: number }
  }

  /** The run; 'response' carries (client, statusCode, bytes, responseTimeMs) with sub-ms precision. */
  export interface Instance extends EventEmitter, PromiseLike<Result> {
    stop (): void
  }

  export default function autocannon (options: Options): Instance
}
