import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import Type from 'typebox'
import { callerStore } from '../auth.js'
import { updateProduct, UpdateProductBody } from '../catalog/update.js'
import { productView } from '../catalog/view.js'
import { atomically } from '../../../db/atomically.js'
import { productRuleError, tocoErrors } from '../errors.js'
import { BaseMeta, formatProduct, Product, success, SuccessEnvelope } from '../format.js'
import type { ProductRow } from '../repo/products.js'
import { declared, TOCO_ROUTES } from './table.js'

const response = { 200: SuccessEnvelope(BaseMeta, Product) }

/** Judges and writes in one transaction; answers the product as it now reads. */
function update (request: FastifyRequest, find: (store: string) => ProductRow | undefined, missing: () => Error, body: UpdateProductBody) {
  const { db, clock, repos: { toco } } = request.ctx
  const store = callerStore(request)
  const product = atomically(db, () => {
    const found = find(store)
    if (!found) throw missing()
    const refused = updateProduct(toco, store, found, body, clock.iso())
    if (refused) throw productRuleError(refused, found.id)
    return toco.products.byId(store, found.id)!
  })
  return success(request, 'Product updated successfully', formatProduct(productView(toco, product)))
}

/** Update Product (guide §6.3): synchronous, one product, partial. */
export const productUpdateRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.route({
    ...declared(TOCO_ROUTES.updateProduct),
    schema: { params: Type.Object({ productId: Type.String() }), body: UpdateProductBody, response },
    handler: async (request) => {
      const { productId } = request.params
      return update(request, (store) => request.ctx.repos.toco.products.byId(store, productId),
        () => tocoErrors.productNotFound(productId), request.body)
    }
  })

  app.route({
    ...declared(TOCO_ROUTES.updateProductByExternalId),
    schema: { params: Type.Object({ externalProductId: Type.String() }), body: UpdateProductBody, response },
    handler: async (request) => {
      const { externalProductId } = request.params
      return update(request, (store) => request.ctx.repos.toco.products.byExternalId(store, externalProductId),
        () => tocoErrors.externalIdNotFound(externalProductId), request.body)
    }
  })
}
