import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import type { Clock } from '../../../clock.js'
import { BaseMeta, success, SuccessEnvelope } from '../envelope.js'
import { tocoErrors } from '../errors.js'
import type { TocoStore } from '../store.js'

const UnbindResponse = SuccessEnvelope(BaseMeta, Type.Object({
  storeClientId: Type.String(),
  status: Type.Literal('unbound')
}))

/** Store endpoints (guide section 2). */
export const storeRoutes: FastifyPluginAsyncTypebox<{ store: TocoStore, clock: Clock }> = async (app, { store, clock }) => {
  app.post('/partner/stores/:storeId/unbind', {
    config: { tocoAuth: 'partner' },
    schema: {
      params: Type.Object({ storeId: Type.String() }),
      response: { 200: UnbindResponse }
    }
  }, async (request) => {
    const { storeId } = request.params
    store.atomically(() => {
      const target = store.findStore(storeId)
      if (!target || target.partner_client_id !== request.tocoCaller!.partnerClientId) {
        throw tocoErrors.storeNotFound(storeId)
      }
      if (!target.bound) throw tocoErrors.storeAlreadyUnbound(storeId)
      store.unbind(storeId, clock.iso())
    })
    return success(request, clock, 'Store unbound successfully', { storeClientId: storeId, status: 'unbound' as const })
  })
}
