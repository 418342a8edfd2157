import type { FastifyRequest } from 'fastify'
import Type, { type TSchema } from 'typebox'
import type { Clock } from '../../clock.js'
import type { TocoError } from './errors.js'

/** The success envelope: success, message, requestId, meta (timestamp first), data. */
export function SuccessEnvelope<Meta extends TSchema, Data extends TSchema> (meta: Meta, data: Data) {
  return Type.Object({
    success: Type.Literal(true),
    message: Type.String(),
    requestId: Type.String(),
    meta,
    data
  })
}

export const BaseMeta = Type.Object({ timestamp: Type.String() })

export function success<Data, Meta extends object = Record<never, never>> (
  request: FastifyRequest, clock: Clock, message: string, data: Data, meta: Meta = {} as Meta
) {
  const fullMeta: { timestamp: string } & Meta = { timestamp: clock.iso(), ...meta }
  return { success: true as const, message, requestId: request.id, meta: fullMeta, data }
}

export function failure (request: FastifyRequest, clock: Clock, error: TocoError) {
  return {
    success: false as const,
    error: {
      code: error.code,
      message: error.message,
      details: { timestamp: clock.iso(), hint: error.hint, context: error.context }
    },
    requestId: request.id
  }
}
