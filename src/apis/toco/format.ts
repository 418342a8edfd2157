import type { FastifyReply, FastifyRequest } from 'fastify'
import Type, { type TObject, type TSchema } from 'typebox'
import { DETAIL_DEFAULTS, OptionGroup, VariantOption } from './catalog/fields.js'
import type { ErrorOrigin } from '../../core/errors.js'
import type { TocoError } from './errors.js'
import type { OnboardSessionRow } from './repo/onboarding.js'
import type { OrderRow } from './repo/orders.js'
import type { ProductRef } from './repo/products.js'
import { JSON_TYPE } from '../../http/answer.js'

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

/**
 * The same envelope around `data` that is JSON text already (products, rendered by SQLite), sent
 * as it is: a string with a JSON content type skips the route's serializer, and the route keeps
 * its response schema for the OpenAPI document.
 */
export function sendSuccessJson<Meta extends object = Record<never, never>> (
  request: FastifyRequest, reply: FastifyReply, message: string, data: string, meta: Meta = {} as Meta
): FastifyReply {
  const envelope = JSON.stringify(success(request, message, undefined, meta))
  return reply.type(JSON_TYPE).send(`${envelope.slice(0, -1)},"data":${data}}` as never)
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

const Dimensions = Type.Object({ length: Type.Integer(), width: Type.Integer(), height: Type.Integer() })

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
  dimensions: Type.Union([Type.Null(), Dimensions]),
  minOrder: Type.Integer(),
  subCategoryId: NullableString,
  categoryId: NullableString,
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

/*
 * A product is rendered by SQLite, not in JS: a page of 50 was 50 rows turned into objects, two
 * JSON.parse and a spread each, then 40 KB serialized again (~17 µs a product, most of it
 * allocation). SQLite's json_object writes the same bytes fast-json-stringify wrote from the
 * schema: the schema's keys in its order (checked below), nested objects rebuilt key by key (the
 * serializer dropped unknown keys and reordered, e.g. dimensions as a client sent them), strings
 * escaped as JSON.stringify does, booleans as true/false. The stored JSON (details, option groups,
 * variant options) is JSON.stringify's output, so a subtree taken with -> is canonical already.
 */

/** SQLite's json_object of `fields`, which must be the schema's properties in the schema's order. */
function jsonObject<S extends TObject> (schema: S, fields: { [K in keyof Type.Static<S>]-?: string }): string {
  const keys = Object.keys(schema.properties)
  const given = Object.keys(fields)
  if (given.join() !== keys.join()) throw new Error(`rendered fields (${given.join()}) are not the schema's (${keys.join()})`)
  return `json_object(${keys.map((key) => `'${key}', ${fields[key as keyof typeof fields]}`).join(', ')})`
}

const bool = (condition: string) => `iif(${condition}, json('true'), json('false'))`

/** The stock of item `item` in each warehouse, as the warehouses were declared. */
const levelsSql = (item: string) => `(SELECT json_group_array(${jsonObject(WarehouseLevel, { clientId: 'l.warehouse_client_id', name: 'w.name', stock: 'l.stock' })}
  ORDER BY w.rowid) FROM toco_stock_levels l JOIN toco_warehouses w ON w.client_id = l.warehouse_client_id WHERE l.item_id = ${item})`

/** A detail of `p.details`, or what a product shows for a detail it was never given. */
const detail = (key: keyof typeof DETAIL_DEFAULTS) => DETAIL_DEFAULTS[key] === null
  ? `p.details -> '$.${key}'`
  : `coalesce(p.details -> '$.${key}', json('${JSON.stringify(DETAIL_DEFAULTS[key])}'))`

const VARIANT_SQL = jsonObject(Variant, {
  id: 'v.id',
  sku: 'v.sku',
  name: 'v.name',
  price: 'v.price',
  specialPrice: 'v.special_price',
  stock: 'v.stock',
  isActive: bool('v.is_active = 1'),
  options: `(SELECT json_group_array(${jsonObject(VariantOption, { name: "o.value -> '$.name'", value: "o.value -> '$.value'" })} ORDER BY o.key)
    FROM json_each(v.options) o)`,
  warehouses: levelsSql('v.id'),
  createdAt: 'v.created_at',
  updatedAt: 'v.updated_at'
})

/**
 * One product row `p` as the Product wire object (JSON text). `@active` (NULL, 0 or 1) keeps only
 * the variants of that activity; hasVariants still says whether any variant is active.
 */
export const PRODUCT_JSON_SQL = jsonObject(Product, {
  id: 'p.id',
  externalId: 'p.external_id',
  name: 'p.name',
  sku: 'p.sku',
  price: 'p.price',
  specialPrice: 'p.special_price',
  stock: 'p.stock',
  description: detail('description'),
  weight: detail('weight'),
  dimensions: `iif(json_type(p.details, '$.dimensions') = 'object', ${jsonObject(Dimensions, {
    length: "p.details -> '$.dimensions.length'", width: "p.details -> '$.dimensions.width'", height: "p.details -> '$.dimensions.height'"
  })}, NULL)`,
  minOrder: detail('minOrder'),
  subCategoryId: detail('subCategoryId'),
  categoryId: detail('categoryId'),
  typeId: detail('typeId'),
  brandId: detail('brandId'),
  hashtags: detail('hashtags'),
  condition: detail('condition'),
  photos: detail('photos'),
  officialBanners: detail('officialBanners'),
  isPreorder: detail('isPreorder'),
  preorderPeriod: detail('preorderPeriod'),
  isArchived: bool('p.is_archived = 1'),
  isVerified: bool('p.is_verified = 1'),
  insuranceRequired: detail('insuranceRequired'),
  codEnabled: detail('codEnabled'),
  hasVariants: bool('EXISTS (SELECT 1 FROM toco_product_variants a WHERE a.product_id = p.id AND a.is_active = 1)'),
  optionGroups: `(SELECT json_group_array(${jsonObject(OptionGroup, { name: "g.value -> '$.name'", options: "g.value -> '$.options'" })} ORDER BY g.key)
    FROM json_each(p.option_groups) g)`,
  variants: `(SELECT json_group_array(${VARIANT_SQL} ORDER BY v.rowid)
    FROM toco_product_variants v WHERE v.product_id = p.id AND (@active IS NULL OR v.is_active = @active))`,
  warehouses: levelsSql('p.id'),
  createdAt: 'p.created_at',
  updatedAt: 'p.updated_at'
})

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
