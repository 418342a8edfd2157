import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifySchemaValidationError } from 'fastify'
import Type from 'typebox'
import type { Clock } from '../../../clock.js'
import { success, SuccessEnvelope } from '../envelope.js'
import { PRODUCT_NOT_FOUND, tocoErrors } from '../errors.js'
import type { TocoStore } from '../store.js'

const DeletionResponse = SuccessEnvelope(
  Type.Object({ timestamp: Type.String(), durationMs: Type.Integer(), dispatch: Type.Boolean() }),
  Type.Object({
    summary: Type.Object({ total: Type.Integer(), succeeded: Type.Integer(), failed: Type.Integer() }),
    successItems: Type.Array(Type.Object({ id: Type.String(), externalId: Type.String() })),
    errors: Type.Array(Type.Object({
      code: Type.String(), message: Type.String(), rowIndex: Type.Integer(), id: Type.String()
    }))
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
export const productRoutes: FastifyPluginAsyncTypebox<{ store: TocoStore, clock: Clock, maxBatch: number }> =
  async (app, { store, clock, maxBatch }) => {
    app.post('/partner/stores/products/deletions', {
      config: { tocoAuth: 'store' },
      schema: {
        body: Type.Object({
          ids: Type.Array(Type.String({ minLength: 1 }), { minItems: 1, maxItems: maxBatch })
        }),
        response: { 200: DeletionResponse }
      },
      schemaErrorFormatter: (errors) => tocoErrors.validation(deletionValidationErrors(errors, maxBatch))
    }, async (request, reply) => {
      const storeClientId = request.tocoCaller!.storeClientId!
      const { ids } = request.body
      // Each id is judged on its own, in request order; the whole batch is one transaction.
      const outcome = store.atomically(() => {
        const at = clock.iso()
        const seen = new Set<string>()
        const successItems: Array<{ id: string, externalId: string }> = []
        const errors: Array<{ code: string, message: string, rowIndex: number, id: string }> = []
        ids.forEach((id, rowIndex) => {
          const product = seen.has(id) ? undefined : store.findLiveProduct(id, storeClientId)
          seen.add(id)
          if (!product) {
            errors.push({ ...PRODUCT_NOT_FOUND, rowIndex, id })
            return
          }
          store.softDeleteProduct(id, at)
          successItems.push({ id: product.id, externalId: product.external_id })
        })
        return { successItems, errors }
      })
      const summary = { total: ids.length, succeeded: outcome.successItems.length, failed: outcome.errors.length }
      return success(request, clock, 'Products deleted successfully',
        { summary, ...outcome },
        { durationMs: Math.round(reply.elapsedTime), dispatch: false })
    })
  }
