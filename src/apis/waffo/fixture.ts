import Type from 'typebox'
import { MONEY_PATTERN } from './money.js'
import { CHANNELS, WEBHOOK_EVENTS } from './webhooks/events.js'

/** The formats the API later checks (routes/bodies.ts ShortId): PREFIX_ + 22 base62 characters. */
const ShortId = (prefix: string, description = '') =>
  Type.String({ pattern: `^${prefix}_[0-9A-Za-z]{22}$`, description: `${prefix}_ + 22 base62 characters${description && `. ${description}`}` })
/** A display amount, as the actions take them (money.ts). */
const Money = (description?: string) => Type.String({ pattern: MONEY_PATTERN, ...(description ? { description } : {}) })
const NullableString = Type.Optional(Type.Union([Type.String(), Type.Null()]))
const Settings = Type.Optional(Type.Union([Type.Object({}, { additionalProperties: true }), Type.Null()]))
const Timestamp = Type.Optional(Type.String({ format: 'date-time' }))
const UUID = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$'
const Uuid = Type.String({ pattern: UUID, description: 'A UUID' })
const UuidOf = (description: string) => Type.String({ pattern: UUID, description: `A UUID. ${description}` })
const TestMode = Type.Optional(Type.Boolean({ default: true, description: 'The environment: true = test, false = prod' }))
/** The SDK's PriceSnapshot (a session also keeps the trial price it will charge). */
const PriceSnapshot = Type.Object({ amount: Money(), taxCategory: Type.String(), trialAmount: Type.Optional(Money()) })
/** The SDK's BillingDetail, as the buyer gave it (open: checkout accepts more keys). */
const BillingDetail = Type.Optional(Type.Object({ country: Type.String(), isBusiness: Type.Boolean() }, { additionalProperties: true }))

/** The SDK's RequestedAmount. */
const RequestedAmount = Type.Object({ amount: Money('Display format, e.g. "9.99"'), currency: Type.String() })

export const CHANGE_TIMINGS = ['immediate', 'next_period'] as const
export const REFUND_STATUSES = ['succeeded', 'failed'] as const

export const PAYMENT_STATUSES = ['pending', 'succeeded', 'failed', 'canceled'] as const

export const ORDER_STATUSES = {
  onetime: ['pending', 'completed', 'canceled'],
  subscription: ['pending', 'active', 'canceling', 'past_due', 'closed', 'canceled', 'expired']
} as const

/** KYB ticket statuses; only succeeded and rejected stop blocking a delete. */
export const TICKET_STATUSES = ['pending', 'under_review', 'approved', 'rejected', 'returned', 'processing', 'succeeded', 'failed', 'cancelled'] as const

/** What one version of a product holds besides its name (fixtures: all optional). */
const ProductContentFields = {
  description: NullableString,
  prices: Type.Optional(Type.Record(Type.String(), Type.Object({
    amount: Money(), taxCategory: Type.String(), trialAmount: Type.Optional(Money())
  }))),
  media: Type.Optional(Type.Array(Type.Object({
    type: Type.Enum(['image', 'video']), url: Type.String(), alt: Type.Optional(Type.String()), thumbnail: Type.Optional(Type.String())
  }))),
  successUrl: NullableString,
  metadata: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  billingPeriod: Type.Optional(Type.Enum(['weekly', 'monthly', 'quarterly', 'yearly'], { description: 'Subscription products; default monthly' }))
}

/** The `waffo` section of a fixture document. Only the DESIGN §6 fields are required. */
export const WaffoFixture = Type.Object({
  merchants: Type.Optional(Type.Array(Type.Object({
    id: ShortId('MER'),
    name: Type.Optional(Type.String()),
    email: Type.Optional(Type.String()),
    createdAt: Timestamp,
    publicKeys: Type.Array(Type.Object({
      pem: Type.String({ minLength: 1, description: 'RSA public key (SPKI or PKCS#1 PEM)' }),
      environment: Type.Optional(Type.Enum(['test', 'prod'], { default: 'test' })),
      nickname: Type.Optional(Type.String()),
      privateKeyPem: Type.Optional(Type.String({
        description: 'DEMO ONLY: lets the start-up banner and `npm run curl` sign for you. Never put a real key here.'
      })),
      createdAt: Timestamp
    }))
  }))),
  stores: Type.Optional(Type.Array(Type.Object({
    id: ShortId('STO'),
    name: Type.String({ minLength: 1 }),
    members: Type.Array(Type.Object({ merchantId: ShortId('MER'), role: Type.Enum(['owner', 'admin', 'member']), createdAt: Timestamp })),
    status: Type.Optional(Type.Enum(['active', 'inactive', 'suspended'], { default: 'active' })),
    logo: NullableString,
    supportEmail: NullableString,
    website: NullableString,
    slug: NullableString,
    prodEnabled: Type.Optional(Type.Boolean({ default: false })),
    notificationSettings: Settings,
    checkoutSettings: Settings,
    createdAt: Timestamp,
    updatedAt: Timestamp,
    deletedAt: Timestamp
  }))),
  products: Type.Optional(Type.Array(Type.Object({
    id: ShortId('PROD'),
    storeId: ShortId('STO'),
    type: Type.Enum(['onetime', 'subscription']),
    name: Type.Optional(Type.String()),
    testStatus: Type.Optional(Type.Enum(['active', 'inactive'], { default: 'active' })),
    prodStatus: Type.Optional(Type.Enum(['active', 'inactive'], { default: 'inactive' })),
    ...ProductContentFields,
    versionNumber: Type.Optional(Type.Integer({ minimum: 1, default: 1, description: 'The test version\'s number' })),
    prodVersion: Type.Optional(Type.Object({
      versionNumber: Type.Integer({ minimum: 1 }),
      name: Type.String(),
      ...ProductContentFields
    }, { description: 'The published (prod) version. Absent: never published, unless prodStatus is active (then the test version is taken as published).' })),
    createdAt: Timestamp,
    updatedAt: Timestamp
  }))),
  orders: Type.Optional(Type.Array(Type.Object({
    id: ShortId('ORD'),
    storeId: ShortId('STO'),
    type: Type.Enum(['onetime', 'subscription']),
    status: Type.Enum([...new Set([...ORDER_STATUSES.onetime, ...ORDER_STATUSES.subscription])]),
    productId: Type.Optional(ShortId('PROD')),
    buyerEmail: Type.Optional(Type.String({ description: 'Without buyerIdentity, the buyer identity a session token must carry to act on this order (trimmed, case-insensitive)' })),
    buyerIdentity: Type.Optional(Type.String({ minLength: 1, description: 'Authenticated checkout: the buyer identity the order is bound to (exactly), whatever its buyerEmail' })),
    currency: Type.Optional(Type.String({ description: 'ISO 4217, e.g. USD' })),
    amount: Type.Optional(Money('Display format, e.g. "29.00"')),
    currentPeriodEnd: Type.Optional(Type.String({ format: 'date-time', description: 'Subscriptions: when a canceling subscription becomes canceled' })),
    canceledAt: Timestamp,
    unpaidBalance: Type.Optional(Type.Boolean({ default: false, description: 'Canceled while past_due: reactivate-order refuses it' })),
    testMode: TestMode,
    currentPeriodStart: Timestamp,
    priceSnapshot: Type.Optional(Type.Object({ amount: Money(), taxCategory: Type.String() })),
    billingDetail: BillingDetail,
    productVersion: Type.Optional(Type.Integer({ minimum: 1, description: 'The product version bought' })),
    billingPeriod: Type.Optional(Type.Enum(['weekly', 'monthly', 'quarterly', 'yearly'], { description: 'Subscriptions bought through checkout: set, they renew at currentPeriodEnd' })),
    paymentMethod: Type.Optional(Type.Enum(['success', 'decline'], { default: 'success', description: 'The card renewals are charged on (POST /__admin/waffo/orders/{id}/payment-method)' })),
    scheduledChange: Type.Optional(UuidOf('Subscriptions: the paid next_period plan change session (under checkoutSessions) the next renewal applies')),
    createdAt: Timestamp,
    updatedAt: Timestamp
  }))),
  checkoutSessions: Type.Optional(Type.Array(Type.Object({
    id: Uuid,
    storeId: ShortId('STO'),
    productId: ShortId('PROD'),
    testMode: TestMode,
    productVersion: Type.Optional(Type.Integer({ minimum: 1, default: 1 })),
    currency: Type.String({ description: 'ISO 4217, e.g. USD' }),
    priceSnapshot: PriceSnapshot,
    trialDays: Type.Optional(Type.Integer({ minimum: 1 })),
    buyerEmail: Type.Optional(Type.String()),
    buyerIdentity: Type.Optional(Type.String({ minLength: 1, description: 'Opened with a buyer session token: the order paying it makes is bound to this buyer' })),
    billingDetail: BillingDetail,
    successUrl: Type.Optional(Type.String()),
    metadata: Type.Optional(Type.Record(Type.String(), Type.String())),
    orderMerchantExternalId: Type.Optional(Type.String({ maxLength: 128 })),
    orderId: Type.Optional(ShortId('ORD', 'The order paying it made (a declined card leaves it pending)')),
    paidAt: Timestamp,
    createdAt: Timestamp,
    expiresAt: Type.String({ format: 'date-time' }),
    originOrderId: Type.Optional(ShortId('ORD', 'A plan change session: the subscription it moves to productId')),
    changeTiming: Type.Optional(Type.Enum(CHANGE_TIMINGS, { description: 'A plan change session: when the new plan applies (the SDK\'s ChangeTiming); required with originOrderId' })),
    changeDue: Type.Optional(Money('A plan change session: what confirming it charges, display format; default "0.00"'))
  }))),
  payments: Type.Optional(Type.Array(Type.Object({
    id: ShortId('PAY'),
    orderId: ShortId('ORD', 'Its store and environment are the order\'s'),
    status: Type.Enum(PAYMENT_STATUSES),
    amount: Money('Display format, e.g. "29.00"'),
    currency: Type.String(),
    createdAt: Timestamp
  }))),
  productGroups: Type.Optional(Type.Array(Type.Object({
    id: Uuid,
    storeId: ShortId('STO'),
    testMode: TestMode,
    name: Type.String({ minLength: 1, description: 'Unique per store and environment' }),
    description: NullableString,
    rules: Type.Optional(Type.Object({ sharedTrial: Type.Optional(Type.Boolean({ default: false })), selfServicePlanChange: Type.Optional(Type.Boolean({ default: false })) })),
    productIds: Type.Optional(Type.Array(ShortId('PROD'), { default: [], description: 'Subscription products, in the order given' })),
    publishedFrom: Type.Optional(Type.Union([Uuid, Type.Null()], { description: 'A prod group: the test group publish-group copied' })),
    createdAt: Timestamp,
    updatedAt: Timestamp
  }, { description: 'Subscription product groups, as create-group makes them' }))),
  webhooks: Type.Optional(Type.Array(Type.Object({
    id: Uuid,
    storeId: ShortId('STO'),
    channel: Type.Enum(CHANNELS),
    url: Type.String({ minLength: 1 }),
    events: Type.Array(Type.Enum(WEBHOOK_EVENTS)),
    testMode: TestMode,
    secret: NullableString,
    createdAt: Timestamp,
    updatedAt: Timestamp
  }, { description: 'Store webhooks, as store/add-webhook registers them' }))),
  kybTickets: Type.Optional(Type.Array(Type.Object({
    id: ShortId('TKT'),
    storeId: ShortId('STO'),
    status: Type.Optional(Type.Enum(TICKET_STATUSES, { default: 'pending' })),
    createdAt: Timestamp,
    updatedAt: Timestamp
  }))),
  refundTickets: Type.Optional(Type.Array(Type.Object({
    id: ShortId('TKT'),
    paymentId: ShortId('PAY', 'The payment it asks to refund (the SDK\'s subjectId); its store and environment are the payment\'s'),
    status: Type.Optional(Type.Enum(TICKET_STATUSES, { default: 'pending' })),
    submitterId: Type.String({ minLength: 1, description: 'The buyer identity that submitted it' }),
    reason: Type.String({ minLength: 1, description: 'The current version\'s reason' }),
    requestedAmount: RequestedAmount,
    versionNumber: Type.Optional(Type.Integer({ minimum: 1, default: 1, description: 'Counts resubmits' })),
    currentVersionId: Type.Optional(UuidOf('Default: derived from the id and versionNumber (stable across resets)')),
    reviewerId: NullableString,
    reviewedAt: Type.Optional(Type.Union([Type.String({ format: 'date-time' }), Type.Null()])),
    reviewNote: NullableString,
    rejectReason: NullableString,
    executedAt: Type.Optional(Type.Union([Type.String({ format: 'date-time' }), Type.Null()])),
    metadata: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
    refundTicketMerchantExternalId: Type.Optional(Type.Union([Type.String({ maxLength: 128 }), Type.Null()])),
    createdAt: Timestamp,
    updatedAt: Timestamp
  }, { description: 'Refund tickets, as refund-ticket/create-ticket and the control plane\'s moves leave them (the SDK\'s RefundTicket)' }))),
  refunds: Type.Optional(Type.Array(Type.Object({
    id: ShortId('REF'),
    refundTicketId: ShortId('TKT', 'The settled refund ticket (under refundTickets); payment, store and environment are its'),
    status: Type.Enum(REFUND_STATUSES),
    amount: Type.Optional(Money('Display format; default the ticket\'s requested amount')),
    currency: Type.Optional(Type.String({ description: 'Default the ticket\'s' })),
    reason: Type.Optional(Type.String({ description: 'Default the ticket\'s' })),
    orderMerchantExternalId: NullableString,
    refundTicketMerchantExternalId: NullableString,
    createdAt: Timestamp
  }, { description: 'Refunds a settled ticket made (the GraphQL Refund)' }))),
  bindings: Type.Optional(Type.Array(Type.Object({
    id: Type.Optional(Type.Integer({ minimum: 1, description: 'Defaults to the next free id' })),
    storeId: ShortId('STO'),
    kind: Type.Enum(['email', 'domain']),
    value: Type.String({ minLength: 1 }),
    createdAt: Timestamp
  })))
})

export type WaffoFixture = Type.Static<typeof WaffoFixture>
