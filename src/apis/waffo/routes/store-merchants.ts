import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { waffoErrors } from '../errors.js'
import { Envelope } from '../format.js'
import { requireMerchant } from '../validate.js'

const S = Type.String()
/** The result shapes the SDK types document, for when upstream ships them; today every call is 501. */
const RESULTS = {
  'add-merchant': Type.Object({ storeId: S, merchantId: S, email: S, role: S, status: S, addedAt: S }),
  'remove-merchant': Type.Object({ message: S, removedAt: S }),
  'update-role': Type.Object({ storeId: S, merchantId: S, role: S, updatedAt: S })
}
const ComingSoon = Type.Object({ data: Type.Null(), errors: Type.Array(Type.Object({ message: S, layer: S })) })

/** store-merchant/*: "Coming soon — endpoints currently return 501", behind the same API-key check. */
export const storeMerchantRoutes: FastifyPluginAsyncTypebox = async (app) => {
  for (const [verb, result] of Object.entries(RESULTS)) {
    app.post(`/actions/store-merchant/${verb}`, {
      config: { auth: 'apiKey' },
      schema: { response: { 200: Envelope(result), 501: ComingSoon } }
    }, async (request) => {
      requireMerchant(request.merchantContext)
      throw waffoErrors.comingSoon()
    })
  }
}
