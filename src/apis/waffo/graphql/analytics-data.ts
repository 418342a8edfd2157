/**
 * The rows an analytics query aggregates: one store's orders, payments, refund tickets and refunds
 * of the caller's environment (six prepared statements, reused across requests), cut to the time range and
 * the filter's currency and status. Everything after this read is arithmetic over these rows.
 */
import { GraphQLError } from 'graphql'
import type { ProductRow } from '../repo/products.js'
import { prepared } from './statements.js'
import type { ReadContext } from './resolvers.js'

export interface OrderFact {
  id: string,
  type: string,
  status: string,
  product_id: string | null,
  buyer_email: string | null,
  currency: string | null,
  amount: string | null,
  billing_period: string | null,
  billing_detail: string | null,
  created_at: string,
  canceled_at: string | null,
  trial_days: number | null,
  paid_at: string | null
}
export interface PaymentFact {
  id: string,
  order_id: string,
  status: string,
  amount: string,
  currency: string,
  created_at: string,
  type: string,
  product_id: string | null,
  buyer_email: string | null,
  billing_detail: string | null,
  price_snapshot: string | null
}

export interface TicketFact {
  id: string,
  status: string,
  reason: string,
  amount: string,
  currency: string,
  created_at: string,
  reviewed_at: string | null
}
export interface RefundFact { id: string, status: string, amount: string, currency: string, created_at: string }

// Each statement starts from a store index (sessions have none by order: they are matched in memory).
const ORDERS = `SELECT id, type, status, product_id, buyer_email, currency, amount, billing_period, billing_detail, created_at, canceled_at
  FROM waffo_orders WHERE store_id = ? AND mode = ? ORDER BY created_at, rowid`
const TRIALS = 'SELECT order_id, trial_days, paid_at FROM waffo_checkout_sessions WHERE store_id = ? AND order_id IS NOT NULL'
const PAYMENTS = `SELECT p.id, p.order_id, p.status, p.amount, p.currency, p.created_at,
  o.type, o.product_id, o.buyer_email, o.billing_detail, o.price_snapshot
  FROM waffo_orders o JOIN waffo_payments p ON p.order_id = o.id
  WHERE o.store_id = ? AND p.mode = ? ORDER BY p.created_at, p.rowid`
const PRODUCTS = 'SELECT * FROM waffo_products WHERE store_id = ? ORDER BY created_at, rowid'
const TICKETS = `SELECT id, status, reason, amount, currency, created_at, reviewed_at
  FROM waffo_refund_tickets WHERE store_id = ? AND mode = ? ORDER BY created_at, rowid`
const REFUNDS = 'SELECT id, status, amount, currency, created_at FROM waffo_refunds WHERE store_id = ? AND mode = ? ORDER BY created_at, rowid'

export interface Facts {
  now: number
  range: [number, number]
  /** In the range and matching the filter (status, currency). */
  orders: OrderFact[]
  payments: PaymentFact[]
  /** Refund tickets created, and refunds made, in the range (of the filter's currency; the status filter is the orders'). */
  tickets: TicketFact[]
  refunds: RefundFact[]
  /** The store's whole history in this environment (first purchases, churn). */
  allOrders: OrderFact[]
  allPayments: PaymentFact[]
  products: ProductRow[]
  productsById: Map<string, ProductRow>
  environment: 'test' | 'prod'
}

export interface AnalyticsArgs {
  storeId?: string | null
  storeSlug?: string | null
  filter: { timeRange: { startDate: string, endDate: string }, currency?: string | null, status?: string | null }
}

const FIRST_DAY = Date.parse('0000-01-01T00:00:00.000Z')
const LAST_DAY = Date.parse('9999-12-31T23:59:59.999Z')

const same = (a: string | null, b: string | null | undefined) => b === null || b === undefined || (a !== null && a.toLowerCase() === b.toLowerCase())

/** The rows of one of the caller's stores (by id or slug); null for a store it cannot see, and for buyers. */
export function factsOf (ctx: ReadContext, visible: Map<string, { id: string, slug: string | null }>, args: AnalyticsArgs): Facts | null {
  const start = Date.parse(args.filter.timeRange.startDate)
  const end = Date.parse(args.filter.timeRange.endDate)
  if (Number.isNaN(start) || Number.isNaN(end) || start > end) throw new GraphQLError('Invalid timeRange: startDate and endDate must be ISO 8601 timestamps, startDate not after endDate')
  // Periods are stepped in JavaScript dates, which end ±271,821 years out: a range at that edge stepped past it.
  if (start < FIRST_DAY || end > LAST_DAY) throw new GraphQLError('Invalid timeRange: startDate and endDate must fall in the years 0000 to 9999')
  if (ctx.buyer) return null
  const store = args.storeId !== undefined && args.storeId !== null ? visible.get(args.storeId) : [...visible.values()].find((row) => row.slug !== null && row.slug === args.storeSlug)
  if (!store) return null
  const inRange = (at: string) => { const ms = Date.parse(at); return ms >= start && ms < end }
  const { currency, status } = args.filter
  const trials = new Map(prepared<[string], { order_id: string, trial_days: number | null, paid_at: string | null }>(ctx.db, TRIALS).all(store.id)
    .map((row) => [row.order_id, row]))
  const allOrders = prepared<[string, string], Omit<OrderFact, 'trial_days' | 'paid_at'>>(ctx.db, ORDERS).all(store.id, ctx.environment)
    .map((row) => ({ ...row, trial_days: trials.get(row.id)?.trial_days ?? null, paid_at: trials.get(row.id)?.paid_at ?? null }))
  const allPayments = prepared<[string, string], PaymentFact>(ctx.db, PAYMENTS).all(store.id, ctx.environment)
  const products = prepared<[string], ProductRow>(ctx.db, PRODUCTS).all(store.id)
  const tickets = prepared<[string, string], TicketFact>(ctx.db, TICKETS).all(store.id, ctx.environment)
  const refunds = prepared<[string, string], RefundFact>(ctx.db, REFUNDS).all(store.id, ctx.environment)
  return {
    now: ctx.now,
    range: [start, end],
    orders: allOrders.filter((row) => inRange(row.created_at) && same(row.currency, currency) && same(row.status, status)),
    payments: allPayments.filter((row) => inRange(row.created_at) && same(row.currency, currency)),
    tickets: tickets.filter((row) => inRange(row.created_at) && same(row.currency, currency)),
    refunds: refunds.filter((row) => inRange(row.created_at) && same(row.currency, currency)),
    allOrders,
    allPayments,
    products,
    productsById: new Map(products.map((row) => [row.id, row])),
    environment: ctx.environment
  }
}

export const inCurrency = (currency: string | null | undefined) => (row: { currency: string | null }) => same(row.currency, currency)
