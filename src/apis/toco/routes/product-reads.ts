import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { tocoErrors } from '../errors.js'
import { BaseMeta, Pagination, Product, sendSuccessJson, SuccessEnvelope } from '../format.js'
import { SORT_COLUMNS } from '../repo/product-list.js'
import { declared, TOCO_ROUTES } from './table.js'
import { booleanParam, enumParam, integerParam, queryErrors } from './validation.js'
import { callerStore } from '../auth.js'

const MAX_LIMIT = 100
const SORT_KEYS = Object.keys(SORT_COLUMNS) as Array<keyof typeof SORT_COLUMNS>
const text = (description: string) => Type.Optional(Type.String({ description }))

const ListQuery = Type.Object({
  q: text('Search in name and SKU (substring, case-insensitive) or an exact externalId'),
  isArchived: text('true | false'),
  isAvailableStock: text('true: stock > 0; false: stock = 0'),
  isVerified: text('true | false'),
  isVariantActive: text('true: products with an active variant; false: without'),
  sortBy: text(`${SORT_KEYS.join(' | ')} (default createdAt)`),
  order: text('asc | desc (default desc)'),
  page: text('1-based (default 1)'),
  limit: text(`1…${MAX_LIMIT} (default 10; larger values are clamped to ${MAX_LIMIT})`)
})

/** Product reads (guide §6.6–6.8): only this store's products that are not deleted. */
export const productReadRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.route({
    ...declared(TOCO_ROUTES.listProducts),
    schema: { querystring: ListQuery, response: { 200: SuccessEnvelope(Type.Object({ timestamp: Type.String(), pagination: Pagination }), Type.Array(Product)) } },
    schemaErrorFormatter: queryErrors,
    handler: async (request, reply) => {
      const query = request.query
      const q = query.q?.trim()
      if (q !== undefined && q.length > 255) throw tocoErrors.validation({ q: 'q must be shorter than or equal to 255 characters' })
      const page = integerParam('page', query.page, 1_000_000, 1)
      const limit = integerParam('limit', query.limit, MAX_LIMIT, 10)
      const { repos: { toco } } = request.ctx
      const { rowids, total } = toco.productList.page({
        store: callerStore(request),
        q: q || undefined,
        isArchived: booleanParam('isArchived', query.isArchived),
        isAvailableStock: booleanParam('isAvailableStock', query.isAvailableStock),
        isVerified: booleanParam('isVerified', query.isVerified),
        isVariantActive: booleanParam('isVariantActive', query.isVariantActive),
        sortBy: enumParam('sortBy', query.sortBy, SORT_KEYS, 'createdAt'),
        order: enumParam('order', query.order, ['asc', 'desc'] as const, 'desc'),
        limit,
        offset: (page - 1) * limit
      })
      return sendSuccessJson(request, reply, 'Products retrieved successfully', toco.productJson.page(rowids),
        { pagination: { page, limit, total, totalPages: Math.ceil(total / limit) } })
    }
  })

  app.route({
    ...declared(TOCO_ROUTES.productBySku),
    schema: { params: Type.Object({ sku: Type.String() }), response: { 200: SuccessEnvelope(BaseMeta, Product) } },
    handler: async (request, reply) => {
      const { sku } = request.params
      const { repos: { toco } } = request.ctx
      const store = callerStore(request)
      // A product's own SKU first; a variant's SKU finds the product it belongs to.
      const id = toco.products.bySku(store, sku)?.id ?? toco.products.variantBySku(store, sku)?.product_id
      const product = id === undefined ? undefined : toco.productJson.one(store, id)
      if (product === undefined) throw tocoErrors.skuNotFound(sku)
      return sendSuccessJson(request, reply, 'Product retrieved successfully', product)
    }
  })

  app.route({
    ...declared(TOCO_ROUTES.product),
    schema: {
      params: Type.Object({ productId: Type.String() }),
      querystring: Type.Object({ isVariantActive: text('true: only active variants; false: only inactive ones') }),
      response: { 200: SuccessEnvelope(BaseMeta, Product) }
    },
    schemaErrorFormatter: queryErrors,
    handler: async (request, reply) => {
      const { productId } = request.params
      const activeVariants = booleanParam('isVariantActive', request.query.isVariantActive)
      const { repos: { toco } } = request.ctx
      const product = toco.productJson.one(callerStore(request), productId, activeVariants)
      if (product === undefined) throw tocoErrors.productNotFound(productId)
      return sendSuccessJson(request, reply, 'Product retrieved successfully', product)
    }
  })
}
