import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { acceptBatch, type BatchKind } from '../batches/queue.js'
import { AcceptedBatch, DispatchMeta, success, SuccessEnvelope } from '../format.js'
import { declared, TOCO_ROUTES } from './table.js'
import { listBodyErrors } from './validation.js'
import { callerStore } from '../auth.js'

interface BatchEndpoint {
  route: typeof TOCO_ROUTES[keyof typeof TOCO_ROUTES]
  kind: BatchKind
  /** The body's list: `products` (create) or `items` (updates). */
  field: 'products' | 'items'
  message: string
}

/** The asynchronous endpoints (guide §5.1, §5.2, §6.1, §6.2, §6.4, §7.1): rows judged now, applied after TOCO_BATCH_DELAY_MS. */
const ENDPOINTS: BatchEndpoint[] = [
  { route: TOCO_ROUTES.bulkProducts, kind: 'bulk', field: 'products', message: 'Products accepted for processing' },
  { route: TOCO_ROUTES.catalogSync, kind: 'catalog-sync', field: 'products', message: 'Catalog sync accepted for processing' },
  { route: TOCO_ROUTES.bulkProductsWithVariants, kind: 'with-variants', field: 'products', message: 'Products with variants accepted for processing' },
  {
    route: TOCO_ROUTES.catalogWithVariantsSync,
    kind: 'catalog-with-variants',
    field: 'products',
    message: 'Catalog with variants sync accepted for processing'
  },
  { route: TOCO_ROUTES.updateStocks, kind: 'inventory', field: 'items', message: 'Stock update accepted for processing' },
  { route: TOCO_ROUTES.updatePrices, kind: 'prices', field: 'items', message: 'Price update accepted for processing' }
]

export const batchRoutes: FastifyPluginAsyncTypebox<{ maxBatch: number, delayMs: number }> = async (app, { maxBatch, delayMs }) => {
  for (const { route, kind, field, message } of ENDPOINTS) {
    app.route({
      ...declared(route),
      schema: {
        body: Type.Object({ [field]: Type.Array(Type.Unknown(), { minItems: 1, maxItems: maxBatch }) }),
        response: { 200: SuccessEnvelope(DispatchMeta, AcceptedBatch) }
      },
      schemaErrorFormatter: listBodyErrors(field, maxBatch),
      handler: async (request, reply) => {
        const rows = (request.body as Record<string, unknown[]>)[field]!
        const accepted = acceptBatch(request.ctx, kind, callerStore(request), request.id, rows, delayMs)
        return success(request, message, accepted, { durationMs: Math.round(reply.elapsedTime), dispatch: accepted.batchId !== null })
      }
    })
  }
}
