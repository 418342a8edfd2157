import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import Type from 'typebox'
import { atomically } from '../../../db/atomically.js'
import { waffoErrors } from '../errors.js'
import { Envelope, OrderResult } from '../format.js'
import type { OrderRow } from '../repo/orders.js'
import { issueSession } from '../session.js'
import { emitOrderEvent } from '../webhooks/events.js'
import { fieldOf, requireField, requireMerchant, requireShortId } from '../validate.js'

const OrderResponse = { response: { 200: Envelope(OrderResult) } }

const sameBuyer = (a: string | null, b: string) => a !== null && a.trim().toLowerCase() === b.trim().toLowerCase()

/**
 * The order this caller may act on. An API key must be the owner of the order's store ("API Key
 * (merchant, owner role)"); a session token must be for the order's store and carry its buyer.
 */
function ownedOrder (request: FastifyRequest, type: OrderRow['type']): OrderRow {
  const orderId = requireShortId(requireField(request.body, 'orderId', 'order'), 'ORD', 'order')
  const { repos: { waffo } } = request.ctx
  const order = waffo.orders.live(orderId)
  const buyer = request.buyerContext
  if (buyer) {
    if (!order || order.type !== type) throw waffoErrors.orderNotFound()
    if (order.store_id !== buyer.storeId || !sameBuyer(order.buyer_email, buyer.buyerIdentity)) throw waffoErrors.orderNotOwned()
    return order
  }
  const { merchantId } = requireMerchant(request.merchantContext)
  const role = order && order.type === type ? waffo.stores.memberRole(order.store_id, merchantId) : undefined
  if (!order || role === undefined) throw waffoErrors.orderNotFound()
  if (role !== 'owner') throw waffoErrors.orderNotOwned()
  return order
}

/** Order actions and the session token buyer-side actions need. */
export const orderRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // pending → canceled now; active → canceling until the period ends; past_due → canceling, and
  // its unpaid balance keeps it from being reactivated.
  app.post('/actions/subscription-order/cancel-order', { config: { auth: 'apiKeyOrSession' }, schema: OrderResponse }, async (request) => {
    const { db, clock, repos: { waffo } } = request.ctx
    const order = atomically(db, () => {
      const order = ownedOrder(request, 'subscription')
      const at = clock.iso()
      if (order.status === 'pending') return waffo.orders.change({ id: order.id, status: 'canceled', canceledAt: at, unpaidBalance: 0, at })
      if (order.status === 'active' || order.status === 'past_due') {
        const changed = waffo.orders.change({ id: order.id, status: 'canceling', canceledAt: null, unpaidBalance: order.status === 'past_due' ? 1 : 0, at })
        emitOrderEvent(request.ctx, 'subscription.canceling', changed)
        return changed
      }
      throw waffoErrors.subscriptionNotCancelable(order.status)
    })
    return { data: { orderId: order.id, status: order.status } }
  })

  app.post('/actions/onetime-order/cancel-order', { config: { auth: 'session' }, schema: OrderResponse }, async (request) => {
    const { db, clock, repos: { waffo } } = request.ctx
    const order = atomically(db, () => {
      const order = ownedOrder(request, 'onetime')
      if (order.status !== 'pending') throw waffoErrors.orderNotCancelable(order.status)
      const at = clock.iso()
      return waffo.orders.change({ id: order.id, status: 'canceled', canceledAt: at, unpaidBalance: 0, at })
    })
    return { data: { orderId: order.id, status: order.status } }
  })

  app.post('/actions/subscription-order/reactivate-order', { config: { auth: 'session' }, schema: OrderResponse }, async (request) => {
    const { db, clock, repos: { waffo } } = request.ctx
    const order = atomically(db, () => {
      const order = ownedOrder(request, 'subscription')
      if (order.status !== 'canceling') throw waffoErrors.notReactivatable(order.status)
      if (order.unpaid_balance === 1) throw waffoErrors.unpaidBalance()
      const changed = waffo.orders.change({ id: order.id, status: 'active', canceledAt: null, unpaidBalance: 0, at: clock.iso() })
      emitOrderEvent(request.ctx, 'subscription.uncanceled', changed)
      return changed
    })
    return { data: { orderId: order.id, status: order.status } }
  })

  app.post('/actions/auth/issue-session-token', {
    config: { auth: 'apiKey' },
    schema: { response: { 200: Envelope(Type.Object({ token: Type.String(), expiresAt: Type.String() })) } }
  }, async (request) => {
    const { merchantId } = requireMerchant(request.merchantContext)
    const storeIdGiven = fieldOf(request.body, 'storeId')
    const productIdGiven = fieldOf(request.body, 'productId')
    if ((storeIdGiven ?? '') === '' && (productIdGiven ?? '') === '') throw waffoErrors.missingField('storeId or productId', 'user')
    const storeIdArg = (storeIdGiven ?? '') === '' ? undefined : requireShortId(storeIdGiven, 'STO', 'user')
    const productId = (productIdGiven ?? '') === '' ? undefined : requireShortId(productIdGiven, 'PROD', 'user')
    const buyerIdentity = requireField(request.body, 'buyerIdentity', 'user')
    if (typeof buyerIdentity !== 'string' || buyerIdentity.trim() === '') {
      throw waffoErrors.invalidField('Invalid buyerIdentity: expected a non-empty string', 'user')
    }
    const { clock, repos: { waffo } } = request.ctx
    // "When productId is given without storeId, the server derives the store from the product."
    const product = productId === undefined ? undefined : waffo.products.live(productId)
    if (productId !== undefined && (!product || waffo.stores.memberRole(product.store_id, merchantId) === undefined)) throw waffoErrors.productNotFound()
    const storeId = storeIdArg ?? product!.store_id
    if (waffo.stores.memberRole(storeId, merchantId) === undefined) throw waffoErrors.storeNotFound()
    if (product && product.store_id !== storeId) throw waffoErrors.productNotFound()
    return { data: issueSession({ sub: buyerIdentity, storeId, merchantId }, clock.now()) }
  })
}
