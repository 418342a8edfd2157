import type { FastifyRequest } from 'fastify'
import Type, { type TSchema } from 'typebox'
import type { TocoError } from './errors.js'
import type { ProductRef } from './repo/products.js'

/** Every Toco wire object is built here. Timestamps come from the request's clock. */

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
  request: FastifyRequest, message: string, data: Data, meta: Meta = {} as Meta
) {
  const fullMeta: { timestamp: string } & Meta = { timestamp: request.ctx.clock.iso(), ...meta }
  return { success: true as const, message, requestId: request.id, meta: fullMeta, data }
}

export function failure (request: FastifyRequest, error: TocoError) {
  return {
    success: false as const,
    error: {
      code: error.code,
      message: error.message,
      details: { timestamp: request.ctx.clock.iso(), hint: error.hint, context: error.context }
    },
    requestId: request.id
  }
}

export const UnboundStore = Type.Object({ storeClientId: Type.String(), status: Type.Literal('unbound') })

export function formatUnboundStore (storeClientId: string): Type.Static<typeof UnboundStore> {
  return { storeClientId, status: 'unbound' }
}

export const DeletedProduct = Type.Object({ id: Type.String(), externalId: Type.String() })

export function formatDeletedProduct (row: ProductRef): Type.Static<typeof DeletedProduct> {
  return { id: row.id, externalId: row.external_id }
}

/** A per-row failure inside a batch answer (not an HTTP error). */
export const RowError = Type.Object({ code: Type.String(), message: Type.String(), rowIndex: Type.Integer(), id: Type.String() })
