import type { FastifyRequest } from 'fastify'
import Type, { type TSchema } from 'typebox'
import { DETAIL_DEFAULTS, OptionGroup, type ProductDetails, VariantOption } from './catalog/fields.js'
import type { ErrorOrigin } from '../../core/errors.js'
import type { TocoError } from './errors.js'
import type { OnboardSessionRow } from './repo/onboarding.js'
import type { OrderRow } from './repo/orders.js'
import type { ProductRef, ProductRow, StockLevel, VariantRow } from './repo/products.js'

/** Every Toco wire object is built here. Timestamps come from the request's clock. */

/** The success envelope: success, message, requestId, meta (timestamp first), data. */
export function SuccessEnvelope<Meta extends TSchema, Data extends TSchema> (meta: Meta, data: Data) {
  return Type.Object({
    success: Type.Literal(true),
    message: Type.String(),
    requestId: Type.String(),
    meta,
    data
  })
}

export const BaseMeta = Type.Object({ timestamp: Type.String() })

export function success<Data, Meta extends object = Record<never, never>> (
  request: FastifyRequest, message: string, data: Data, meta: Meta = {} as Meta
) {
  const fullMeta: { timestamp: string } & Meta = { timestamp: request.ctx.clock.iso(), ...meta }
  return { success: true as const, message, requestId: request.id, meta: fullMeta, data }
}

export function failure (request: ErrorOrigin, error: TocoError) {
  return {
    success: false as const,
    error: {
      code: error.code,
      message: error.message,
      details: { timestamp: request.ctx.clock.iso(), hint: error.hint, context: error.context }
    },
    requestId: request.id
  }
}

export const UnboundStore = Type.Object({ storeClientId: Type.String(), status: Type.Literal('unbound') })

export function formatUnboundStore (storeClientId: string): Type.Static<typeof UnboundStore> {
  return { storeClientId, status: 'unbound' }
}

export const DeletedProduct = Type.Object({ id: Type.String(), externalId: Type.String() })

export function formatDeletedProduct (row: ProductRef): Type.Static<typeof DeletedProduct> {
  return { id: row.id, externalId: row.external_id }
}

/** A per-row failure inside a batch answer (not an HTTP error): the row's key fields follow. */
export const RowError = Type.Object({
  code: Type.String(),
  message: Type.String(),
  rowIndex: Type.Integer(),
  id: Type.Optional(Type.String()),
  externalId: Type.Optional(Type.String()),
  sku: Type.Optional(Type.String()),
  /** The JSON path (within the row) of the field the row is refused at, when the rule is about one field. */
  path: Type.Optional(Type.String())
})

/**
 * `{"type": ["string", "null"]}` rather than an anyOf: fast-json-stringify serializes a type list
 * directly but validates every anyOf branch per value, which was most of a product page's cost.
 */
const NullableString = Type.Unsafe<string | null>({ type: ['string', 'null'] })
const NullableInteger = Type.Unsafe<number | null>({ type: ['integer', 'null'] })

/** meta of the batch endpoints: the work is dispatched to a queue (the seed's deletions answer dispatch:false). */
export const DispatchMeta = Type.Object({ timestamp: Type.String(), durationMs: Type.Integer(), dispatch: Type.Boolean() })

/** What bulk create, catalog sync, update stocks and update prices answer at once. */
export const AcceptedBatch = Type.Object({
  requestId: Type.String(),
  batchId: NullableString,
  acceptedRows: Type.Integer(),
  errors: Type.Array(RowError),
  summary: Type.Object({ total: Type.Integer(), accepted: Type.Integer(), rejected: Type.Integer() })
})

export const OnboardSession = Type.Object({
  sessionId: Type.String(),
  onboardUrl: Type.String(),
  redirectUri: Type.String(),
  expiresAt: Type.String(),
  status: Type.Enum(['pending', 'completed'])
})

export function formatOnboardSession (row: OnboardSessionRow, onboardUrl: string): Type.Static<typeof OnboardSession> {
  return {
    sessionId: row.id,
    onboardUrl,
    redirectUri: row.redirect_uri,
    expiresAt: row.expires_at,
    status: row.completed_at === null ? 'pending' : 'completed'
  }
}

const WarehouseLevel = Type.Object({ clientId: Type.String(), name: Type.String(), stock: Type.Integer() })

const Variant = Type.Object({
  id: Type.String(),
  sku: Type.String(),
  name: Type.String(),
  price: Type.Integer(),
  specialPrice: NullableInteger,
  stock: Type.Integer(),
  isActive: Type.Boolean(),
  options: Type.Array(VariantOption),
  warehouses: Type.Array(WarehouseLevel),
  createdAt: Type.String(),
  updatedAt: Type.String()
})

export const Product = Type.Object({
  id: Type.String(),
  externalId: Type.String(),
  name: Type.String(),
  sku: NullableString,
  price: Type.Integer(),
  specialPrice: NullableInteger,
  stock: Type.Integer(),
  description: NullableString,
  weight: NullableInteger,
  dimensions: Type.Union([Type.Null(), Type.Object({ length: Type.Integer(), width: Type.Integer(), height: Type.Integer() })]),
  minOrder: Type.Integer(),
  categoryId: NullableString,
  subCategoryId: NullableString,
  typeId: NullableString,
  brandId: NullableString,
  hashtags: Type.Array(Type.String()),
  condition: Type.String(),
  photos: Type.Array(Type.String()),
  officialBanners: Type.Array(Type.String()),
  isPreorder: Type.Boolean(),
  preorderPeriod: Type.Integer(),
  isArchived: Type.Boolean(),
  isVerified: Type.Boolean(),
  insuranceRequired: Type.Boolean(),
  codEnabled: Type.Boolean(),
  hasVariants: Type.Boolean(),
  optionGroups: Type.Array(OptionGroup),
  variants: Type.Array(Variant),
  warehouses: Type.Array(WarehouseLevel),
  createdAt: Type.String(),
  updatedAt: Type.String()
})

/** A product as read, with what hangs under it. */
export interface ProductView {
  row: ProductRow
  levels: StockLevel[]
  variants: Array<{ row: VariantRow, levels: StockLevel[] }>
  /** Whether it has an active variant (the variants shown may be filtered). */
  hasVariants: boolean
}

export function formatProduct ({ row, levels, variants, hasVariants }: ProductView): Type.Static<typeof Product> {
  const details = { ...DETAIL_DEFAULTS, ...JSON.parse(row.details) as ProductDetails }
  return {
    id: row.id,
    externalId: row.external_id,
    name: row.name,
    sku: row.sku,
    price: row.price,
    specialPrice: row.special_price,
    stock: row.stock,
    description: details.description,
    weight: details.weight,
    dimensions: details.dimensions,
    minOrder: details.minOrder,
    categoryId: details.categoryId,
    subCategoryId: details.subCategoryId,
    typeId: details.typeId,
    brandId: details.brandId,
    hashtags: details.hashtags,
    condition: details.condition,
    photos: details.photos,
    officialBanners: details.officialBanners,
    isPreorder: details.isPreorder,
    preorderPeriod: details.preorderPeriod,
    isArchived: row.is_archived === 1,
    isVerified: row.is_verified === 1,
    insuranceRequired: details.insuranceRequired,
    codEnabled: details.codEnabled,
    hasVariants,
    optionGroups: JSON.parse(row.option_groups) as Array<Type.Static<typeof OptionGroup>>,
    variants: variants.map((variant) => ({
      id: variant.row.id,
      sku: variant.row.sku,
      name: variant.row.name,
      price: variant.row.price,
      specialPrice: variant.row.special_price,
      stock: variant.row.stock,
      isActive: variant.row.is_active === 1,
      options: JSON.parse(variant.row.options) as Array<Type.Static<typeof VariantOption>>,
      warehouses: variant.levels,
      createdAt: variant.row.created_at,
      updatedAt: variant.row.updated_at
    })),
    warehouses: levels,
    createdAt: row.created_at,
    updatedAt: row.updated_at
  }
}

export const Pagination = Type.Object({ page: Type.Integer(), limit: Type.Integer(), total: Type.Integer(), totalPages: Type.Integer() })

const Str = NullableString

export const Order = Type.Object({
  id: Type.String(),
  invoiceNumber: Type.String(),
  status: Type.String(),
  total: Type.Integer(),
  items: Type.Array(Type.Object({
    productId: Str, variantId: Str, sku: Str, name: Type.String(), quantity: Type.Integer(), price: Type.Integer(), subtotal: Type.Integer()
  })),
  buyer: Type.Object({ name: Str, email: Str, phone: Str }),
  payment: Type.Object({ method: Str, status: Str, amount: NullableInteger, paidAt: Str }),
  delivery: Type.Object({
    courier: Str,
    service: Str,
    trackingNumber: Str,
    status: Str,
    recipientName: Str,
    phone: Str,
    address: Str,
    city: Str,
    province: Str,
    postalCode: Str,
    shippedAt: Str,
    deliveredAt: Str
  }),
  createdAt: Type.String(),
  updatedAt: Type.String()
})
type Order = Type.Static<typeof Order>

/** Every key of the template, from `given` or null: fixtures may leave any detail out. */
function filled<T extends Record<string, unknown>> (template: T, given: Record<string, unknown> | undefined): T {
  return Object.fromEntries(Object.keys(template).map((key) => [key, given?.[key] ?? null])) as T
}

const ORDER_ITEM = { productId: null, variantId: null, sku: null, name: null, quantity: null, price: null }
const BUYER = { name: null, email: null, phone: null }
const PAYMENT = { method: null, status: null, amount: null, paidAt: null }
const DELIVERY = {
  courier: null,
  service: null,
  trackingNumber: null,
  status: null,
  recipientName: null,
  phone: null,
  address: null,
  city: null,
  province: null,
  postalCode: null,
  shippedAt: null,
  deliveredAt: null
}

export function formatOrder (row: OrderRow): Order {
  const details = JSON.parse(row.details) as {
    items?: Array<Record<string, unknown>>,
    buyer?: Record<string, unknown>,
    payment?: Record<string, unknown>,
    delivery?: Record<string, unknown>
  }
  return {
    id: row.id,
    invoiceNumber: row.invoice_number,
    status: row.status,
    total: row.total,
    items: (details.items ?? []).map((item) => {
      const line = filled(ORDER_ITEM, item) as unknown as Omit<Order['items'][number], 'subtotal'>
      return { ...line, subtotal: line.quantity * line.price }
    }),
    buyer: filled(BUYER, details.buyer) as Order['buyer'],
    payment: filled(PAYMENT, details.payment) as Order['payment'],
    delivery: filled(DELIVERY, details.delivery) as Order['delivery'],
    createdAt: row.created_at,
    updatedAt: row.updated_at
  }
}
