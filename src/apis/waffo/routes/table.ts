import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { Static, TSchema } from 'typebox'
import type { RequestContext } from '../../../core/context.js'
import { atomically } from '../../../db/atomically.js'
import { merchant, type MerchantCaller, type WaffoScope } from '../auth.js'
import {
  AddWebhookBody, RemoveWebhookBody, UpdateWebhookBody,
  CreateOnetimeProductBody, CreateStoreBody, CreateSubscriptionProductBody, GraphQLBody, IssueSessionTokenBody, OrderIdBody,
  PublishProductBody, StoreIdBody, StoreMerchantBody, UpdateOnetimeProductBody, UpdateStatusBody, UpdateStoreBody,
  UpdateSubscriptionProductBody, CreateGroupBody, UpdateGroupBody, GroupIdBody, ScanPromptBody, CreateCheckoutSessionBody,
  CreateRefundTicketBody, ResubmitRefundTicketBody
} from './bodies.js'

interface Declared {
  method: 'GET' | 'POST'
  /** Under /v1, in Fastify's syntax. */
  url: string
  /** The credentials the route needs, or why it is open to anyone. */
  access: { auth: WaffoScope } | { public: string }
  /** The service that answers a bad body (`layer` in Waffo's errors). */
  layer: string
  /** Absent only on the hosted pages (a browser's form, read by the page itself). */
  body?: TSchema
  /** A write action: X-Idempotency-Key applies (idempotency.ts). */
  writes: boolean
}

/** Why the hosted checkout pages are open: the buyer's browser holds no credentials. */
const CHECKOUT_PAGE = 'the hosted checkout page a buyer\'s browser opens at checkoutUrl; the session id (a UUID) is the capability'

const action = <const Body extends TSchema> (url: string, auth: WaffoScope, layer: string, body: Body) =>
  ({ method: 'POST', url: `/actions/${url}`, access: { auth }, layer, body, writes: true }) as const satisfies Declared

const product = <const Create extends TSchema, const Update extends TSchema> (path: string, create: Create, update: Update) => {
  return {
    create: action(`${path}/create-product`, 'apiKey', 'product', create),
    update: action(`${path}/update-product`, 'apiKey', 'product', update),
    publish: action(`${path}/publish-product`, 'apiKey', 'product', PublishProductBody),
    updateStatus: action(`${path}/update-status`, 'apiKey', 'product', UpdateStatusBody)
  }
}

/**
 * Every Waffo route: its credentials, the layer that refuses a bad body, and the body's schema
 * (the SDK's parameter types). The routes register from this table (the contract test holds
 * the two equal).
 */
export const WAFFO_ROUTES = {
  createStore: action('store/create-store', 'apiKey', 'store', CreateStoreBody),
  updateStore: action('store/update-store', 'apiKey', 'store', UpdateStoreBody),
  deleteStore: action('store/delete-store', 'apiKey', 'store', StoreIdBody),
  addWebhook: action('store/add-webhook', 'apiKey', 'store', AddWebhookBody),
  updateWebhook: action('store/update-webhook', 'apiKey', 'store', UpdateWebhookBody),
  removeWebhook: action('store/remove-webhook', 'apiKey', 'store', RemoveWebhookBody),
  addMerchant: action('store-merchant/add-merchant', 'apiKey', 'store', StoreMerchantBody),
  removeMerchant: action('store-merchant/remove-merchant', 'apiKey', 'store', StoreMerchantBody),
  updateRole: action('store-merchant/update-role', 'apiKey', 'store', StoreMerchantBody),
  onetimeProduct: product('onetime-product', CreateOnetimeProductBody, UpdateOnetimeProductBody),
  subscriptionProduct: product('subscription-product', CreateSubscriptionProductBody, UpdateSubscriptionProductBody),
  createGroup: action('subscription-product-group/create-group', 'apiKey', 'product', CreateGroupBody),
  updateGroup: action('subscription-product-group/update-group', 'apiKey', 'product', UpdateGroupBody),
  deleteGroup: action('subscription-product-group/delete-group', 'apiKey', 'product', GroupIdBody),
  publishGroup: action('subscription-product-group/publish-group', 'apiKey', 'product', GroupIdBody),
  scanPrompt: action('verification/scan-prompt', 'apiKey', 'resource', ScanPromptBody),
  cancelSubscription: action('subscription-order/cancel-order', 'apiKeyOrSession', 'order', OrderIdBody),
  cancelOnetime: action('onetime-order/cancel-order', 'session', 'order', OrderIdBody),
  reactivateSubscription: action('subscription-order/reactivate-order', 'session', 'order', OrderIdBody),
  createRefundTicket: action('refund-ticket/create-ticket', 'session', 'ticket', CreateRefundTicketBody),
  resubmitRefundTicket: action('refund-ticket/resubmit-ticket', 'session', 'ticket', ResubmitRefundTicketBody),
  issueSessionToken: action('auth/issue-session-token', 'apiKey', 'user', IssueSessionTokenBody),
  createCheckoutSession: action('checkout/create-session', 'apiKeyOrSession', 'order', CreateCheckoutSessionBody),
  checkoutPage: { method: 'GET', url: '/store/:slug/checkout/:sessionId', access: { public: CHECKOUT_PAGE }, layer: 'checkout', writes: false },
  checkoutPay: { method: 'POST', url: '/store/:slug/checkout/:sessionId', access: { public: CHECKOUT_PAGE }, layer: 'checkout', writes: false },
  changePage: { method: 'GET', url: '/store/:slug/change/:sessionId', access: { public: CHECKOUT_PAGE }, layer: 'checkout', writes: false },
  changePay: { method: 'POST', url: '/store/:slug/change/:sessionId', access: { public: CHECKOUT_PAGE }, layer: 'checkout', writes: false },
  graphql: { method: 'POST', url: '/graphql', access: { auth: 'apiKeyOrSession' as WaffoScope }, layer: 'graphql', body: GraphQLBody, writes: false }
} as const

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Waffo: the layer that refuses this route's bad body. */
    layer?: string
  }
}

/** The method, url, auth config and body schema Fastify needs for a declared route. */
export function declared<R extends Declared> (route: R) {
  return {
    method: route.method,
    url: route.url,
    config: { ...route.access, layer: route.layer, writes: route.writes } as { auth?: string, public?: string, layer: string, writes: boolean },
    // The body is judged after authentication, by routes/validation.ts in Waffo's wording.
    attachValidation: true
  }
}

/** Every declared route, flat (the product kinds expanded). */
export const WAFFO_ROUTE_LIST: Declared[] = Object.values(WAFFO_ROUTES).flatMap((entry) => 'url' in entry ? [entry] : Object.values(entry))

/**
 * A merchant action: registered from its table row, its body judged by its schema, run for the
 * merchant the gateway verified with its writes in one transaction; `act` returns the answer.
 */
export function merchantAction<const R extends Declared & { body: TSchema }, T> (app: FastifyInstance, route: R, response: Record<number, TSchema>,
  act: (body: Static<R['body']>, who: MerchantCaller, ctx: RequestContext, request: FastifyRequest) => T) {
  app.route({
    ...declared(route),
    schema: { body: route.body, response },
    handler: async (request) => {
      const who = merchant(request)
      // The route's schema has validated the body; a generic route cannot name its static type otherwise.
      return atomically(request.ctx.db, () => act(request.body as Static<R['body']>, who, request.ctx, request))
    }
  })
}
