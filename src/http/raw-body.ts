import type { FastifyInstance, FastifyRequest } from 'fastify'
import secureJson from 'secure-json-parse'
import { JSON_LIMITS, jsonLimitViolation, type JsonLimits } from './json-limits.js'
import { declareRequestFields } from './request-fields.js'

declare module 'fastify' {
  interface FastifyRequest {
    /** The body bytes as received: both APIs sign these, not the parsed JSON. */
    rawBody?: Buffer
    /** The bytes were not JSON; each API reports this only after authentication. */
    bodyNotJson?: boolean
    /** The JSON exceeds a limit of json-limits.ts (bodyNotJson is set too): the reason. */
    bodyOverLimit?: string
  }
}

/**
 * Replaces the scope's parsers with one that keeps the raw bytes and never fails, whatever the
 * media type: a malformed body must not answer before the signature has been checked. (A
 * Content-Type header that is not a media type at all is still refused by Fastify, as 400.)
 */
export function captureRawJsonBodies (app: FastifyInstance, limitsOf: (request: FastifyRequest) => JsonLimits = () => JSON_LIMITS): void {
  declareRequestFields(app, ['rawBody', 'bodyNotJson', 'bodyOverLimit'])
  app.removeAllContentTypeParsers()
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (request, body: Buffer, done) => {
    request.rawBody = body
    if (body.length === 0) return done(null, undefined)
    try {
      const text = body.toString('utf8')
      const value: unknown = secureJson.parse(text)
      const overLimit = jsonLimitViolation(text, limitsOf(request))
      if (overLimit === undefined) return done(null, value)
      request.bodyNotJson = true
      request.bodyOverLimit = overLimit
      done(null, undefined)
    } catch {
      request.bodyNotJson = true
      done(null, undefined)
    }
  })
}

/** A single header value; repeated headers are joined the way Node joins them. */
export function headerValue (value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value
}
