import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import Type from 'typebox'
import { callerStore } from '../auth.js'
import { updateProduct, UpdateProductBody } from '../catalog/update.js'
import { atomically } from '../../../db/atomically.js'
import { productRuleError, tocoErrors } from '../errors.js'
import { BaseMeta, Product, sendSuccessJson, SuccessEnvelope } from '../format.js'
import type { TocoRepos } from '../repo/index.js'
import type { ProductRow } from '../repo/products.js'
import { declared, TOCO_ROUTES } from './table.js'

const response = { 200: SuccessEnvelope(BaseMeta, Product) }

/** Judges and writes in one transaction; answers the product as it now reads. */
function update (request: FastifyRequest, reply: FastifyReply, find: (store: string) => ProductRow | undefined, missing: () => Error, body: UpdateProductBody) {
  const { db, clock, repos: { toco } } = request.ctx
  const store = callerStore(request)
  const product = atomically(db, () => {
    const found = find(store)
    if (!found) throw missing()
    const refused = updateProduct(toco, store, found, body, clock.iso())
    if (refused) throw productRuleError(refused, found.id)
    return toco.productJson.one(store, found.id)!
  })
  return sendSuccessJson(request, reply, 'Product updated successfully', product)
}

/** The two documented spellings of Update Product: by the mock's id, or by the partner's externalId. */
const SPELLINGS = [
  { route: TOCO_ROUTES.updateProduct, param: 'productId', find: (repos: TocoRepos, store: string, key: string) => repos.products.byId(store, key), missing: tocoErrors.productNotFound },
  { route: TOCO_ROUTES.updateProductByExternalId, param: 'externalProductId', find: (repos: TocoRepos, store: string, key: string) => repos.products.byExternalId(store, key), missing: tocoErrors.externalIdNotFound }
] as const

/** Update Product (guide §6.3): synchronous, one product, partial. */
export const productUpdateRoutes: FastifyPluginAsyncTypebox = async (app) => {
  for (const { route, param, find, missing } of SPELLINGS) {
    app.route({
      ...declared(route),
      schema: { params: Type.Object({ [param]: Type.String() }), body: UpdateProductBody, response },
      handler: async (request, reply) => {
        const key = (request.params as Record<string, string>)[param]!
        return update(request, reply, (store) => find(request.ctx.repos.toco, store, key), () => missing(key), request.body)
      }
    })
  }
}
