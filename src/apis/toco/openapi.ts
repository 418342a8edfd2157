import Type from 'typebox'
import { apiKeyHeader, type ApiOpenApi } from '../../core/api.js'
import { TOCO_PREFIX } from '../../signing/toco.js'
import { TOCO_ROUTES } from './routes/table.js'

const SIGNING = 'Every partner call carries x-partner-client-id, x-timestamp (epoch MILLISECONDS) and x-signature: ' +
  'the lowercase hex HMAC-SHA256, under the partner secret, of METHOD, the path below /api/v1 (query string included), ' +
  'each sent x-partner-client-id / x-store-client-id / x-store-token as `name:value`, x-timestamp as `x-timestamp:value`, ' +
  'and the hex SHA-256 of the raw body, joined by "\\n". `signTocoRequest` in `toco-waffo-mock/signing` builds the headers.'

/** The seeds' own examples (upstream's documentation pages), verbatim. */
const SEED_EXAMPLES = {
  unbound: {
    success: true,
    message: 'Store unbound successfully',
    requestId: '0b262dbc-54a1-4aa7-bbec-e6a62e4bfa76',
    meta: { timestamp: '2025-11-17T22:59:08.684Z' },
    data: { storeClientId: 'str_bG7SUfKOqSQt', status: 'unbound' }
  },
  deletions: { ids: ['946b3ffa-5f9e-412e-acf4-eea306736e63', '66721951-5f60-47fa-828c-29040fd3595f'] },
  deleted: {
    success: true,
    message: 'Products deleted successfully',
    requestId: '3f00381d-8c8a-4b7b-94b7-a7b076a9f8b2',
    meta: { timestamp: '2026-02-04T22:27:44.587Z', durationMs: 1450, dispatch: false },
    data: {
      summary: { total: 2, succeeded: 1, failed: 1 },
      successItems: [{ id: '66721951-5f60-47fa-828c-29040fd3595f', externalId: 'bace66be-47c4-4f72-868c-ad792da8b210' }],
      errors: [{ code: 'PRD_014', message: 'Product ID not found', rowIndex: 0, id: '946b3ffa-5f9e-412e-acf4-eea306736e63' }]
    }
  },
  expired: {
    success: false,
    error: {
      code: 'AUTH_003',
      message: 'Expired or invalid timestamp',
      details: {
        timestamp: '2025-11-18T09:12:32.459Z',
        hint: 'Request timestamp must be within 300 seconds',
        context: { providedTimestamp: 1763456325508, currentTime: 1763457152458, ageSeconds: 826 }
      }
    },
    requestId: '0bdd25d7-9244-48d8-83a4-9717a29f099a'
  }
}

const TocoFailure = Type.Object({
  success: Type.Literal(false),
  error: Type.Object({
    code: Type.String({ description: 'AUTH_001…AUTH_006, VAL_001, STORE_020, PRD_014, … (docs/fidelity.md)' }),
    message: Type.String(),
    details: Type.Object({ timestamp: Type.String(), hint: Type.String(), context: Type.Record(Type.String(), Type.Unknown()) })
  }),
  requestId: Type.String()
}, { examples: [SEED_EXAMPLES.expired] })

const SUMMARIES: Record<keyof typeof TOCO_ROUTES, string> = {
  unbindStore: 'Unbind a store: revoke its authorization and store token',
  initOnboardSession: 'Start a seller onboarding session (returns the consent page URL)',
  consentPage: 'The seller\'s consent page (HTML, opened in the seller\'s browser)',
  consentAuthorize: 'The seller authorizes the partner (redirects to redirectUri with the store credentials)',
  catalogSync: 'Import new products in one async batch (creation only: an existing externalId is PRD_009)',
  bulkProducts: 'Create or update products in one async batch',
  bulkProductsWithVariants: 'Create or update products with variants in one async batch',
  catalogWithVariantsSync: 'Import new products with variants in one async batch (creation only; the path is ours)',
  updateProduct: 'Update one product by id, its variants as the final set (synchronous)',
  updateProductByExternalId: 'Update one product by the partner\'s externalId (synchronous)',
  updatePrices: 'Update prices in one async batch',
  deleteProducts: 'Delete products by id',
  listProducts: 'List the store\'s products, paginated',
  productBySku: 'One product by SKU',
  product: 'One product by id',
  updateStocks: 'Update stock levels per warehouse in one async batch',
  order: 'One order by id'
}

const EXAMPLES: Partial<Record<keyof typeof TOCO_ROUTES, { requestExample?: unknown, responseExample?: unknown }>> = {
  unbindStore: { responseExample: SEED_EXAMPLES.unbound },
  deleteProducts: { requestExample: SEED_EXAMPLES.deletions, responseExample: SEED_EXAMPLES.deleted }
}

/** `GET /__admin/requests?api=toco&limit=1` after the seed's unbind: the control plane's example of its journal. */
const JOURNAL_PAGE = {
  requests: [{
    requestId: SEED_EXAMPLES.unbound.requestId,
    at: SEED_EXAMPLES.unbound.meta.timestamp,
    api: 'toco',
    method: 'POST',
    path: TOCO_PREFIX + TOCO_ROUTES.unbindStore.url.replace(':storeId', SEED_EXAMPLES.unbound.data.storeClientId),
    query: {},
    status: 200,
    durationMs: 2.174,
    tenant: 'ptnr_1s4UqMnO64',
    auth: { outcome: 'ok', code: null, reason: 'partner ptnr_1s4UqMnO64 signature verified' },
    headers: {
      'content-type': 'application/json',
      'x-partner-client-id': 'ptnr_1s4UqMnO64',
      'x-timestamp': String(Date.parse(SEED_EXAMPLES.unbound.meta.timestamp)),
      'x-signature': '[redacted]',
      host: '127.0.0.1:8080'
    },
    requestBody: null,
    responseBody: SEED_EXAMPLES.unbound
  }],
  total: 2,
  nextCursor: '2'
}

/** The Toco Partner API's part of /__admin/openapi.json: read from the route table, so every route is in it. */
export const tocoOpenApi: ApiOpenApi = {
  tag: { name: 'Toco Partner API', description: `HMAC-signed partner calls under /api/v1. ${SIGNING}` },
  securitySchemes: {
    tocoPartnerClientId: apiKeyHeader('x-partner-client-id', `The partner's clientId. ${SIGNING}`),
    tocoTimestamp: apiKeyHeader('x-timestamp', 'Epoch MILLISECONDS (not seconds), within ±TIMESTAMP_WINDOW_SECONDS (300) of the mock clock or, with AUTH_CLOCK=either (the default), of the wall clock; signed.'),
    tocoSignature: apiKeyHeader('x-signature', 'Lowercase hex HMAC-SHA256 of the base string (bare hex or `sha256=<hex>`).'),
    tocoStoreClientId: apiKeyHeader('x-store-client-id', 'The store\'s storeClientId (store-scoped routes); signed.'),
    tocoStoreToken: apiKeyHeader('x-store-token', 'The store token the consent redirect handed over (store-scoped routes); signed.')
  },
  security: {
    partner: [{ tocoPartnerClientId: [], tocoTimestamp: [], tocoSignature: [] }],
    store: [{ tocoPartnerClientId: [], tocoTimestamp: [], tocoSignature: [], tocoStoreClientId: [], tocoStoreToken: [] }]
  },
  defaultScope: 'store',
  errors: {
    schema: TocoFailure,
    statuses: {
      400: 'VAL_001: the body or a parameter is invalid',
      401: 'AUTH_001…AUTH_005: a header is missing, the timestamp is out of the window, the signature or store token does not verify',
      403: 'AUTH_006: no such store, or it belongs to another partner',
      404: 'STORE_020 / PRD_012 / PRD_013 / PRD_014 / ORD_001 / NOT_FOUND: no such store, SKU, externalId, product, order or route',
      409: 'STORE_021 / PRD_008: the store is already unbound, or another product holds the SKU',
      413: 'PAYLOAD_TOO_LARGE: the body is over 1 MiB',
      500: 'Unexpected error (details only in the mock\'s log)'
    }
  },
  pages: {
    200: 'The consent page',
    400: 'ONB_004 / ONB_005 / ONB_006: the store cannot be connected, the period is not offered, or the redirect is refused',
    404: 'ONB_001: no such onboarding session',
    409: 'ONB_003: the session was used already',
    410: 'ONB_002: the session expired'
  },
  operations: Object.fromEntries(Object.entries(TOCO_ROUTES).map(([id, route]) => [`${route.method} ${route.url}`, {
    operationId: `toco${id[0]!.toUpperCase()}${id.slice(1)}`,
    summary: SUMMARIES[id as keyof typeof TOCO_ROUTES],
    ...EXAMPLES[id as keyof typeof TOCO_ROUTES]
  }])),
  controlExamples: { 'GET /requests': JOURNAL_PAGE }
}
