import Type from 'typebox'

/** The formats the API later checks (routes/bodies.ts ShortId): PREFIX_ + 22 base62 characters. */
const ShortId = (prefix: string) => Type.String({ pattern: `^${prefix}_[0-9A-Za-z]{22}$`, description: `${prefix}_ + 22 base62 characters` })
const NullableString = Type.Optional(Type.Union([Type.String(), Type.Null()]))
const Settings = Type.Optional(Type.Union([Type.Object({}, { additionalProperties: true }), Type.Null()]))
const Timestamp = Type.Optional(Type.String({ format: 'date-time' }))

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
    amount: Type.String(), taxCategory: Type.String(), trialAmount: Type.Optional(Type.String())
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
    buyerEmail: Type.Optional(Type.String({ description: 'The buyer identity a session token must carry to act on this order' })),
    currency: Type.Optional(Type.String({ description: 'ISO 4217, e.g. USD' })),
    amount: Type.Optional(Type.String({ description: 'Display format, e.g. "29.00"' })),
    currentPeriodEnd: Type.Optional(Type.String({ format: 'date-time', description: 'Subscriptions: when a canceling subscription becomes canceled' })),
    canceledAt: Timestamp,
    unpaidBalance: Type.Optional(Type.Boolean({ default: false, description: 'Canceled while past_due: reactivate-order refuses it' })),
    createdAt: Timestamp,
    updatedAt: Timestamp
  }))),
  kybTickets: Type.Optional(Type.Array(Type.Object({
    id: ShortId('TKT'),
    storeId: ShortId('STO'),
    status: Type.Optional(Type.Enum(TICKET_STATUSES, { default: 'pending' })),
    createdAt: Timestamp,
    updatedAt: Timestamp
  }))),
  bindings: Type.Optional(Type.Array(Type.Object({
    id: Type.Optional(Type.Integer({ minimum: 1, description: 'Defaults to the next free id' })),
    storeId: ShortId('STO'),
    kind: Type.Enum(['email', 'domain']),
    value: Type.String({ minLength: 1 }),
    createdAt: Timestamp
  })))
})

export type WaffoFixture = Type.Static<typeof WaffoFixture>
