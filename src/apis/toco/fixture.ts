import { createHash } from 'node:crypto'
import Type from 'typebox'
import { Money, OptionGroups, ProductDetails, SpecialPrice, Stock, VariantOptions, WarehouseStock } from './catalog/fields.js'

const Id = Type.String({ minLength: 1 })
const Timestamp = Type.Optional(Type.String({ format: 'date-time' }))

const Timestamps = { createdAt: Timestamp, updatedAt: Timestamp }

const Variant = Type.Object({
  id: Id,
  sku: Type.String({ minLength: 1, maxLength: 100 }),
  name: Type.Optional(Type.String({ description: 'The option label, e.g. "Grey / XL"' })),
  price: Type.Optional(Money),
  specialPrice: Type.Optional(SpecialPrice),
  stock: Type.Optional(Stock),
  isActive: Type.Optional(Type.Boolean({ default: true })),
  warehouses: Type.Optional(Type.Array(WarehouseStock, { description: 'Stock per warehouse; replaces stock when given' })),
  options: Type.Optional(VariantOptions),
  ...Timestamps
})

const OrderItem = Type.Object({
  productId: Type.Optional(Type.String()),
  variantId: Type.Optional(Type.String()),
  sku: Type.Optional(Type.String()),
  name: Type.String(),
  quantity: Type.Integer({ minimum: 1 }),
  price: Money
})

export const BATCH_KINDS = ['bulk', 'catalog-sync', 'inventory', 'prices', 'with-variants', 'catalog-with-variants'] as const
export const ROW_STATUSES = ['rejected', 'queued', 'applied', 'failed'] as const

/** One row of an async batch: what was sent and what became of it. */
export const BatchRow = Type.Object({
  rowIndex: Type.Integer({ minimum: 0 }),
  status: Type.Enum(ROW_STATUSES),
  input: Type.Unknown(),
  code: Type.Optional(Type.String()),
  message: Type.Optional(Type.String()),
  path: Type.Optional(Type.String({ description: 'The JSON path of the field a rejected or failed row is refused at' })),
  productId: Type.Optional(Type.String())
})

/** The `toco` section of a fixture document. Only the DESIGN §6 fields are required. */
export const TocoFixture = Type.Object({
  partners: Type.Optional(Type.Array(Type.Object({
    clientId: Id,
    secretKey: Type.String({ minLength: 1, description: 'HMAC key for x-signature' }),
    name: Type.Optional(Type.String()),
    webhookUrl: Type.Optional(Type.String({ pattern: '^https?://', description: 'Receives batch summaries and stock.update.requested, HMAC-signed with secretKey' })),
    createdAt: Timestamp
  }))),
  stores: Type.Optional(Type.Array(Type.Object({
    storeClientId: Id,
    partnerClientId: Id,
    storeToken: Type.Optional(Type.String({
      minLength: 1, description: 'Defaults to a token derived from storeClientId (stable across resets)'
    })),
    status: Type.Optional(Type.Enum(['bound', 'unbound'], { default: 'bound' })),
    name: Type.Optional(Type.String()),
    ...Timestamps,
    authorizedAt: Type.Optional(Type.String({ format: 'date-time', description: 'When a bound store was authorized' })),
    tokens: Type.Optional(Type.Array(Type.Object({
      token: Type.String({ minLength: 1 }),
      issuedAt: Timestamp,
      revokedAt: Timestamp,
      expiresAt: Type.Optional(Type.String({ format: 'date-time', description: 'End of the authorization period the seller chose' }))
    }), { description: 'Every token the store was issued, revoked ones included; replaces storeToken when given' }))
  }))),
  warehouses: Type.Optional(Type.Array(Type.Object({
    clientId: Id,
    storeClientId: Id,
    name: Type.Optional(Type.String()),
    createdAt: Timestamp
  }), { description: 'A store may have none, one or several; stock rules depend on how many' })),
  products: Type.Optional(Type.Array(Type.Object({
    id: Id,
    storeClientId: Id,
    externalId: Id,
    name: Type.Optional(Type.String()),
    sku: Type.Optional(Type.String()),
    price: Type.Optional(Type.Integer({ minimum: 0, default: 100000 })),
    specialPrice: Type.Optional(SpecialPrice),
    stock: Type.Optional(Type.Integer({ minimum: 0, default: 10 })),
    isArchived: Type.Optional(Type.Boolean({ default: false })),
    isVerified: Type.Optional(Type.Boolean({ default: true, description: 'Fixture products are verified unless they say otherwise' })),
    ...ProductDetails.properties,
    warehouses: Type.Optional(Type.Array(WarehouseStock, { description: 'Stock per warehouse of the store (simple products)' })),
    optionGroups: Type.Optional(OptionGroups),
    variants: Type.Optional(Type.Array(Variant, { description: 'A product with variants: its price and stock come from them' })),
    ...Timestamps,
    deletedAt: Type.Optional(Type.String({ format: 'date-time', description: 'Already soft-deleted when set' }))
  }))),
  orders: Type.Optional(Type.Array(Type.Object({
    id: Id,
    storeClientId: Id,
    invoiceNumber: Type.Optional(Type.String({ minLength: 1 })),
    status: Type.Optional(Type.String({ minLength: 1, default: 'pending' })),
    total: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
    items: Type.Optional(Type.Array(OrderItem)),
    buyer: Type.Optional(Type.Object({ name: Type.Optional(Type.String()), email: Type.Optional(Type.String()), phone: Type.Optional(Type.String()) })),
    payment: Type.Optional(Type.Object({
      method: Type.Optional(Type.String()), status: Type.Optional(Type.String()), amount: Type.Optional(Money), paidAt: Timestamp
    })),
    delivery: Type.Optional(Type.Object({
      courier: Type.Optional(Type.String()),
      service: Type.Optional(Type.String()),
      trackingNumber: Type.Optional(Type.String()),
      status: Type.Optional(Type.String()),
      recipientName: Type.Optional(Type.String()),
      phone: Type.Optional(Type.String()),
      address: Type.Optional(Type.String()),
      city: Type.Optional(Type.String()),
      province: Type.Optional(Type.String()),
      postalCode: Type.Optional(Type.String()),
      shippedAt: Timestamp,
      deliveredAt: Timestamp
    })),
    ...Timestamps
  }))),
  onboardSessions: Type.Optional(Type.Array(Type.Object({
    id: Id,
    partnerClientId: Id,
    redirectUri: Type.String({ minLength: 1 }),
    createdAt: Timestamp,
    expiresAt: Type.Optional(Type.String({ format: 'date-time', description: 'Defaults to 3 minutes after createdAt' })),
    completedAt: Timestamp,
    storeClientId: Type.Optional(Type.String({ minLength: 1, description: 'The store the seller authorized' }))
  }))),
  batches: Type.Optional(Type.Array(Type.Object({
    id: Id,
    requestId: Type.Optional(Type.String()),
    storeClientId: Id,
    kind: Type.Enum(BATCH_KINDS),
    status: Type.Enum(['queued', 'applied']),
    acceptedAt: Timestamp,
    dueAt: Timestamp,
    appliedAt: Timestamp,
    rows: Type.Array(BatchRow)
  }), { description: 'Accepted bulk requests; queued ones apply once dueAt has passed' }))
})

export type TocoFixture = Type.Static<typeof TocoFixture>

/** The token a fixture store gets when it names none: stable, so resets keep it. */
export function defaultStoreToken (storeClientId: string): string {
  return 'stkn_' + createHash('sha256').update(`toco-store-token:${storeClientId}`).digest('base64url').slice(0, 16)
}
