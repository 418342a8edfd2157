import { createHash, createPublicKey } from 'node:crypto'
import Type from 'typebox'
import type { Db } from '../../db/open.js'
import { perDatabase } from '../../db/per-database.js'
import type { SeedContext } from '../../core/seed-context.js'
import { contentOf } from './catalog/content.js'

/** The formats the API later checks (validate.ts isShortId): PREFIX_ + 22 base62 characters. */
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

/** `My Digital Store` → `my-digital-store-` + 6 characters derived from the id (stable across resets). */
export function defaultSlug (name: string, id: string): string {
  const base = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'store'
  return `${base}-${createHash('sha256').update(id).digest('hex').slice(0, 6)}`
}

const statements = perDatabase((db: Db) => {
  const exists = (table: string) => db.prepare<[string]>(`SELECT 1 FROM ${table} WHERE id = ?`).pluck()
  return {
    hasMerchant: exists('waffo_merchants'),
    hasStore: exists('waffo_stores'),
    hasProduct: exists('waffo_products'),
    insertMerchant: db.prepare('INSERT INTO waffo_merchants (id, name, email, created_at) VALUES (?, ?, ?, ?)'),
    insertKey: db.prepare(`INSERT INTO waffo_api_keys (merchant_id, nickname, public_key_pem, environment, created_at)
      VALUES (?, ?, ?, ?, ?)`),
    insertStore: db.prepare(`INSERT INTO waffo_stores (id, name, status, logo, support_email, website, slug,
      prod_enabled, notification_settings, checkout_settings, deleted_at, created_at, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    insertMember: db.prepare('INSERT INTO waffo_store_members (store_id, merchant_id, role, created_at) VALUES (?, ?, ?, ?)'),
    insertProduct: db.prepare(`INSERT INTO waffo_products (id, store_id, type, name, test_status, prod_status,
      created_at, updated_at, test_version, test_content, prod_version, prod_content)
      VALUES (@id, @storeId, @type, @name, @testStatus, @prodStatus, @createdAt, @updatedAt,
        @testVersion, @testContent, @prodVersion, @prodContent)`),
    insertOrder: db.prepare(`INSERT INTO waffo_orders (id, store_id, product_id, type, status, created_at, updated_at,
      buyer_email, currency, amount, current_period_end, canceled_at, unpaid_balance)
      VALUES (@id, @storeId, @productId, @type, @status, @createdAt, @updatedAt,
        @buyerEmail, @currency, @amount, @currentPeriodEnd, @canceledAt, @unpaidBalance)`),
    insertTicket: db.prepare('INSERT INTO waffo_kyb_tickets (id, store_id, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?)'),
    insertBinding: db.prepare('INSERT INTO waffo_sender_bindings (id, store_id, kind, value, created_at) VALUES (?, ?, ?, ?, ?)')
  }
})

type MerchantFixture = NonNullable<WaffoFixture['merchants']>[number]

/** A merchant's API keys; the PEM must parse as an RSA public key. */
export function seedMerchantKeys (db: Db, merchant: MerchantFixture, path: string, ctx: SeedContext): void {
  const { insertKey } = statements(db)
  merchant.publicKeys.forEach((key, k) => {
    try {
      if (createPublicKey(key.pem).asymmetricKeyType !== 'rsa') throw new Error('not RSA')
    } catch {
      ctx.fail(`${path}/publicKeys/${k}/pem`, 'not an RSA public key in PEM format')
    }
    insertKey.run(merchant.id, key.nickname ?? `key-${k + 1}`, key.pem, key.environment ?? 'test', key.createdAt ?? merchant.createdAt ?? ctx.at)
  })
}

/** Inserts one document's `waffo` section. */
export function seedWaffo (db: Db, fixture: WaffoFixture, ctx: SeedContext): void {
  const { at } = ctx
  const {
    hasMerchant, hasStore, hasProduct, insertMerchant, insertStore, insertMember, insertProduct, insertOrder,
    insertTicket, insertBinding
  } = statements(db)
  const requireStore = (id: string, path: string) => {
    if (!hasStore.get(id)) ctx.fail(path, `unknown store "${id}" (declare it under waffo.stores)`)
  }
  const json = (value: object | null | undefined) => value == null ? null : JSON.stringify(value)

  fixture.merchants?.forEach((merchant, i) => {
    const path = `/waffo/merchants/${i}`
    ctx.insert(path, () => insertMerchant.run(merchant.id, merchant.name ?? merchant.id, merchant.email ?? null, merchant.createdAt ?? at))
    seedMerchantKeys(db, merchant, path, ctx)
  })

  fixture.stores?.forEach((store, i) => {
    const path = `/waffo/stores/${i}`
    ctx.insert(path, () => insertStore.run(store.id, store.name, store.status ?? 'active', store.logo ?? null,
      store.supportEmail ?? null, store.website ?? null,
      store.slug === undefined ? defaultSlug(store.name, store.id) : store.slug,
      store.prodEnabled ? 1 : 0, json(store.notificationSettings), json(store.checkoutSettings),
      store.deletedAt ?? null, store.createdAt ?? at, store.updatedAt ?? store.deletedAt ?? store.createdAt ?? at))
    store.members.forEach((member, m) => {
      const memberPath = `${path}/members/${m}`
      if (!hasMerchant.get(member.merchantId)) {
        ctx.fail(`${memberPath}/merchantId`, `unknown merchant "${member.merchantId}" (declare it under waffo.merchants)`)
      }
      ctx.insert(memberPath, () => insertMember.run(store.id, member.merchantId, member.role, member.createdAt ?? at))
    })
  })

  fixture.products?.forEach((product, i) => {
    const path = `/waffo/products/${i}`
    requireStore(product.storeId, `${path}/storeId`)
    const createdAt = product.createdAt ?? at
    const name = product.name ?? product.id
    const test = contentOf(product.type, { ...product, name })
    const prodStatus = product.prodStatus ?? 'inactive'
    // A fixture that marks a product active in prod without a prod version published its test version.
    const prod = product.prodVersion
      ? { version: product.prodVersion.versionNumber, content: contentOf(product.type, product.prodVersion) }
      : prodStatus === 'active' ? { version: product.versionNumber ?? 1, content: test } : undefined
    ctx.insert(path, () => insertProduct.run({
      id: product.id,
      storeId: product.storeId,
      type: product.type,
      name,
      testStatus: product.testStatus ?? 'active',
      prodStatus,
      createdAt,
      updatedAt: product.updatedAt ?? createdAt,
      testVersion: product.versionNumber ?? 1,
      testContent: JSON.stringify(test),
      prodVersion: prod?.version ?? null,
      prodContent: prod ? JSON.stringify(prod.content) : null
    }))
  })

  fixture.orders?.forEach((order, i) => {
    const path = `/waffo/orders/${i}`
    requireStore(order.storeId, `${path}/storeId`)
    if (order.productId !== undefined && !hasProduct.get(order.productId)) {
      ctx.fail(`${path}/productId`, `unknown product "${order.productId}" (declare it under waffo.products)`)
    }
    if (!(ORDER_STATUSES[order.type] as readonly string[]).includes(order.status)) {
      ctx.fail(`${path}/status`, `a ${order.type} order cannot be "${order.status}" (one of ${ORDER_STATUSES[order.type].join(', ')})`)
    }
    const createdAt = order.createdAt ?? at
    // Normalized to the mock's own ISO form, so the tick compares period ends as strings.
    const periodEnd = order.currentPeriodEnd === undefined ? null : new Date(order.currentPeriodEnd).toISOString()
    ctx.insert(path, () => insertOrder.run({
      id: order.id,
      storeId: order.storeId,
      productId: order.productId ?? null,
      type: order.type,
      status: order.status,
      createdAt,
      updatedAt: order.updatedAt ?? createdAt,
      buyerEmail: order.buyerEmail ?? null,
      currency: order.currency ?? null,
      amount: order.amount ?? null,
      currentPeriodEnd: periodEnd,
      canceledAt: order.canceledAt ?? null,
      unpaidBalance: order.unpaidBalance ? 1 : 0
    }))
  })

  fixture.kybTickets?.forEach((ticket, i) => {
    const path = `/waffo/kybTickets/${i}`
    requireStore(ticket.storeId, `${path}/storeId`)
    const createdAt = ticket.createdAt ?? at
    ctx.insert(path, () => insertTicket.run(ticket.id, ticket.storeId, ticket.status ?? 'pending', createdAt, ticket.updatedAt ?? createdAt))
  })

  fixture.bindings?.forEach((binding, i) => {
    const path = `/waffo/bindings/${i}`
    requireStore(binding.storeId, `${path}/storeId`)
    ctx.insert(path, () => insertBinding.run(binding.id ?? null, binding.storeId, binding.kind, binding.value, binding.createdAt ?? at))
  })
}
