import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { tocoErrors } from '../errors.js'
import { BaseMeta, formatOrder, Order, success, SuccessEnvelope } from '../format.js'
import { declared, TOCO_ROUTES } from './table.js'
import { callerStore } from '../auth.js'

/** Get Store Order Detail By ID (guide §8.2): by order id or URI-encoded invoice number, this store only. */
export const orderRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.route({
    ...declared(TOCO_ROUTES.order),
    schema: {
      params: Type.Object({ orderId: Type.String({ description: 'The order id, or its invoice number URI-encoded (INV%2F…)' }) }),
      response: { 200: SuccessEnvelope(BaseMeta, Order) }
    },
    handler: async (request) => {
      const { orderId } = request.params
      const order = request.ctx.repos.toco.orders.find(callerStore(request), orderId)
      if (!order) throw tocoErrors.orderNotFound(orderId)
      return success(request, 'Order retrieved successfully', formatOrder(order))
    }
  })
}
