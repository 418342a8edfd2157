import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import Type, { type Static } from 'typebox'
import { shortId } from '../ids.js'
import { canonicalJson, parseContent, type ProductType } from '../catalog/content.js'
import { productContent } from '../catalog/input.js'
import { waffoErrors } from '../errors.js'
import { Envelope, formatProduct, OnetimeProduct, SubscriptionProduct } from '../format.js'
import type { ProductRow } from '../repo/products.js'
import { merchant, type MerchantCaller } from '../auth.js'
import { merchantAction, WAFFO_ROUTES } from './table.js'

const PRODUCT_RESPONSES = {
  onetime: { 200: Envelope(Type.Object({ product: OnetimeProduct })) },
  subscription: { 200: Envelope(Type.Object({ product: SubscriptionProduct })) }
}

/**
 * The product a merchant may change: it exists, is of this kind, sits in a live store the
 * merchant belongs to (else 404, as for a product that does not exist) as owner or admin.
 */
function editableProduct (request: FastifyRequest, id: string, type: ProductType): ProductRow {
  const { merchantId } = merchant(request)
  const { repos: { waffo } } = request.ctx
  const product = waffo.products.live(id)
  const role = product && product.type === type ? waffo.stores.memberRole(product.store_id, merchantId) : undefined
  if (!product || role === undefined) throw waffoErrors.productNotFound()
  if (role === 'member') throw waffoErrors.notProductEditor()
  return product
}

/** One product action: its change returns the row, shown in the caller's environment. */
function productAction<const R extends Parameters<typeof merchantAction>[1]> (
  app: FastifyInstance, type: ProductType, route: R, act: (body: Static<R['body']>, request: FastifyRequest, environment: MerchantCaller['environment']) => ProductRow
) {
  merchantAction(app, route, PRODUCT_RESPONSES[type], (body, { environment }, _ctx, request) =>
    ({ data: { product: formatProduct(act(body, request, environment), environment) } }))
}

/**
 * onetime-product/* and subscription-product/*: create, update (a new immutable test version,
 * skipped when nothing changed), publish (test → prod) and update-status, which touches only the
 * environment of the API key. Every answer shows the caller's environment.
 */
export const productRoutes: FastifyPluginAsyncTypebox = async (app) => {
  for (const [routes, type] of [[WAFFO_ROUTES.onetimeProduct, 'onetime'], [WAFFO_ROUTES.subscriptionProduct, 'subscription']] as const) {
    productAction(app, type, routes.create, (body, request) => {
      const content = productContent(body, type)
      const { clock, repos: { waffo } } = request.ctx
      const role = waffo.stores.memberRole(body.storeId, merchant(request).merchantId)
      if (role === undefined) throw waffoErrors.storeNotFound()
      if (role === 'member') throw waffoErrors.notProductEditor()
      return waffo.products.create({ id: shortId('PROD'), storeId: body.storeId, type, name: content.name, content: JSON.stringify(content), at: clock.iso() })
    })

    productAction(app, type, routes.update, (body, request) => {
      const { clock, repos: { waffo } } = request.ctx
      const current = editableProduct(request, body.id, type)
      const before = parseContent(current.test_content)
      const next = productContent(body, type, before)
      if (canonicalJson(next) === canonicalJson(before)) return current
      return waffo.products.newVersion(body.id, next.name, JSON.stringify(next), clock.iso())
    })

    productAction(app, type, routes.publish, (body, request) => {
      editableProduct(request, body.id, type)
      return request.ctx.repos.waffo.products.publish(body.id, request.ctx.clock.iso())
    })

    productAction(app, type, routes.updateStatus, (body, request, environment) => {
      const current = editableProduct(request, body.id, type)
      if (environment === 'prod' && current.prod_content === null) throw waffoErrors.noVersionInEnvironment()
      return request.ctx.repos.waffo.products.setStatus(body.id, environment, body.status, request.ctx.clock.iso())
    })
  }
}
