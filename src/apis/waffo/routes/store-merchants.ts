import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { waffoErrors } from '../errors.js'
import { Envelope } from '../format.js'
import { merchant } from '../auth.js'
import { declared, WAFFO_ROUTES } from './table.js'

const S = Type.String()
/** The result shapes the SDK types document, for when upstream ships them; today every call is 501. */
const ACTIONS = [
  [WAFFO_ROUTES.addMerchant, Type.Object({ storeId: S, merchantId: S, email: S, role: S, status: S, addedAt: S })],
  [WAFFO_ROUTES.removeMerchant, Type.Object({ message: S, removedAt: S })],
  [WAFFO_ROUTES.updateRole, Type.Object({ storeId: S, merchantId: S, role: S, updatedAt: S })]
] as const
const ComingSoon = Type.Object({ data: Type.Null(), errors: Type.Array(Type.Object({ message: S, layer: S })) })

/** store-merchant/*: "Coming soon — endpoints currently return 501", behind the same API-key check. */
export const storeMerchantRoutes: FastifyPluginAsyncTypebox = async (app) => {
  for (const [route, result] of ACTIONS) {
    app.route({
      ...declared(route),
      schema: { body: route.body, response: { 200: Envelope(result), 501: ComingSoon } },
      handler: async (request) => {
        merchant(request)
        throw waffoErrors.comingSoon()
      }
    })
  }
}
