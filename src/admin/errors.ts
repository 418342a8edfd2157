import type { FastifyError, FastifyReply } from 'fastify'
import { adminError, withoutStack } from '../http/answer.js'

/** A refusal of the control plane: a 4xx with a code, a message and, for bad input, the JSON path. */
export class AdminError extends Error {
  override name = 'AdminError'
  constructor (readonly statusCode: number, readonly code: string, message: string, readonly path?: string) {
    super(message)
  }
}

export const adminFailure = (...args: ConstructorParameters<typeof AdminError>) => withoutStack(() => new AdminError(...args))

/** Any error of an admin route as the admin error body; 5xx details stay in the log. */
export function replyAdminError (reply: FastifyReply, error: FastifyError | AdminError): FastifyReply {
  if (error instanceof AdminError) return reply.code(error.statusCode).send(adminError(error.code, error.message, error.path))
  const validation = (error as FastifyError).validation?.[0]
  if (validation) {
    const params = validation.params as { requiredProperties?: string[], additionalProperties?: string[] }
    const field = params.requiredProperties?.[0] ?? params.additionalProperties?.[0]
    const path = `${validation.instancePath}${field ? `/${field}` : ''}` || '/'
    // TypeBox reports an unknown property of a closed object as a `false` schema at its path.
    const unknown = params.additionalProperties !== undefined || validation.message === 'schema is false'
    const reason = unknown ? 'is not allowed' : params.requiredProperties ? 'is required' : validation.message ?? 'is invalid'
    return reply.code(400).send(adminError('VALIDATION_FAILED', `${path} ${reason}`, path))
  }
  const status = error.statusCode && error.statusCode < 500 ? error.statusCode : 500
  if (status === 413) return reply.code(413).send(adminError('PAYLOAD_TOO_LARGE', error.message))
  if (status === 500) reply.log.error({ err: error }, 'unexpected error')
  return reply.code(status).send(adminError(error.code ?? 'INTERNAL_ERROR', status === 500 ? 'Internal server error' : error.message))
}
