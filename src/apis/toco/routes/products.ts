import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifySchemaValidationError } from 'fastify'
import Type from 'typebox'
import { atomically } from '../../../db/atomically.js'
import { PRODUCT_NOT_FOUND, tocoErrors } from '../errors.js'
import { DeletedProduct, formatDeletedProduct, RowError, success, SuccessEnvelope } from '../format.js'
import { declared, TOCO_ROUTES } from './table.js'
import { callerStore } from '../auth.js'

const DeletionResponse = SuccessEnvelope(
  Type.Object({ timestamp: Type.String(), durationMs: Type.Integer(), dispatch: Type.Boolean() }),
  Type.Object({
    summary: Type.Object({ total: Type.Integer(), succeeded: Type.Integer(), failed: Type.Integer() }),
    successItems: Type.Array(DeletedProduct),
    errors: Type.Array(RowError)
  })
)

/**
 * Field → message for a rejected deletion body. The empty-array message is the seed's, quirk
 * included (it names `externalIds`); the others follow class-validator's wording.
 */
export function deletionValidationErrors (errors: FastifySchemaValidationError[], maxBatch: number): Record<string, string> {
  const at = (path: string) => errors.filter((error) => error.instancePath === path)
  if (at('').length > 0 || at('/ids').some((error) => error.keyword === 'type')) return { ids: 'ids must be an array' }
  if (at('/ids').some((error) => error.keyword === 'minItems')) return { externalIds: 'At least one external ID is required' }
  if (at('/ids').some((error) => error.keyword === 'maxItems')) return { ids: `ids must contain no more than ${maxBatch} elements` }
  if (errors.some((error) => error.keyword === 'type')) return { ids: 'each value in ids must be a string' }
  return { ids: 'each value in ids should not be empty' }
}

/** Product endpoints (guide section 6). */
export const productRoutes: FastifyPluginAsyncTypebox<{ maxBatch: number }> =
  async (app, { maxBatch }) => {
    app.route({
      ...declared(TOCO_ROUTES.deleteProducts),
      schema: {
        body: Type.Object({
          ids: Type.Array(Type.String({ minLength: 1 }), { minItems: 1, maxItems: maxBatch })
        }),
        response: { 200: DeletionResponse }
      },
      schemaErrorFormatter: (errors) => tocoErrors.validation(deletionValidationErrors(errors, maxBatch)),
      handler: async (request, reply) => {
        const storeClientId = callerStore(request)
        const { ids } = request.body
        const { db, clock, repos: { toco } } = request.ctx
        // Each id is judged on its own, in request order; the whole batch is one transaction.
        const outcome = atomically(db, () => {
          const at = clock.iso()
          const seen = new Set<string>()
          const successItems: Array<{ id: string, externalId: string }> = []
          const errors: Array<{ code: string, message: string, rowIndex: number, id: string }> = []
          ids.forEach((id, rowIndex) => {
            const product = seen.has(id) ? undefined : toco.products.findLive(id, storeClientId)
            seen.add(id)
            if (!product) {
              errors.push({ ...PRODUCT_NOT_FOUND, rowIndex, id })
              return
            }
            toco.products.softDelete(id, at)
            successItems.push(formatDeletedProduct(product))
          })
          return { successItems, errors }
        })
        const summary = { total: ids.length, succeeded: outcome.successItems.length, failed: outcome.errors.length }
        return success(request, 'Products deleted successfully',
          { summary, ...outcome },
          { durationMs: Math.round(reply.elapsedTime), dispatch: false })
      }
    })
  }
