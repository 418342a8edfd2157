import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import Type from 'typebox'
import { atomically } from '../../../db/atomically.js'
import { shortId } from '../admin.js'
import { canonicalJson, parseContent, type ProductType } from '../catalog/content.js'
import { productContent } from '../catalog/input.js'
import { waffoErrors } from '../errors.js'
import { Envelope, formatProduct, Product } from '../format.js'
import type { ProductRow } from '../repo/products.js'
import { fieldOf, isObject, isShortId, requireField, requireMerchant, requireShortId } from '../validate.js'

const ProductResponse = { response: { 200: Envelope(Type.Object({ product: Product })) } }
const KINDS: ReadonlyArray<[string, ProductType]> = [['onetime-product', 'onetime'], ['subscription-product', 'subscription']]

/**
 * The product a merchant may change: it exists, is of this kind, sits in a live store the
 * merchant belongs to (else 404, as for a product that does not exist) as owner or admin.
 */
function editableProduct (request: FastifyRequest, id: string, type: ProductType): ProductRow {
  const { merchantId } = requireMerchant(request.merchantContext)
  const { repos: { waffo } } = request.ctx
  const product = waffo.products.live(id)
  const role = product && product.type === type ? waffo.stores.memberRole(product.store_id, merchantId) : undefined
  if (!product || role === undefined) throw waffoErrors.productNotFound()
  if (role === 'member') throw waffoErrors.notProductEditor()
  return product
}

/**
 * onetime-product/* and subscription-product/*: create, update (a new immutable test version,
 * skipped when nothing changed), publish (test → prod) and update-status, which touches only the
 * environment of the API key. Every answer shows the caller's environment.
 */
export const productRoutes: FastifyPluginAsyncTypebox = async (app) => {
  for (const [path, type] of KINDS) {
    app.post(`/actions/${path}/create-product`, { config: { auth: 'apiKey' }, schema: ProductResponse }, async (request) => {
      const { merchantId, environment } = requireMerchant(request.merchantContext)
      const storeId = requireShortId(requireField(request.body, 'storeId', 'product'), 'STO', 'product')
      const content = productContent(request.body as Record<string, unknown>, type)
      const { db, clock, repos: { waffo } } = request.ctx
      const product = atomically(db, () => {
        const role = waffo.stores.memberRole(storeId, merchantId)
        if (role === undefined) throw waffoErrors.storeNotFound()
        if (role === 'member') throw waffoErrors.notProductEditor()
        return waffo.products.create({ id: shortId('PROD'), storeId, type, name: content.name, content: JSON.stringify(content), at: clock.iso() })
      })
      return { data: { product: formatProduct(product, environment) } }
    })

    app.post(`/actions/${path}/update-product`, { config: { auth: 'apiKey' }, schema: ProductResponse }, async (request) => {
      const { environment } = requireMerchant(request.merchantContext)
      const id = requireShortId(requireField(request.body, 'id', 'product'), 'PROD', 'product')
      const { db, clock, repos: { waffo } } = request.ctx
      const product = atomically(db, () => {
        const current = editableProduct(request, id, type)
        const before = parseContent(current.test_content)
        const next = productContent(request.body as Record<string, unknown>, type, before)
        if (canonicalJson(next) === canonicalJson(before)) return current
        return waffo.products.newVersion(id, next.name, JSON.stringify(next), clock.iso())
      })
      return { data: { product: formatProduct(product, environment) } }
    })

    app.post(`/actions/${path}/publish-product`, { config: { auth: 'apiKey' }, schema: ProductResponse }, async (request) => {
      const { environment } = requireMerchant(request.merchantContext)
      const id = requireShortId(requireField(request.body, 'id', 'product'), 'PROD', 'product')
      const { db, clock, repos: { waffo } } = request.ctx
      const product = atomically(db, () => {
        editableProduct(request, id, type)
        return waffo.products.publish(id, clock.iso())
      })
      return { data: { product: formatProduct(product, environment) } }
    })

    app.post(`/actions/${path}/update-status`, { config: { auth: 'apiKey' }, schema: ProductResponse }, async (request) => {
      const { environment } = requireMerchant(request.merchantContext)
      // The update-status page documents its own wording for a bad id.
      const id = requireField(request.body, 'id', 'product')
      if (!isShortId(id, 'PROD')) throw waffoErrors.invalidIdFormat()
      const status = isObject(request.body) ? fieldOf(request.body, 'status') : undefined
      if (status !== 'active' && status !== 'inactive') throw waffoErrors.invalidProductStatus()
      const { db, clock, repos: { waffo } } = request.ctx
      const product = atomically(db, () => {
        const current = editableProduct(request, id, type)
        if (environment === 'prod' && current.prod_content === null) throw waffoErrors.noVersionInEnvironment()
        return waffo.products.setStatus(id, environment, status, clock.iso())
      })
      return { data: { product: formatProduct(product, environment) } }
    })
  }
}
