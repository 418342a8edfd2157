/**
 * Payments and the orders they belong to, each read once per request for all the caller's
 * stores (one statement each, reused across requests) instead of a statement per row.
 */
import type { OrderRow } from '../repo/orders.js'
import type { PaymentRow } from '../repo/purchases.js'
import { checkouts, paymentDetails } from './details.js'
import { matches, type Filter } from './filters.js'
import { idList, prepared } from './statements.js'
import type { ReadContext } from './resolvers.js'

// Through the orders (indexed by store), then each order's payments (indexed by order).
const PAYMENTS = `SELECT p.* FROM waffo_orders o JOIN waffo_payments p ON p.order_id = o.id JOIN waffo_stores s ON s.id = o.store_id
  WHERE o.store_id IN (SELECT value FROM json_each(?)) ORDER BY s.created_at, s.rowid, p.created_at, p.rowid`
const ORDERS = 'SELECT * FROM waffo_orders WHERE store_id IN (SELECT value FROM json_each(?))'

export interface PaymentScope { stores: () => string[], ownsOrder: (row: OrderRow) => boolean }

/** Every order of the caller's stores, by id (environment and buyer checks are the caller's). */
export function ordersById (ctx: ReadContext, storeIds: readonly string[]): Map<string, OrderRow> {
  ctx.orders ??= new Map(prepared<[string], OrderRow>(ctx.db, ORDERS).all(idList(storeIds)).map((row) => [row.id, row]))
  return ctx.orders
}

/** The payments of the caller's stores whose order the caller may see, oldest first per store. */
export function visiblePayments (ctx: ReadContext, scope: PaymentScope): PaymentRow[] {
  if (!ctx.payments) {
    const storeIds = scope.stores()
    const orders = ordersById(ctx, storeIds)
    ctx.payments = prepared<[string], PaymentRow>(ctx.db, PAYMENTS).all(idList(storeIds)).filter((row) => {
      const order = orders.get(row.order_id)
      return order !== undefined && scope.ownsOrder(order)
    })
  }
  return ctx.payments
}

export function paymentObject (ctx: ReadContext, row: PaymentRow, storeIds: readonly string[]) {
  const order = ordersById(ctx, storeIds).get(row.order_id)
  return {
    id: row.id,
    orderId: row.order_id,
    storeId: row.store_id,
    status: row.status,
    amount: row.amount,
    currency: row.currency,
    testMode: row.mode === 'test',
    createdAt: row.created_at,
    ...paymentDetails(row, order, checkouts(ctx, storeIds).get(row.order_id))
  }
}

/** The top-level list: one store's or all, filtered on the object's own fields. */
export function paymentList (ctx: ReadContext, scope: PaymentScope, storeIds: readonly string[], filter: Filter | null | undefined) {
  const wanted = new Set(storeIds)
  const all = scope.stores()
  return visiblePayments(ctx, scope).filter((row) => wanted.has(row.store_id))
    .map((row) => paymentObject(ctx, row, all)).filter((item) => matches(item, filter))
}

/** An order's payments (oldest first), from the same per-request read. */
export function paymentsOfOrder (ctx: ReadContext, scope: PaymentScope, orderId: string) {
  if (!ctx.paymentsByOrder) {
    ctx.paymentsByOrder = new Map()
    for (const row of visiblePayments(ctx, scope)) {
      const list = ctx.paymentsByOrder.get(row.order_id)
      if (list) list.push(row)
      else ctx.paymentsByOrder.set(row.order_id, [row])
    }
  }
  const all = scope.stores()
  return (ctx.paymentsByOrder.get(orderId) ?? []).map((row) => paymentObject(ctx, row, all))
}
