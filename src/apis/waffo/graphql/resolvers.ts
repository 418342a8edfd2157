import { GraphQLError } from 'graphql'
import { parseContent, type ProductType } from '../catalog/content.js'
import type { DeliveryRow } from '../../../core/webhooks/outbox.js'
import type { Db } from '../../../db/open.js'
import { formatGroup, formatProduct, formatStore } from '../format.js'
import { formatWebhook } from '../webhooks/events.js'
import type { WaffoRepos } from '../repo/index.js'
import { buyerOwns, type OrderRow } from '../repo/orders.js'
import type { PaymentRow } from '../repo/purchases.js'
import type { ProductRow } from '../repo/products.js'
import type { StoreRow } from '../repo/stores.js'
import { analyticsResolvers } from './analytics.js'
import type { Facts } from './analytics-data.js'
import { deliveryObjects, webhookDeliveries } from './deliveries.js'
import { checkouts, onetimeSnapshot, subscriptionSnapshot, type Checkout } from './details.js'
import { matches, type Filter } from './filters.js'
import { keptUntilWrite } from './kept.js'
import { apiKeysOf, membershipsOf, merchantOf } from './merchant.js'
import { ordersById, paymentList, paymentsOfOrder, type PaymentScope } from './payments.js'
import { exchangeRate } from './rate.js'
import type { RefundRead } from './refunds.js'
import { versionOf, versionsOf } from './versions.js'

/** What a query runs as: the merchant and environment the API key resolved to, or a buyer session. */
export interface ReadContext {
  repos: WaffoRepos
  db: Db
  /** Mock time, epoch ms. */
  now: number
  /** The outbox's deliveries of a store, newest first. */
  deliveries: (storeId: string) => DeliveryRow[]
  merchantId: string
  environment: 'test' | 'prod'
  /** A buyer session sees its store, that store's products and only its own orders. */
  buyer?: { identity: string, storeId: string }
  /** Live stores the merchant is a member of, by id; built on first use. */
  visible?: Map<string, StoreRow & { role: string }>
  /** Filtered lists already built in this request: a list and its *Count share one. */
  lists?: Map<string, Array<Record<string, unknown>>>
  /** Per-request reads shared by every list of the request (details.ts, payments.ts). */
  checkouts?: Map<string, Checkout>
  orders?: Map<string, OrderRow>
  payments?: PaymentRow[]
  paymentsByOrder?: Map<string, PaymentRow[]>
  products?: Map<string, ProductRow | undefined>
  /** Analytics rows by store and filter, and the values computed from them so far (analytics.ts). */
  analytics?: Map<string, Facts | null>
  analyticsValues?: number
  /** The caller's refund tickets and refunds (refunds.ts). */
  refundRead?: RefundRead
}

export const DEFAULT_LIMIT = 50
export const MAX_LIMIT = 100

export interface PageArgs { limit?: number | null, offset?: number | null, filter?: Filter | null }
export interface ListArgs extends PageArgs { storeId?: string | null }

/** Row-level scope: a deleted store, or one the merchant is not in, and everything under it never appear. */
export function visibleStores (ctx: ReadContext) {
  ctx.visible ??= ctx.buyer
    ? new Map(buyersStore(ctx, ctx.buyer.storeId))
    : keptUntilWrite(ctx.db, `stores|${ctx.merchantId}`, () => new Map(ctx.repos.stores.visibleTo(ctx.merchantId).map((row) => [row.id, row])))
  return ctx.visible
}

function buyersStore (ctx: ReadContext, storeId: string): Array<[string, StoreRow & { role: string }]> {
  const row = ctx.repos.stores.byId(storeId)
  return row && row.deleted_at === null ? [[row.id, { ...row, role: 'customer' }]] : []
}

/** A caller sees only orders of its environment ("Data: Isolated"), and a buyer only its own (buyerOwns). */
const buyersOwn = (ctx: ReadContext, row: OrderRow) => row.mode === ctx.environment && (!ctx.buyer || buyerOwns(row, ctx.buyer.identity))

/** A live product, looked up once per request however many orders name it. */
function productOf (ctx: ReadContext, id: string | null): ProductRow | undefined {
  if (id === null) return undefined
  ctx.products ??= new Map()
  if (!ctx.products.has(id)) ctx.products.set(id, ctx.repos.products.live(id))
  return ctx.products.get(id)
}

const json = (text: string | null) => text === null ? null : JSON.parse(text) as unknown

function page<T> (items: T[], { limit, offset }: PageArgs): T[] {
  const take = limit ?? DEFAULT_LIMIT
  const skip = offset ?? 0
  if (take < 0 || take > MAX_LIMIT) throw new GraphQLError(`limit must be between 0 and ${MAX_LIMIT}`)
  if (skip < 0) throw new GraphQLError('offset must not be negative')
  return items.slice(skip, skip + take)
}

/** Store objects by row: a merchant's store rows are kept until the next write (kept.ts), and so are these. */
const stores = new WeakMap<StoreRow, ReturnType<typeof formatStore> & { role: string }>()
function storeObject (row: StoreRow & { role: string }) {
  let store = stores.get(row)
  if (!store) stores.set(row, store = { ...formatStore(row), role: row.role })
  return store
}

function productObject (row: ProductRow, environment: 'test' | 'prod') {
  const detail = formatProduct(row, environment)
  return {
    ...detail,
    prices: Object.entries(detail.prices).map(([currency, priceInfo]) => ({ currency, priceInfo })),
    hasProdVersion: row.prod_content !== null,
    versionNumber: environment === 'prod' && row.prod_version !== null ? row.prod_version : row.test_version
  }
}

function orderObject (row: OrderRow, ctx: ReadContext) {
  const product = productOf(ctx, row.product_id)
  return {
    id: row.id,
    storeId: row.store_id,
    productId: row.product_id,
    buyerEmail: row.buyer_email,
    currency: row.currency,
    amount: row.amount,
    status: row.status,
    canceledAt: row.canceled_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    currentPeriodEnd: row.current_period_end,
    currentPeriodStart: row.current_period_start,
    testMode: row.mode === 'test',
    // Raw: the order types' own resolvers shape them.
    priceSnapshot: json(row.price_snapshot),
    billingDetail: json(row.billing_detail),
    productVersion: row.product_version,
    // The order's own period (checkout, plan changes and renewals write it); a fixture's order without one, its product's.
    billingPeriod: row.type !== 'subscription' ? null : row.billing_period ?? (product ? parseContent(product.test_content).billingPeriod ?? null : null)
  }
}

export function storeIds (ctx: ReadContext, storeId: string | null | undefined): string[] {
  const visible = visibleStores(ctx)
  if (storeId === undefined || storeId === null) return [...visible.keys()]
  return visible.has(storeId) ? [storeId] : []
}

/** A store's products of one type as this environment sees them, formatted once until the next write. */
const productsOf = (ctx: ReadContext, storeId: string, type: ProductType) => keptUntilWrite(ctx.db, `products|${storeId}|${type}|${ctx.environment}`,
  () => ctx.repos.products.ofStores([storeId], type).map((row) => productObject(row, ctx.environment)))

const products = (type: ProductType) => (ctx: ReadContext, ids: string[], filter: Filter | null | undefined) => {
  const all = ids.length === 1 ? productsOf(ctx, ids[0]!, type) : ids.flatMap((id) => productsOf(ctx, id, type))
  return filter ? all.filter((item) => matches(item, filter)) : all
}
const orders = (type: OrderRow['type']) => (ctx: ReadContext, ids: string[], filter: Filter | null | undefined) =>
  ctx.repos.orders.ofStores(ids, type).filter((row) => buyersOwn(ctx, row)).map((row) => orderObject(row, ctx)).filter((item) => matches(item, filter))

const groups = (ctx: ReadContext, ids: string[], filter: Filter | null | undefined) =>
  ctx.repos.groups.ofStores(ids, ctx.environment).map((row) => formatGroup(row) as unknown as Record<string, unknown>).filter((item) => matches(item, filter))

type List = (ctx: ReadContext, ids: string[], filter: Filter | null | undefined) => Array<Record<string, unknown>>
const LISTS: Record<string, List> = {
  onetimeProducts: products('onetime'),
  subscriptionProducts: products('subscription'),
  onetimeOrders: orders('onetime'),
  subscriptionOrders: orders('subscription'),
  subscriptionProductGroups: groups
}

/** Each list and its *Count, at the top (storeId argument, all stores without) and on a Store. */
function listResolvers (idsOf: (parent: { id: string } | undefined, args: ListArgs, ctx: ReadContext) => string[]) {
  return Object.fromEntries(Object.entries(LISTS).flatMap(([name, list]) => {
    const items = (parent: { id: string } | undefined, args: ListArgs, ctx: ReadContext) => {
      const ids = idsOf(parent, args, ctx)
      const key = `${name}|${ids.join(',')}|${JSON.stringify(args.filter ?? null)}`
      ctx.lists ??= new Map()
      let built = ctx.lists.get(key)
      if (!built) ctx.lists.set(key, built = list(ctx, ids, args.filter))
      return built
    }
    return [
      [name, (parent: { id: string } | undefined, args: ListArgs, ctx: ReadContext) => page(items(parent, args, ctx), args)],
      [`${name}Count`, (parent: { id: string } | undefined, args: ListArgs, ctx: ReadContext) => items(parent, args, ctx).length]
    ]
  }))
}

function byId<T> (find: (ctx: ReadContext, id: string) => T | undefined) {
  return (_root: unknown, { id }: { id: string }, ctx: ReadContext) => find(ctx, id) ?? null
}

function liveProduct (ctx: ReadContext, id: string | null, type: ProductType) {
  const row = productOf(ctx, id)
  return row && row.type === type && visibleStores(ctx).has(row.store_id) ? productObject(row, ctx.environment) : undefined
}

function liveOrder (ctx: ReadContext, id: string, type: OrderRow['type']) {
  const row = ctx.repos.orders.live(id)
  return row && row.type === type && visibleStores(ctx).has(row.store_id) && buyersOwn(ctx, row) ? orderObject(row, ctx) : undefined
}

export const scopeOf = (ctx: ReadContext): PaymentScope => ({ stores: () => [...visibleStores(ctx).keys()], ownsOrder: (row) => buyersOwn(ctx, row) })
const orderPayments = (parent: { id: string }, _args: unknown, ctx: ReadContext) => paymentsOfOrder(ctx, scopeOf(ctx), parent.id)
const checkoutOf = (ctx: ReadContext, orderId: string) => checkouts(ctx, [...visibleStores(ctx).keys()]).get(orderId)

/** A payment's order, when it is of this kind (from the request's one read of the orders). */
const paymentOrder = (type: OrderRow['type']) => (parent: { orderId: string }, _args: unknown, ctx: ReadContext) => {
  const row = ordersById(ctx, [...visibleStores(ctx).keys()]).get(parent.orderId)
  return row && row.type === type && buyersOwn(ctx, row) ? orderObject(row, ctx) : null
}

const orderVersion = (parent: { productId: string | null, productVersion: number | null }, _args: unknown, ctx: ReadContext) => {
  const row = productOf(ctx, parent.productId)
  return row ? versionOf(row, parent.productVersion) : null
}

/** A top-level list without a Store twin, and its *Count, sharing one build per request. */
export function rootList (name: string, build: (ctx: ReadContext, args: ListArgs) => Array<Record<string, unknown>>) {
  const items = (args: ListArgs, ctx: ReadContext) => {
    const key = `${name}|${args.storeId ?? ''}|${JSON.stringify(args.filter ?? null)}`
    ctx.lists ??= new Map()
    let built = ctx.lists.get(key)
    if (!built) ctx.lists.set(key, built = build(ctx, args).filter((item) => matches(item, args.filter)))
    return built
  }
  return {
    [name]: (_root: unknown, args: ListArgs, ctx: ReadContext) => page(items(args, ctx), args),
    [`${name}Count`]: (_root: unknown, args: ListArgs, ctx: ReadContext) => items(args, ctx).length
  }
}

const versions = (type: ProductType) => (_root: unknown, { productId }: { productId: string }, ctx: ReadContext) => {
  const row = productOf(ctx, productId)
  return row && row.type === type && visibleStores(ctx).has(row.store_id) ? versionsOf(row) : []
}

const storeOf = (parent: { storeId: string }, _args: unknown, ctx: ReadContext) => {
  const row = visibleStores(ctx).get(parent.storeId)
  return row ? storeObject(row) : null
}

const analytics = analyticsResolvers(visibleStores)

export const resolvers = {
  Query: {
    stores: (_root: unknown, args: PageArgs, ctx: ReadContext) =>
      page([...visibleStores(ctx).values()].map(storeObject).filter((store) => matches(store, args.filter)), args),
    storesCount: (_root: unknown, args: PageArgs, ctx: ReadContext) =>
      [...visibleStores(ctx).values()].map(storeObject).filter((store) => matches(store, args.filter)).length,
    store: byId((ctx, id) => { const row = visibleStores(ctx).get(id); return row && storeObject(row) }),
    onetimeProduct: byId((ctx, id) => liveProduct(ctx, id, 'onetime')),
    subscriptionProduct: byId((ctx, id) => liveProduct(ctx, id, 'subscription')),
    onetimeOrder: byId((ctx, id) => liveOrder(ctx, id, 'onetime')),
    subscriptionOrder: byId((ctx, id) => liveOrder(ctx, id, 'subscription')),
    ...listResolvers((_parent, args, ctx) => storeIds(ctx, args.storeId)),
    // Payments of the caller's environment; a buyer's, of its own orders only.
    ...rootList('payments', (ctx, args) => paymentList(ctx, scopeOf(ctx), storeIds(ctx, args.storeId), null)),
    ...rootList('webhookDeliveries', (ctx, args) => webhookDeliveries(ctx, storeIds(ctx, args.storeId))),
    ...rootList('emailDeliveries', () => []),
    ...rootList('storeMerchants', (ctx) => membershipsOf(ctx)),
    ...rootList('apiKeys', (ctx) => apiKeysOf(ctx)),
    merchant: byId(merchantOf),
    onetimeProductVersions: versions('onetime'),
    subscriptionProductVersions: versions('subscription'),
    rate: (_root: unknown, args: { fromCurrency: string, toCurrency: string }, ctx: ReadContext) => exchangeRate(args.fromCurrency, args.toCurrency, ctx.now),
    ...analytics.query
  },
  ...analytics.types,
  Merchant: {
    storeMerchants: (_parent: unknown, _args: unknown, ctx: ReadContext) => membershipsOf(ctx),
    apiKeys: (_parent: unknown, _args: unknown, ctx: ReadContext) => apiKeysOf(ctx)
  },
  StoreMerchant: { store: storeOf },
  Payment: {
    onetimeOrder: paymentOrder('onetime'),
    subscriptionOrder: paymentOrder('subscription')
  },
  Store: {
    ...listResolvers((parent) => [parent!.id]),
    // A buyer session sees no webhooks and no deliveries.
    storeWebhooks: (parent: { id: string }, _args: unknown, ctx: ReadContext) =>
      ctx.buyer ? [] : ctx.repos.webhooks.ofStore(parent.id).map(formatWebhook),
    webhookDeliveries: (parent: { id: string }, args: PageArgs, ctx: ReadContext) =>
      ctx.buyer ? [] : page(deliveryObjects(ctx.deliveries(parent.id), ctx), args)
  },
  SubscriptionProductGroup: {
    store: storeOf,
    products: (parent: { productIds: string[] }, _args: unknown, ctx: ReadContext) =>
      parent.productIds.flatMap((id) => liveProduct(ctx, id, 'subscription') ?? [])
  },
  OnetimeProduct: { store: storeOf },
  SubscriptionProduct: { store: storeOf },
  OnetimeOrder: {
    store: storeOf,
    payments: orderPayments,
    priceSnapshot: (parent: { currency: string | null, priceSnapshot: never }) => onetimeSnapshot(parent.currency, parent.priceSnapshot),
    productVersion: orderVersion,
    orderMerchantExternalId: (parent: { id: string }, _args: unknown, ctx: ReadContext) => checkoutOf(ctx, parent.id)?.external_id ?? null,
    onetimeProduct: (parent: { productId: string | null }, _args: unknown, ctx: ReadContext) => liveProduct(ctx, parent.productId, 'onetime') ?? null
  },
  SubscriptionOrder: {
    store: storeOf,
    payments: orderPayments,
    priceSnapshot: (parent: { id: string, currency: string | null, priceSnapshot: never }, _args: unknown, ctx: ReadContext) =>
      subscriptionSnapshot(parent.currency, parent.priceSnapshot, checkoutOf(ctx, parent.id)),
    productVersion: orderVersion,
    orderMerchantExternalId: (parent: { id: string }, _args: unknown, ctx: ReadContext) => checkoutOf(ctx, parent.id)?.external_id ?? null,
    subscriptionProduct: (parent: { productId: string | null }, _args: unknown, ctx: ReadContext) => liveProduct(ctx, parent.productId, 'subscription') ?? null
  }
}
