import Type from 'typebox'
import { apiKeyHeader, type ApiOpenApi, type OpenApiOperation } from '../../core/api.js'

const SIGNING = 'A merchant call carries X-Merchant-Id, X-Timestamp (epoch SECONDS, not milliseconds) and X-Signature: ' +
  'the base64 RSA-SHA256 signature, under one of the merchant\'s registered private keys, of ' +
  '`METHOD\\nPATH\\nTIMESTAMP\\nbase64(sha256(raw body))` with PATH as sent (/v1/…). ' +
  'The official SDK (@waffo/pancake-ts, baseUrl = the mock\'s origin) and `signWaffoRequest` in `toco-waffo-mock/signing` sign this way.'

/** The delete-store page of the seeds, verbatim. */
const DELETED_STORE = {
  data: {
    store: {
      id: 'STO_2aUyqjCzEIiEcYMKj7TZtw',
      name: 'My Digital Store',
      status: 'active',
      logo: null,
      supportEmail: null,
      website: null,
      slug: 'my-digital-store-a1b2c3',
      prodEnabled: false,
      notificationSettings: null,
      checkoutSettings: null,
      deletedAt: '2026-01-15T12:00:00.000Z',
      createdAt: '2026-01-15T10:30:00.000Z',
      updatedAt: '2026-01-15T12:00:00.000Z'
    }
  }
}

const WaffoFailure = Type.Object({
  data: Type.Null(),
  errors: Type.Array(Type.Object({
    message: Type.String(),
    layer: Type.String({ description: 'gateway, user, store, product, order, subscription, ticket, resource, graphql' }),
    reason: Type.Optional(Type.String()),
    count: Type.Optional(Type.Integer()),
    aiHint: Type.Optional(Type.String())
  }, { additionalProperties: true }), { description: 'errors[0] is the root cause' })
}, { examples: [{ data: null, errors: [{ message: 'Store not found', layer: 'store' }] }] })

const operation = (operationId: string, summary: string, examples: Partial<OpenApiOperation> = {}): OpenApiOperation =>
  ({ operationId, summary, ...examples })

const OPERATIONS: Record<string, OpenApiOperation> = {
  'POST /actions/store/create-store': operation('waffoCreateStore', 'Create a store (the merchant becomes its owner)', { requestExample: { name: 'My Digital Store' } }),
  'POST /actions/store/update-store': operation('waffoUpdateStore', 'Update a store\'s name, status, logo or settings (owner or admin)'),
  'POST /actions/store/delete-store': operation('waffoDeleteStore', 'Soft-delete a store (owner only; 409 lists what blocks it)',
    { requestExample: { id: 'STO_2aUyqjCzEIiEcYMKj7TZtw' }, responseExample: DELETED_STORE }),
  'POST /actions/store/add-webhook': operation('waffoAddWebhook', 'Register a store webhook (owner or admin; at most 20 per store)'),
  'POST /actions/store/update-webhook': operation('waffoUpdateWebhook', 'Change a webhook\'s url, events or secret (channel and testMode are fixed)'),
  'POST /actions/store/remove-webhook': operation('waffoRemoveWebhook', 'Delete a webhook (answers the removed webhook)'),
  'POST /actions/store-merchant/add-merchant': operation('waffoAddStoreMerchant', 'Add a merchant to a store (upstream: coming soon)'),
  'POST /actions/store-merchant/remove-merchant': operation('waffoRemoveStoreMerchant', 'Remove a merchant from a store (upstream: coming soon)'),
  'POST /actions/store-merchant/update-role': operation('waffoUpdateStoreMerchantRole', 'Change a store member\'s role (upstream: coming soon)'),
  'POST /actions/onetime-product/create-product': operation('waffoCreateOnetimeProduct', 'Create a one-time product'),
  'POST /actions/onetime-product/update-product': operation('waffoUpdateOnetimeProduct', 'Update a one-time product (a new draft version)'),
  'POST /actions/onetime-product/publish-product': operation('waffoPublishOnetimeProduct', 'Publish a one-time product\'s test version to prod (whatever the key\'s environment)'),
  'POST /actions/onetime-product/update-status': operation('waffoUpdateOnetimeProductStatus', 'Activate or deactivate a one-time product'),
  'POST /actions/subscription-product/create-product': operation('waffoCreateSubscriptionProduct', 'Create a subscription product'),
  'POST /actions/subscription-product/update-product': operation('waffoUpdateSubscriptionProduct', 'Update a subscription product (a new draft version)'),
  'POST /actions/subscription-product/publish-product': operation('waffoPublishSubscriptionProduct', 'Publish a subscription product\'s test version to prod'),
  'POST /actions/subscription-product/update-status': operation('waffoUpdateSubscriptionProductStatus', 'Activate or deactivate a subscription product'),
  'POST /actions/subscription-order/cancel-order': operation('waffoCancelSubscriptionOrder', 'Cancel a subscription (merchant key or buyer session)'),
  'POST /actions/onetime-order/cancel-order': operation('waffoCancelOnetimeOrder', 'Cancel a pending one-time order (buyer session)'),
  'POST /actions/subscription-order/reactivate-order': operation('waffoReactivateSubscriptionOrder', 'Reactivate a canceling subscription before its period ends, unless it has an unpaid balance (buyer session)'),
  'POST /actions/subscription-product-group/create-group': operation('waffoCreateProductGroup', 'Create a subscription product group in the key\'s environment'),
  'POST /actions/subscription-product-group/update-group': operation('waffoUpdateProductGroup', 'Update a product group (productIds replaces the list)'),
  'POST /actions/subscription-product-group/delete-group': operation('waffoDeleteProductGroup', 'Delete a product group (hard delete)'),
  'POST /actions/subscription-product-group/publish-group': operation('waffoPublishProductGroup', 'Publish a test product group to prod'),
  'POST /actions/verification/scan-prompt': operation('waffoScanPrompt', 'Scan a prompt for unsafe content (a fixed, documented word list)', { requestExample: { prompt: 'Write a product description' } }),
  'POST /actions/refund-ticket/create-ticket': operation('waffoCreateRefundTicket', 'Ask for a refund of a payment (buyer session): a pending refund ticket, at most what is left to refund',
    { requestExample: { paymentId: 'PAY_5xK9mRtYvWnPqLsJ3hBfDe', reason: 'Product not as described', requestedAmount: { amount: '9.99', currency: 'USD' } } }),
  'POST /actions/refund-ticket/resubmit-ticket': operation('waffoResubmitRefundTicket', 'Resubmit a returned or rejected refund ticket with a new reason and amount (buyer session)'),
  'POST /actions/auth/issue-session-token': operation('waffoIssueSessionToken', 'Issue a buyer session token (5 minutes)'),
  'POST /actions/checkout/create-session': operation('waffoCreateCheckoutSession',
    'Open a checkout session (merchant key or buyer session): the hosted page URL, 45 minutes by default; with originOrderId, a plan change (changeTiming immediate or next_period)',
    { requestExample: { productId: 'PROD_EverySubProdActive0000', currency: 'USD' } }),
  'GET /store/:slug/checkout/:sessionId': operation('waffoCheckoutPage', 'The hosted checkout page (HTML; the session id is the capability)'),
  'POST /store/:slug/checkout/:sessionId': operation('waffoCheckoutPay', 'Pay on the hosted page (form: email, card; test cards decide the outcome)'),
  'GET /store/:slug/change/:sessionId': operation('waffoChangePage', 'The hosted plan change confirmation page (HTML; the session id is the capability)'),
  'POST /store/:slug/change/:sessionId': operation('waffoChangePay', 'Confirm a plan change on the hosted page (form: card; test cards decide the outcome)'),
  'POST /graphql': operation('waffoGraphql', 'Read-only GraphQL queries (stores, products, orders…; depth ≤ 7)',
    { requestExample: { query: '{ stores { id name status } }' } })
}

/** A triggered order.completed of the demo store, before its first attempt (the control plane's example of a delivery). */
const DELIVERY = {
  id: '73c269b5-75ec-419c-92a9-b2dd1e540970',
  api: 'waffo',
  event: 'order.completed',
  store: 'STO_2aUyqjCzEIiEcYMKj7TZtw',
  subscription: '2d08cf17-9293-4714-be4b-acb5d1f4b8e0',
  target: 'https://hooks.example/waffo',
  status: 'pending',
  attempts: [],
  nextAttemptAt: '2026-03-01T10:00:00.000Z',
  createdAt: '2026-03-01T10:00:00.000Z',
  finishedAt: null,
  headers: null,
  payload: JSON.stringify({
    id: '73c269b5-75ec-419c-92a9-b2dd1e540970',
    timestamp: '2026-03-01T10:00:00.000Z',
    eventType: 'order.completed',
    eventId: 'PAY_3zQjrjBP2nSGoD4AUcogvM',
    storeId: 'STO_2aUyqjCzEIiEcYMKj7TZtw',
    storeName: 'My Digital Store',
    mode: 'test',
    data: {
      orderId: 'ORD_04UlpYypOWSeoo0bkYY3y3',
      orderStatus: 'completed',
      buyerEmail: 'buyer@example.com',
      currency: 'USD',
      chargedAmount: '29.00',
      amount: '29.00',
      taxAmount: '0.00',
      listPrice: { total: '29.00', subtotal: '29.00', taxAmount: '0.00' },
      productName: '',
      paymentId: 'PAY_3zQjrjBP2nSGoD4AUcogvM',
      paymentStatus: 'succeeded',
      paymentMethod: 'card',
      paymentLast4: '0110',
      paymentDate: '2026-03-01'
    }
  })
}

/** The Waffo Pancake API's part of /__admin/openapi.json, keyed by method and url under /v1. */
export const waffoOpenApi: ApiOpenApi = {
  tag: { name: 'Waffo Pancake API', description: `RSA-signed merchant actions and GraphQL under /v1. ${SIGNING}` },
  securitySchemes: {
    waffoMerchantId: apiKeyHeader('X-Merchant-Id', `The merchant id (MER_…). ${SIGNING}`),
    waffoTimestamp: apiKeyHeader('X-Timestamp', 'Epoch SECONDS (not milliseconds), at most TIMESTAMP_WINDOW_SECONDS (300) behind and 60 s ahead of the mock clock or, with AUTH_CLOCK=either (the default), of the wall clock; signed.'),
    waffoSignature: apiKeyHeader('X-Signature', 'Canonical base64 of the RSA-SHA256 signature of the canonical request.'),
    waffoSessionToken: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'A buyer session token from issue-session-token (5 minutes, mock time).' },
    waffoEnvironment: apiKeyHeader('X-Environment', '`test` or `prod`: the environment a buyer session acts in (a session token carries none).')
  },
  security: {
    apiKey: [{ waffoMerchantId: [], waffoTimestamp: [], waffoSignature: [] }],
    session: [{ waffoSessionToken: [], waffoEnvironment: [] }],
    apiKeyOrSession: [{ waffoMerchantId: [], waffoTimestamp: [], waffoSignature: [] }, { waffoSessionToken: [], waffoEnvironment: [] }]
  },
  defaultScope: 'apiKey',
  headers: [{
    name: 'x-idempotency-key',
    description: 'X-Idempotency-Key: the SDK sends it when the caller passes idempotencyKey. A repeated key within 24 h (mock time) with the same request replays the first 2xx answer (X-Idempotency-Replayed: true); with another request, or while the first is still in flight, it is 409 (docs/fidelity.md).',
    schema: { type: 'string' },
    routes: Object.keys(OPERATIONS).filter((key) => key.startsWith('POST /actions/'))
  }],
  errors: {
    schema: WaffoFailure,
    statuses: {
      400: 'A field is missing or invalid, the body is not JSON, or X-Environment is missing',
      401: 'Missing authentication, invalid API key, authentication failed, or the session token has expired',
      403: 'Not allowed: the merchant\'s role on the store, an order or payment that is not the caller\'s, a plan change the product group forbids, or a GraphQL mutation',
      404: 'No such store, product, order or route',
      409: 'A conflict: delete-store\'s blockers (one entry each, with reason, count and aiHint), a product group name taken, an X-Idempotency-Key reused or still in flight',
      413: 'The body is over 1 MiB',
      500: 'Unexpected error (details only in the mock\'s log)'
    }
  },
  pages: {
    200: 'The page (or, paid with no successUrl, the payment-complete page)',
    400: 'A refusal or the page again: an unknown card, a bad email, autoPay not success|decline, a checkout link token this mock did not issue',
    402: 'The page again: the card was declined',
    404: 'UNKNOWN_SESSION: no such session at this URL',
    409: 'SESSION_PAID / ORDER_NOT_PAYABLE / SUBSCRIPTION_NOT_CHANGEABLE: already paid, its order canceled, or the subscription can no longer change plan',
    410: 'SESSION_EXPIRED: the session expired'
  },
  operations: OPERATIONS,
  controlExamples: { 'GET /webhooks/deliveries': { deliveries: [DELIVERY] }, 'GET /webhooks/deliveries/:id': DELIVERY }
}
