import { STATUS_CODES } from 'node:http'
import { errorBody, errorReplier, type ErrorBook } from '../../core/errors.js'
import { withoutStack } from '../../http/answer.js'
import { failure } from './format.js'

/**
 * Every error the Toco mock can answer with. Codes, messages and hints that appear in the seeds
 * are verbatim (AUTH_003, STORE_020, STORE_021, PRD_014, VAL_001); the rest are our choice and
 * listed in docs/fidelity.md.
 */
export class TocoError extends Error {
  override name = 'TocoError'
  constructor (
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly hint: string,
    readonly context: Record<string, unknown> = {}
  ) {
    super(message)
  }
}

const answer = (...args: ConstructorParameters<typeof TocoError>) => withoutStack(() => new TocoError(...args))

export const tocoErrors = {
  missingHeaders: (missing: string[]) => answer(401, 'AUTH_001', 'Missing authentication headers',
    `Required headers: ${missing.join(', ')}`, { missingHeaders: missing }),
  unknownPartner: (partnerClientId: string) => answer(401, 'AUTH_002', 'Invalid partner client ID',
    'Partner not found for the given x-partner-client-id', { partnerClientId }),
  expiredTimestamp: (context: { providedTimestamp: number | string, currentTime: number, ageSeconds: number | null }, windowSeconds: number) =>
    answer(401, 'AUTH_003', 'Expired or invalid timestamp',
      `Request timestamp must be within ${windowSeconds} seconds`, context),
  invalidSignature: (context: Record<string, unknown>) => answer(401, 'AUTH_004', 'Invalid signature',
    'Signature does not match the request; check the base string, the secret key and the body hash', context),
  invalidStoreToken: (storeClientId: string) => answer(401, 'AUTH_005', 'Invalid or revoked store token',
    'Store token is invalid or revoked; re-run onboarding to obtain new credentials', { storeClientId }),
  storeAccessDenied: (storeClientId: string) => answer(403, 'AUTH_006', 'Store access denied',
    'Store not found or does not belong to this partner', { storeClientId }),
  storeNotFound: (storeClientId: string) => answer(404, 'STORE_020', 'Store ID not found',
    'Store not found or does not belong to this partner', { storeClientId }),
  storeAlreadyUnbound: (storeClientId: string) => answer(409, 'STORE_021', 'Store inactive or deleted',
    'Store is already unbound', { storeClientId }),
  validation: (validationErrors: Record<string, string>) => answer(400, 'VAL_001', 'Validation failed',
    'Please check your request data and try again', { validationErrors }),
  productNotFound: (productId: string) => answer(404, 'PRD_014', 'Product ID not found',
    'Product not found in this store', { productId }),
  externalIdNotFound: (externalId: string) => answer(404, 'PRD_013', 'Product external ID not found',
    'Product not found in this store', { externalId }),
  skuNotFound: (sku: string) => answer(404, 'PRD_012', 'Product SKU not found',
    'No product or variant of this store has this SKU', { sku }),
  orderNotFound: (orderId: string) => answer(404, 'ORD_001', 'Order not found',
    'Order not found in this store; URI-encode an invoice number', { orderId }),
  routeNotFound: (method: string, path: string) => answer(404, 'NOT_FOUND', `Cannot ${method} ${path}`,
    'Check the method and path against the API reference'),
  payloadTooLarge: () => answer(413, 'PAYLOAD_TOO_LARGE', 'Payload too large',
    'Send a smaller request body'),
  badRequest: (reason: string) => answer(400, 'BAD_REQUEST', 'Bad request', reason),
  internal: () => answer(500, 'INTERNAL_ERROR', 'Internal server error', 'Please try again later')
}

/** A per-item failure inside a bulk response (not an HTTP error). */
export const PRODUCT_NOT_FOUND = { code: 'PRD_014', message: 'Product ID not found' } as const

/** How any error becomes Toco's (framework errors included), for the core's one error reply. */
export const tocoErrorBook: ErrorBook<TocoError> = {
  owns: (error): error is TocoError => error instanceof TocoError,
  payloadTooLarge: tocoErrors.payloadTooLarge,
  badRequest: tocoErrors.badRequest,
  internal: tocoErrors.internal,
  envelope: (request, error) => failure(request, error),
  logFields: (error) => ({ code: error.code })
}

/** Writes any error in Toco's envelope. */
export const replyTocoError = errorReplier(tocoErrorBook)

/** The status and body of any error in Toco's envelope, for an answer written on the socket. */
export const tocoErrorBody = errorBody(tocoErrorBook)

/** An answer for any status, in the seeds' style (`SERVICE_UNAVAILABLE`, "Service Unavailable"): injected faults. */
export function tocoStatusError (status: number): TocoError {
  const message = STATUS_CODES[status] ?? 'Error'
  const code = message.toUpperCase().replace(/[^A-Z0-9]+/g, '_').replace(/^_|_$/g, '')
  return withoutStack(() => new TocoError(status, code, message, status >= 500 ? 'Please try again later' : 'Check the request and try again'))
}

/**
 * Per-row rule failures of the batch endpoints (bulk, catalog sync, inventory, prices), in the
 * seed's row shape `{code, message, rowIndex, …key}`. Codes and wording are ours (docs/fidelity.md);
 * PRD_014 is the seed's.
 */
export const ROW_ERRORS = {
  required: (field: string) => ({ code: 'PRD_001', message: `${field} is required` }),
  invalid: (field: string, problem: string) => ({ code: 'PRD_002', message: `${field} ${problem}` }),
  stockAndWarehouses: () => ({ code: 'PRD_003', message: 'Provide either stock or warehouses, not both' }),
  noWarehouses: () => ({ code: 'PRD_004', message: 'This store has no warehouses: send stock instead of warehouses' }),
  unknownWarehouse: (clientId: string) => ({ code: 'PRD_005', message: `Warehouse ${clientId} not found in this store` }),
  emptyWarehouses: () => ({ code: 'PRD_006', message: 'warehouses should not be empty' }),
  duplicateRow: () => ({ code: 'PRD_007', message: 'Duplicate row for the same product in this request' }),
  skuTaken: (sku: string) => ({ code: 'PRD_008', message: `SKU ${sku} is already used by another product in this store` }),
  alreadyExists: () => ({ code: 'PRD_009', message: 'Product with this externalId already exists' }),
  idOnVariantProduct: () => ({ code: 'PRD_010', message: 'id cannot target a product with variants; use the variant sku' }),
  oneKey: (keys: string) => ({ code: 'PRD_011', message: `Exactly one of ${keys} is required` }),
  skuNotFound: () => ({ code: 'PRD_012', message: 'Product SKU not found' }),
  externalIdNotFound: () => ({ code: 'PRD_013', message: 'Product external ID not found' }),
  idNotFound: () => PRODUCT_NOT_FOUND,
  stockOnVariantProduct: () => ({ code: 'PRD_015', message: 'Product has variants: update the stock of its variants by sku' }),
  variantProduct: () => ({ code: 'PRD_016', message: 'Product has variants: product-level price, specialPrice, stock, sku and warehouses are not allowed' }),
  duplicateSku: (sku: string) => ({ code: 'PRD_017', message: `SKU ${sku} appears more than once in variants.items` })
} as const

/** A rule failure; `path` is the JSON path of the field it is about, when there is one. */
export type RowFailure = { code: string, message: string, path?: string }

/**
 * Update Product is synchronous: a rule failure is the answer itself, with the row codes of the
 * batch endpoints (409 for a SKU another product holds, 404 for an unknown product, 400 otherwise).
 */
export function productRuleError (failure: RowFailure, productId: string): TocoError {
  const status = failure.code === 'PRD_008' ? 409 : failure.code === 'PRD_014' ? 404 : 400
  return answer(status, failure.code, failure.message, 'See the Update Product rules: variants, stock levels and warehouses',
    { productId, ...(failure.path === undefined ? {} : { path: failure.path }) })
}
