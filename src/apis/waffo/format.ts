import type { GroupRow } from './repo/groups.js'
import Type, { type TSchema } from 'typebox'
import { parseContent } from './catalog/content.js'
import type { WaffoError, Notice } from './errors.js'
import type { ProductRow } from './repo/products.js'
import type { BindingRow, TicketRow } from './repo/seeding.js'
import type { StoreRow } from './repo/stores.js'

/** Every Waffo wire object is built here. */

const Settings = Type.Union([Type.Object({}, { additionalProperties: true }), Type.Null()])
const Nullable = Type.Union([Type.String(), Type.Null()])

/** The Store object, fields in the documented order. */
export const Store = Type.Object({
  id: Type.String(),
  name: Type.String(),
  status: Type.String(),
  logo: Nullable,
  supportEmail: Nullable,
  website: Nullable,
  slug: Nullable,
  prodEnabled: Type.Boolean(),
  notificationSettings: Settings,
  checkoutSettings: Settings,
  deletedAt: Nullable,
  createdAt: Type.String(),
  updatedAt: Type.String()
})

export function formatStore (row: StoreRow): Type.Static<typeof Store> {
  return {
    id: row.id,
    name: row.name,
    status: row.status,
    logo: row.logo,
    supportEmail: row.support_email,
    website: row.website,
    slug: row.slug,
    prodEnabled: row.prod_enabled === 1,
    notificationSettings: row.notification_settings === null ? null : JSON.parse(row.notification_settings),
    checkoutSettings: row.checkout_settings === null ? null : JSON.parse(row.checkout_settings),
    deletedAt: row.deleted_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at
  }
}

/** Success envelope: `{"data": …}`, with `warnings` when a request had ignored fields. */
export const Envelope = <T extends TSchema>(data: T) => Type.Object({ data, warnings: Type.Optional(Type.Array(NoticeSchema)) })

/** A Notice as warnings carry it. */
export const NoticeSchema = Type.Object({ message: Type.String(), layer: Type.String(), aiHint: Type.Optional(Type.String()) })

export function success<T> (data: T, warnings: Notice[] = []) {
  return warnings.length > 0 ? { data, warnings } : { data }
}

const PriceInfo = Type.Object({ amount: Type.String(), taxCategory: Type.String(), trialAmount: Type.Optional(Type.String()) })
const MediaItem = Type.Object({
  type: Type.String(), url: Type.String(), alt: Type.Optional(Type.String()), thumbnail: Type.Optional(Type.String())
})

/**
 * OnetimeProductDetail / SubscriptionProductDetail, in the SDK's field order: billingPeriod, only
 * on the latter, after description. Two schemas, not one with billingPeriod optional:
 * fast-json-stringify writes every required field before the optional ones, which moved it last.
 */
const productDetail = <const Extra extends Record<string, ReturnType<typeof Type.String>>> (extra: Extra) => Type.Object({
  id: Type.String(),
  storeId: Type.String(),
  name: Type.String(),
  description: Nullable,
  ...extra,
  prices: Type.Record(Type.String(), PriceInfo),
  media: Type.Array(MediaItem),
  successUrl: Nullable,
  metadata: Type.Record(Type.String(), Type.Unknown()),
  status: Type.String(),
  createdAt: Type.String(),
  updatedAt: Type.String()
})
export const OnetimeProduct = productDetail({})
export const SubscriptionProduct = productDetail({ billingPeriod: Type.String() })

/**
 * A product as the caller's environment sees it: the prod version once published (the test
 * version until then) and that environment's status.
 */
export function formatProduct (row: ProductRow, environment: 'test' | 'prod'): Type.Static<typeof OnetimeProduct> & { billingPeriod?: string } {
  const content = parseContent(environment === 'prod' && row.prod_content !== null ? row.prod_content : row.test_content)
  return {
    id: row.id,
    storeId: row.store_id,
    name: content.name,
    description: content.description,
    ...(row.type === 'subscription' ? { billingPeriod: content.billingPeriod ?? 'monthly' } : {}),
    prices: content.prices,
    media: content.media,
    successUrl: content.successUrl,
    metadata: content.metadata,
    status: environment === 'prod' ? row.prod_status : row.test_status,
    createdAt: row.created_at,
    updatedAt: row.updated_at
  }
}

/** `{orderId, status}`: what every order action answers. */
export const OrderResult = Type.Object({ orderId: Type.String(), status: Type.String() })

/** Failure envelope: `{"data": null, "errors": [root cause, …]}`. */
export function failure (error: WaffoError) {
  return { data: null, errors: error.errors }
}

/** A fixture's pending ticket. */
export const KYB_TICKET_EXAMPLE = { id: 'TKT_EveryKybPending0000000', storeId: 'STO_BlockedEveryCategory01', status: 'pending', createdAt: '2026-03-01T10:00:00.000Z', updatedAt: '2026-03-01T10:00:00.000Z' }

/** A KYB ticket as the control plane shows it (upstream has no public shape for it). */
export const KybTicket = Type.Object({
  id: Type.String(), storeId: Type.String(), status: Type.String(), createdAt: Type.String(), updatedAt: Type.String()
}, { examples: [KYB_TICKET_EXAMPLE] })

export function formatTicket (row: TicketRow): Type.Static<typeof KybTicket> {
  return { id: row.id, storeId: row.store_id, status: row.status, createdAt: row.created_at, updatedAt: row.updated_at }
}

/** A fixture's email binding. */
export const SENDER_BINDING_EXAMPLE = { id: 1, storeId: 'STO_BlockedEveryCategory01', kind: 'email', value: 'support@blocked.example', createdAt: '2026-03-01T10:00:00.000Z' }

/** A sender email or domain binding as the control plane shows it. */
export const SenderBinding = Type.Object({
  id: Type.Integer(), storeId: Type.String(), kind: Type.Enum(['email', 'domain']), value: Type.String(), createdAt: Type.String()
}, { examples: [SENDER_BINDING_EXAMPLE] })

export function formatBinding (row: BindingRow): Type.Static<typeof SenderBinding> {
  return { id: row.id, storeId: row.store_id, kind: row.kind, value: row.value, createdAt: row.created_at }
}

/** SubscriptionProductGroup, in the SDK's field order; rules always carry both switches. */
export const Group = Type.Object({
  id: Type.String(),
  storeId: Type.String(),
  name: Type.String(),
  description: Nullable,
  rules: Type.Object({ sharedTrial: Type.Boolean(), selfServicePlanChange: Type.Boolean() }),
  productIds: Type.Array(Type.String()),
  environment: Type.String(),
  createdAt: Type.String(),
  updatedAt: Type.String()
})

export function formatGroup (row: GroupRow): Type.Static<typeof Group> {
  const rules = JSON.parse(row.rules) as { sharedTrial?: boolean, selfServicePlanChange?: boolean }
  return {
    id: row.id,
    storeId: row.store_id,
    name: row.name,
    description: row.description,
    rules: { sharedTrial: rules.sharedTrial === true, selfServicePlanChange: rules.selfServicePlanChange === true },
    productIds: JSON.parse(row.product_ids) as string[],
    environment: row.environment,
    createdAt: row.created_at,
    updatedAt: row.updated_at
  }
}
