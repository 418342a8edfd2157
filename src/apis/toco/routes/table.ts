import type { TocoScope } from '../auth.js'
import { pathOf } from '../../../http/url.js'

interface Declared {
  method: 'GET' | 'POST' | 'PATCH'
  /** Under /api/v1, in Fastify's syntax. */
  url: string
  /** The credentials the route needs, or why it is open to anyone. */
  access: { auth: TocoScope } | { public: string }
}

const CONSENT_PAGE = 'seller consent page: the seller\'s browser opens onboardUrl, it carries no partner signature'

/**
 * Every Toco route and the credentials it needs: the routes register from this table, and the
 * signing CLI reads it to know which headers a path needs (a test holds it equal to the app's
 * route table).
 */
export const TOCO_ROUTES = {
  unbindStore: { method: 'POST', url: '/partner/stores/:storeId/unbind', access: { auth: 'partner' } },
  initOnboardSession: { method: 'POST', url: '/partner/onboard/sessions', access: { auth: 'partner' } },
  consentPage: { method: 'GET', url: '/seller/onboard/:sessionId', access: { public: CONSENT_PAGE } },
  consentAuthorize: { method: 'POST', url: '/seller/onboard/:sessionId', access: { public: CONSENT_PAGE } },
  catalogSync: { method: 'POST', url: '/partner/stores/catalog/sync', access: { auth: 'store' } },
  bulkProducts: { method: 'POST', url: '/partner/stores/products/bulk', access: { auth: 'store' } },
  bulkProductsWithVariants: { method: 'POST', url: '/partner/stores/products/with-variants/bulk', access: { auth: 'store' } },
  catalogWithVariantsSync: { method: 'POST', url: '/partner/stores/catalog/with-variants/sync', access: { auth: 'store' } },
  updateProduct: { method: 'PATCH', url: '/partner/stores/products/:productId', access: { auth: 'store' } },
  /** The PRD index's spelling of Update Product (`PATCH /partner/products/<external_product_id>`): by externalId. */
  updateProductByExternalId: { method: 'PATCH', url: '/partner/products/:externalProductId', access: { auth: 'store' } },
  updatePrices: { method: 'PATCH', url: '/partner/stores/products/prices', access: { auth: 'store' } },
  deleteProducts: { method: 'POST', url: '/partner/stores/products/deletions', access: { auth: 'store' } },
  listProducts: { method: 'GET', url: '/partner/stores/products', access: { auth: 'store' } },
  productBySku: { method: 'GET', url: '/partner/stores/products/sku/:sku', access: { auth: 'store' } },
  product: { method: 'GET', url: '/partner/stores/products/:productId', access: { auth: 'store' } },
  updateStocks: { method: 'PATCH', url: '/partner/stores/inventory', access: { auth: 'store' } },
  order: { method: 'GET', url: '/partner/stores/orders/:orderId', access: { auth: 'store' } }
} as const satisfies Record<string, Declared>

type Route = typeof TOCO_ROUTES[keyof typeof TOCO_ROUTES]

/** The method, url and auth config Fastify needs for a declared route. */
export function declared<R extends Route> (route: R) {
  return { method: route.method, url: route.url, config: { ...route.access } as { auth?: string, public?: string } }
}

const patterns = Object.values(TOCO_ROUTES).map((route: Declared) => ({
  ...route,
  // Static segments before parameters, as the router matches them (…/products/sku/x is not …/products/:productId).
  statics: route.url.split('/').filter((segment) => !segment.startsWith(':')).length,
  pattern: new RegExp(`^${route.url.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:\w+/g, '[^/]+')}$`)
})).sort((a, b) => b.statics - a.statics)

/** The declared route a request would reach (path under /api/v1, query string ignored). */
export function routeFor (method: string, path: string): Declared | undefined {
  const bare = pathOf(path)
  return patterns.find((route) => route.method === method && route.pattern.test(bare))
}
