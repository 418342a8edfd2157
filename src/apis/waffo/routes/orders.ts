import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import Type from 'typebox'
import { atomically } from '../../../db/atomically.js'
import { waffoErrors } from '../errors.js'
import { Envelope, OrderResult } from '../format.js'
import type { WaffoRepos } from '../repo/index.js'
import { buyerOwns, type OrderRow } from '../repo/orders.js'
import { issueSession } from '../session.js'
import { caller, merchant } from '../auth.js'
import { emitOrderEvent } from '../webhooks/events.js'
import { BUYER_IDENTITY_INVALID } from './bodies.js'
import { declared, WAFFO_ROUTES } from './table.js'

const OrderResponse = { 200: Envelope(OrderResult) }

/**
 * The order this caller may act on. An API key must be the owner of the order's store ("API Key
 * (merchant, owner role)"); a session token must be for the order's store and carry its buyer.
 */
function ownedOrder (request: FastifyRequest, orderId: string, type: OrderRow['type']): OrderRow {
  const { repos: { waffo } } = request.ctx
  const buyer = caller(request)
  // Environments are isolated: an order of the other environment does not exist for this caller.
  const found = waffo.orders.live(orderId)
  const order = found && found.mode === buyer.environment ? found : undefined
  if (buyer.kind === 'buyer') {
    if (!order || order.type !== type) throw waffoErrors.orderNotFound()
    if (order.store_id !== buyer.storeId || !buyerOwns(order, buyer.buyerIdentity)) throw waffoErrors.orderNotOwned()
    return order
  }
  const { merchantId } = buyer
  const role = order && order.type === type ? waffo.stores.memberRole(order.store_id, merchantId) : undefined
  if (!order || role === undefined) throw waffoErrors.orderNotFound()
  if (role !== 'owner') throw waffoErrors.orderNotOwned()
  return order
}

/** The row change, and the webhook event it makes (written in the same transaction). */
type Change = Omit<Parameters<WaffoRepos['orders']['change']>[0], 'id' | 'at'> & { event?: Parameters<typeof emitOrderEvent>[1] }

/** Each order action: the kind of order it acts on, and the change it makes (or the refusal). */
const TRANSITIONS = [
  // pending → canceled now; active → canceling until the period ends; past_due → canceling, and
  // its unpaid balance keeps it from being reactivated.
  [WAFFO_ROUTES.cancelSubscription, 'subscription', (order: OrderRow, at: string): Change => {
    if (order.status === 'pending') return { status: 'canceled', canceledAt: at, unpaidBalance: 0 }
    if (order.status === 'active' || order.status === 'past_due') {
      return { status: 'canceling', canceledAt: null, unpaidBalance: order.status === 'past_due' ? 1 : 0, event: 'subscription.canceling' }
    }
    throw waffoErrors.subscriptionNotCancelable(order.status)
  }],
  [WAFFO_ROUTES.cancelOnetime, 'onetime', (order: OrderRow, at: string): Change => {
    if (order.status !== 'pending') throw waffoErrors.orderNotCancelable(order.status)
    return { status: 'canceled', canceledAt: at, unpaidBalance: 0 }
  }],
  [WAFFO_ROUTES.reactivateSubscription, 'subscription', (order: OrderRow): Change => {
    if (order.status !== 'canceling') throw waffoErrors.notReactivatable(order.status)
    if (order.unpaid_balance === 1) throw waffoErrors.unpaidBalance()
    return { status: 'active', canceledAt: null, unpaidBalance: 0, event: 'subscription.uncanceled' }
  }]
] as const

/** Order actions and the session token buyer-side actions need. */
export const orderRoutes: FastifyPluginAsyncTypebox = async (app) => {
  for (const [route, type, next] of TRANSITIONS) {
    app.route({
      ...declared(route),
      schema: { body: route.body, response: OrderResponse },
      handler: async (request) => {
        const { db, clock, repos: { waffo } } = request.ctx
        const order = atomically(db, () => {
          const order = ownedOrder(request, request.body.orderId, type)
          const at = clock.iso()
          const { event, ...change } = next(order, at)
          const changed = waffo.orders.change({ id: order.id, at, ...change })
          if (event) emitOrderEvent(request.ctx, event, changed)
          return changed
        })
        return { data: { orderId: order.id, status: order.status } }
      }
    })
  }

  app.route({
    ...declared(WAFFO_ROUTES.issueSessionToken),
    schema: {
      body: WAFFO_ROUTES.issueSessionToken.body,
      response: { 200: Envelope(Type.Object({ token: Type.String(), expiresAt: Type.String() })) }
    },
    handler: async (request) => {
      const { merchantId } = merchant(request)
      const { buyerIdentity } = request.body
      // A lone surrogate has no UTF-8: the token would carry U+FFFD, another buyer than the one named.
      if (/\p{Cs}/u.test(buyerIdentity)) throw waffoErrors.invalidField(BUYER_IDENTITY_INVALID, request.routeOptions.config.layer!)
      // An empty or null id counts as not given.
      const storeIdArg = request.body.storeId || undefined
      const productId = request.body.productId || undefined
      if (storeIdArg === undefined && productId === undefined) throw waffoErrors.missingField('storeId or productId', 'user')
      const { clock, repos: { waffo } } = request.ctx
      // "When productId is given without storeId, the server derives the store from the product."
      const product = productId === undefined ? undefined : waffo.products.live(productId)
      if (productId !== undefined && (!product || waffo.stores.memberRole(product.store_id, merchantId) === undefined)) throw waffoErrors.productNotFound()
      const storeId = storeIdArg ?? product!.store_id
      if (waffo.stores.memberRole(storeId, merchantId) === undefined) throw waffoErrors.storeNotFound()
      if (product && product.store_id !== storeId) throw waffoErrors.productNotFound()
      return { data: issueSession({ sub: buyerIdentity, storeId, merchantId }, clock.now()) }
    }
  })
}
