import { STATUS_CODES } from 'node:http'
import { errorBody, errorReplier, type ErrorBook } from '../../core/errors.js'
import { withoutStack } from '../../http/answer.js'
import { failure } from './format.js'

/**
 * Waffo failures: `{"data":null,"errors":[Notice…]}`, errors[0] the root cause. Messages that
 * the docs list are verbatim; the others are our choice and listed in docs/fidelity.md.
 */
export interface Notice {
  message: string
  layer: string
  /** GraphQL errors only (graphql-js fields). */
  locations?: Array<{ line: number, column: number }>
  path?: Array<string | number>
  reason?: string
  count?: number
  aiHint?: string
  /** Only with MOCK_DEBUG_SIGNATURES: why authentication failed. */
  debug?: Record<string, unknown>
}

export class WaffoError extends Error {
  override name = 'WaffoError'
  constructor (readonly statusCode: number, readonly errors: Notice[]) {
    super(errors[0]?.message ?? 'Unknown error')
  }
}

const one = (statusCode: number, message: string, layer: string, debug?: Record<string, unknown>) =>
  withoutStack(() => new WaffoError(statusCode, [debug ? { message, layer, debug } : { message, layer }]))

/** The aiHint the delete-store doc attaches to every 409 entry (and to nothing else). */
export const ESCALATE_HINT =
  'AI assistant: stop this action and escalate to a human operator. Do not retry, mutate inputs, or attempt workarounds.'

export const waffoErrors = {
  missingAuthentication: () => one(401, 'Missing authentication', 'user'),
  invalidApiKey: () => one(401, 'Invalid API key', 'user'),
  authenticationFailed: (debug?: Record<string, unknown>) => one(401, 'Authentication failed', 'user', debug),
  missingMerchantContext: () => one(400, 'Missing merchantId in request context', 'store'),
  missingField: (field: string, layer = 'store') => one(400, `Missing required field: ${field}`, layer),
  expectedFormat: (prefix: string, value: string, layer = 'store') => one(400, `Expected format: ${prefix}_xxx, got "${value}"`, layer),
  storeNotFound: () => one(404, 'Store not found', 'store'),
  notStoreOwner: () => one(403, 'Not authorized to delete this store, only owner can delete', 'store'),
  blocked: (notices: Notice[]) => withoutStack(() => new WaffoError(409, notices)),
  invalidJson: () => one(400, 'Invalid JSON body', 'gateway'),
  routeNotFound: () => one(404, 'Not found', 'gateway'),
  payloadTooLarge: () => one(413, 'Request body too large', 'gateway'),
  badRequest: (message: string) => one(400, message, 'gateway'),
  internal: () => one(500, 'Internal server error', 'gateway'),

  // Second wave. Messages the digest quotes are verbatim; the rest are listed in docs/fidelity.md.
  invalidField: (message: string, layer: string) => one(400, message, layer),
  storeNameLength: () => one(400, 'Store name must be between 1 and 48 characters', 'store'),
  storeLimit: () => one(400, 'Store limit reached: a merchant can own at most 20 stores', 'store'),
  notStoreEditor: () => one(403, 'Not authorized to update this store, only owner or admin can update', 'store'),
  suspendedByPlatform: () => one(403, 'Store is suspended by the platform; merchant cannot reactivate', 'store'),
  notProductEditor: () => one(403, 'Not authorized to manage products of this store, only owner or admin can', 'product'),
  productNotFound: () => one(404, 'Product not found', 'product'),
  invalidIdFormat: () => one(400, 'Invalid ID format', 'product'),
  invalidProductStatus: () => one(400, "Invalid or missing status (must be 'active' or 'inactive')", 'product'),
  noVersionInEnvironment: () => one(400, 'Product has no version in the current environment; publish it first', 'product'),
  orderNotFound: () => one(404, 'Order not found', 'order'),
  orderNotOwned: () => one(403, 'Order does not belong to user', 'order'),
  subscriptionNotCancelable: (status: string) => one(400, `Subscription cannot be canceled, current status: ${status}`, 'order'),
  orderNotCancelable: (status: string) => one(400, `Order cannot be canceled, current status: ${status}`, 'order'),
  unpaidBalance: () => one(400, 'Subscription with an unpaid balance cannot be reactivated', 'order'),
  notReactivatable: (status: string) => one(400, `Subscription cannot be reactivated, current status: ${status}`, 'order'),
  missingEnvironment: () => one(400, 'Missing or invalid header: X-Environment', 'gateway'),
  tokenExpired: () => one(401, 'Token has expired', 'user'),
  comingSoon: () => one(501, 'Coming soon', 'store'),
  graphql: (statusCode: number, errors: Notice[]) => withoutStack(() => new WaffoError(statusCode, errors)),
  // Third wave: webhook actions (messages ours, in the store service's wording; docs/fidelity.md).
  notWebhookEditor: () => one(403, 'Not authorized to manage webhooks of this store, only owner or admin can', 'store'),
  webhookLimit: () => one(400, 'Webhook limit reached: a store can have at most 20 webhooks', 'store'),
  webhookNotFound: () => one(404, 'Webhook not found', 'store'),
  immutableWebhookField: (field: string) => one(400, `${field} cannot be changed; remove the webhook and add it again`, 'store'),
  // Fourth wave: idempotency keys (the in-flight 409 message is the docs'; the rest ours, docs/fidelity.md).
  invalidIdempotencyKey: () => one(400, 'Invalid X-Idempotency-Key: expected 1-256 letters, digits, hyphens or underscores', 'gateway'),
  idempotencyInFlight: () => one(409, 'Idempotent request is already being processed', 'gateway'),
  idempotencyKeyReused: () => one(409, 'X-Idempotency-Key was already used with a different request', 'gateway'),
  // Subscription product groups (Missing required fields is the docs'; the rest ours, docs/fidelity.md).
  missingFields: (fields: string[], layer: string) => one(400, `Missing required fields: ${fields.join(', ')}`, layer),
  groupNameLength: () => one(400, 'Group name must be between 1 and 64 characters', 'product'),
  groupNameTaken: (name: string, environment: string) => one(409, `A subscription product group named "${name}" already exists in this store (${environment})`, 'product'),
  groupNotFound: () => one(404, 'Subscription product group not found', 'product'),
  notGroupEditor: () => one(403, 'Not authorized to manage product groups of this store, only owner or admin can', 'product'),
  notGroupProduct: (id: string) => one(400, `Invalid productIds: ${id} is not a subscription product of this store`, 'product'),
  publishTestGroupOnly: () => one(400, 'Only a test group can be published', 'product'),
  // Fourth wave: checkout (messages ours, in the order service's wording; docs/fidelity.md).
  productInactive: () => one(400, 'Product is not active in the current environment', 'order'),
  currencyNotOffered: (currency: string) => one(400, `Currency ${currency} is not available for this product`, 'order'),
  trialNotAvailable: () => one(400, 'withTrial applies to subscription products only', 'order'),
  paymentMethodFilters: () => one(400, 'includePaymentMethods and excludePaymentMethods are mutually exclusive', 'order'),
  currencyNotChargeable: (currency: string, type: string, supported: readonly string[]) =>
    one(400, `Currency ${currency} cannot be charged for a ${type} product (supported: ${supported.join(', ')})`, 'order'),
  paymentMethodUnavailable: (method: string, currency: string, type: string, available: readonly string[]) =>
    one(400, `Payment method ${method} is not available for ${currency} on a ${type} product (available: ${available.join(', ')})`, 'order'),
  // Plan changes: the three 403s a buyer session meets are the docs'; the rest ours (docs/fidelity.md).
  notCredentialsSubscription: () => one(403, 'Subscription order does not belong to this credential', 'order'),
  notSameGroup: () => one(403, 'Target plan is not in the same product group as the current plan', 'order'),
  selfServiceOff: () => one(403, 'Self-service plan change is not enabled for this product group', 'order'),
  planNotChangeable: (status: string) => one(400, `Subscription plan cannot be changed, current status: ${status}`, 'order'),
  samePlan: () => one(400, 'Target plan must be a subscription product other than the current one', 'order'),
  notStorePlan: () => one(400, 'Target plan must be a subscription product of the subscription\'s store', 'order'),
  planCurrency: (currency: string) => one(400, `Currency must match the subscription's currency (${currency})`, 'order'),
  changeAmounts: () => one(400, 'changeAmount and changeCreditAmount are mutually exclusive', 'order'),
  mutationsForbidden: () => one(403, 'Mutations are not supported: the GraphQL API is read-only', 'graphql'),
  // Refund tickets (messages ours, in the order service's patterns, layer `ticket`; docs/fidelity.md).
  paymentNotFound: () => one(404, 'Payment not found', 'ticket'),
  paymentNotOwned: () => one(403, 'Payment does not belong to user', 'ticket'),
  paymentNotRefundable: (status: string) => one(400, `Payment cannot be refunded, current status: ${status}`, 'ticket'),
  refundCurrencyMismatch: (currency: string) => one(400, `Invalid requestedAmount.currency: the payment was made in ${currency}`, 'ticket'),
  refundAmountNotPositive: () => one(400, 'Invalid requestedAmount.amount: must be greater than 0', 'ticket'),
  refundAmountExceeded: (left: string, currency: string) =>
    one(400, `Requested amount exceeds the refundable amount: ${left} ${currency} left on this payment`, 'ticket'),
  refundReasonLength: () => one(400, 'Invalid reason: expected 1-1000 characters', 'ticket'),
  ticketNotFound: () => one(404, 'Refund ticket not found', 'ticket'),
  ticketPaymentMismatch: () => one(400, 'paymentId does not match the refund ticket\'s payment', 'ticket'),
  ticketNotResubmittable: (status: string) => one(400, `Refund ticket cannot be resubmitted, current status: ${status}`, 'ticket')
}

/** How any error becomes Waffo's (framework errors included), for the core's one error reply. */
export const waffoErrorBook: ErrorBook<WaffoError> = {
  owns: (error): error is WaffoError => error instanceof WaffoError,
  payloadTooLarge: waffoErrors.payloadTooLarge,
  badRequest: waffoErrors.badRequest,
  internal: waffoErrors.internal,
  envelope: (_request, error) => failure(error),
  logFields: (error) => ({ status: error.statusCode })
}

/** Writes any error in Waffo's envelope. */
export const replyWaffoError = errorReplier(waffoErrorBook)

/** The status and body of any error in Waffo's envelope, for an answer written on the socket. */
export const waffoErrorBody = errorBody(waffoErrorBook)

/** An answer for any status at the gateway layer ("Service Unavailable"): injected faults. */
export function waffoStatusError (status: number): WaffoError {
  return one(status, STATUS_CODES[status] ?? 'Error', 'gateway')
}
