import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { atomically } from '../../../db/atomically.js'
import { tocoErrors } from '../errors.js'
import { BaseMeta, formatUnboundStore, success, SuccessEnvelope, UnboundStore } from '../format.js'
import { declared, TOCO_ROUTES } from './table.js'
import { caller } from '../auth.js'

/** Store endpoints (guide section 2). */
export const storeRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.route({
    ...declared(TOCO_ROUTES.unbindStore),
    schema: {
      params: Type.Object({ storeId: Type.String() }),
      response: { 200: SuccessEnvelope(BaseMeta, UnboundStore) }
    },
    handler: async (request) => {
      const { storeId } = request.params
      const { db, clock, repos: { toco } } = request.ctx
      atomically(db, () => {
        const target = toco.stores.find(storeId)
        if (!target || target.partner_client_id !== caller(request).partnerClientId) {
          throw tocoErrors.storeNotFound(storeId)
        }
        if (!target.bound) throw tocoErrors.storeAlreadyUnbound(storeId)
        toco.stores.unbind(storeId, clock.iso())
      })
      return success(request, 'Store unbound successfully', formatUnboundStore(storeId))
    }
  })
}
