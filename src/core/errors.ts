import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import type { RequestContext } from './context.js'

/** What an envelope reads of the request it answers: a request, or a stand-in when Node could not parse one. */
export type ErrorOrigin = Pick<FastifyRequest, 'id'> & { ctx: Pick<RequestContext, 'clock'> }

/** An API's error: the status it answers with and a message for the log. */
export interface ApiError { statusCode: number, message: string }

/** How one API turns any error into its own: the API's error class plugs in here. */
export interface ErrorBook<E extends ApiError> {
  /** Its own errors pass through as they are. */
  owns (error: unknown): error is E
  payloadTooLarge (): E
  /** Any other 4xx Fastify raised (a bad Content-Length, a malformed URL…), with Fastify's reason. */
  badRequest (reason: string): E
  internal (): E
  /** The API's failure envelope. */
  envelope (origin: ErrorOrigin, error: E): unknown
  /** What the info log line says besides the message (the API's code, or the status). */
  logFields (error: E): Record<string, unknown>
}

/** Errors raised by Fastify itself get the API's envelope too; 5xx details stay in the log. */
export function asApiError<E extends ApiError> (book: ErrorBook<E>, error: unknown): E {
  if (book.owns(error)) return error
  const status = (error as FastifyError).statusCode
  if (status === 413) return book.payloadTooLarge()
  if (status && status >= 400 && status < 500) return book.badRequest((error as Error).message)
  return book.internal()
}

/** The one error reply of every API: its envelope, its status; the cause of a 5xx only in the log. */
export function errorReplier<E extends ApiError> (book: ErrorBook<E>) {
  return function replyError (request: FastifyRequest, reply: FastifyReply, error: unknown): FastifyReply {
    const apiError = asApiError(book, error)
    // A 5xx the API answers on purpose (Waffo's 501 "Coming soon") is an answer, not a bug.
    if (apiError.statusCode >= 500 && !book.owns(error)) request.log.error({ err: error }, 'unexpected error')
    else request.log.info(book.logFields(apiError), apiError.message)
    return reply.code(apiError.statusCode).send(book.envelope(request, apiError))
  }
}

/** The status and envelope of an error without a reply to send them on (a parse error answered on the socket). */
export function errorBody<E extends ApiError> (book: ErrorBook<E>) {
  return function errorBody (origin: ErrorOrigin, error: unknown): { status: number, body: unknown } {
    const apiError = asApiError(book, error)
    return { status: apiError.statusCode, body: book.envelope(origin, apiError) }
  }
}
