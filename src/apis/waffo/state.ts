import type { SeedContext } from '../../core/seed-context.js'
import type { Db } from '../../db/open.js'
import { perDatabase } from '../../db/per-database.js'
import type { WaffoFixture } from './fixture.js'
import { seedMerchantKeys, seedWaffo } from './seed.js'
import { exportRefunds } from './refund-fixtures.js'
import { parseContent } from './catalog/content.js'
import type { OrderRow } from './repo/orders.js'
import type { ProductRow } from './repo/products.js'
import type { GroupRow } from './repo/groups.js'
import type { CheckoutSessionRow, PaymentRow } from './repo/purchases.js'
import type { StoreRow } from './repo/stores.js'
import type { WebhookRow } from './repo/webhooks.js'

type Row = Record<string, unknown>
const OWNED_STORES = "SELECT store_id FROM waffo_store_members WHERE merchant_id = @tenant AND role = 'owner'"

/** Rows in insertion order (rowid), so an export loads back into the same order. */
const statements = perDatabase((db: Db) => {
  const all = <T = Row>(sql: string) => db.prepare<[], T>(sql)
  return {
    merchants: all<{ id: string, name: string, email: string | null, created_at: string }>('SELECT * FROM waffo_merchants ORDER BY rowid'),
    keys: all<{ merchant_id: string, nickname: string, public_key_pem: string, environment: 'test' | 'prod', created_at: string }>(
      'SELECT * FROM waffo_api_keys ORDER BY id'),
    stores: all<StoreRow>('SELECT * FROM waffo_stores ORDER BY rowid'),
    members: all<{ store_id: string, merchant_id: string, role: 'owner' | 'admin' | 'member', created_at: string }>(
      'SELECT * FROM waffo_store_members ORDER BY rowid'),
    products: all<ProductRow>('SELECT * FROM waffo_products ORDER BY rowid'),
    orders: all<OrderRow>('SELECT * FROM waffo_orders ORDER BY rowid'),
    sessions: all<CheckoutSessionRow>('SELECT * FROM waffo_checkout_sessions ORDER BY rowid'),
    payments: all<PaymentRow>('SELECT * FROM waffo_payments ORDER BY rowid'),
    webhooks: all<WebhookRow>('SELECT * FROM waffo_webhooks ORDER BY rowid'),
    groups: all<GroupRow>('SELECT * FROM waffo_product_groups ORDER BY rowid'),
    tickets: all<{ id: string, store_id: string, status: string, created_at: string, updated_at: string }>('SELECT * FROM waffo_kyb_tickets ORDER BY rowid'),
    bindings: all<{ id: number, store_id: string, kind: 'email' | 'domain', value: string, created_at: string }>('SELECT * FROM waffo_sender_bindings ORDER BY id'),
    knowsMerchant: db.prepare<[string]>('SELECT 1 FROM waffo_merchants WHERE id = ?').pluck(),
    upsertMerchant: db.prepare(`INSERT INTO waffo_merchants (id, name, email, created_at) VALUES (@id, @name, @email, @createdAt)
      ON CONFLICT (id) DO UPDATE SET name = excluded.name, email = excluded.email, created_at = excluded.created_at`),
    ownedStores: db.prepare<{ tenant: string }, string>(OWNED_STORES).pluck(),
    /** Children first; each deletes rows of the given stores (a JSON array of ids), or of the merchant. */
    deleteTenant: [
      'DELETE FROM waffo_idempotency_keys WHERE merchant_id = @tenant',
      'DELETE FROM waffo_refunds WHERE store_id IN (SELECT value FROM json_each(@stores))',
      'DELETE FROM waffo_refund_tickets WHERE store_id IN (SELECT value FROM json_each(@stores))',
      'DELETE FROM waffo_product_groups WHERE store_id IN (SELECT value FROM json_each(@stores))',
      'DELETE FROM waffo_webhooks WHERE store_id IN (SELECT value FROM json_each(@stores))',
      'DELETE FROM waffo_sender_bindings WHERE store_id IN (SELECT value FROM json_each(@stores))',
      'DELETE FROM waffo_kyb_tickets WHERE store_id IN (SELECT value FROM json_each(@stores))',
      'DELETE FROM waffo_payments WHERE store_id IN (SELECT value FROM json_each(@stores))',
      'DELETE FROM waffo_checkout_sessions WHERE store_id IN (SELECT value FROM json_each(@stores))',
      'DELETE FROM waffo_orders WHERE store_id IN (SELECT value FROM json_each(@stores))',
      'DELETE FROM waffo_products WHERE store_id IN (SELECT value FROM json_each(@stores))',
      'DELETE FROM waffo_store_members WHERE store_id IN (SELECT value FROM json_each(@stores))',
      'DELETE FROM waffo_stores WHERE id IN (SELECT value FROM json_each(@stores))',
      'DELETE FROM waffo_api_keys WHERE merchant_id = @tenant'
    ].map((sql) => db.prepare<{ tenant: string, stores: string }>(sql))
  }
})

const parse = (json: string | null) => json === null ? null : JSON.parse(json) as Record<string, unknown>
/** A JSON column as the fixture's typed object (the column was written from that shape). */
const parsed = <T>(json: string | null) => (json === null ? null : JSON.parse(json)) as T | null
const testMode = (mode: 'test' | 'prod') => mode === 'test'
type Section<K extends keyof WaffoFixture> = NonNullable<WaffoFixture[K]>[number]
const optional = <K extends string, V>(key: K, value: V | null) => (value === null ? {} : { [key]: value }) as Partial<Record<K, V>>

/** The whole Waffo state as a fixture section: loading it back recreates every row. */
export function exportWaffo (db: Db): WaffoFixture {
  const q = statements(db)
  const keys = q.keys.all()
  const members = q.members.all()
  return {
    merchants: q.merchants.all().map((row) => ({
      id: row.id,
      name: row.name,
      ...optional('email', row.email),
      createdAt: row.created_at,
      publicKeys: keys.filter((key) => key.merchant_id === row.id).map((key) => ({
        pem: key.public_key_pem, environment: key.environment, nickname: key.nickname, createdAt: key.created_at
      }))
    })),
    stores: q.stores.all().map((row) => ({
      id: row.id,
      name: row.name,
      members: members.filter((member) => member.store_id === row.id)
        .map((member) => ({ merchantId: member.merchant_id, role: member.role, createdAt: member.created_at })),
      status: row.status as 'active' | 'inactive' | 'suspended',
      logo: row.logo,
      supportEmail: row.support_email,
      website: row.website,
      slug: row.slug,
      prodEnabled: row.prod_enabled === 1,
      notificationSettings: parse(row.notification_settings),
      checkoutSettings: parse(row.checkout_settings),
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      ...optional('deletedAt', row.deleted_at)
    })),
    products: q.products.all().map((row) => {
      const { name, ...test } = parseContent(row.test_content)
      return {
        id: row.id,
        storeId: row.store_id,
        type: row.type,
        name,
        testStatus: row.test_status,
        prodStatus: row.prod_status,
        ...test,
        versionNumber: row.test_version,
        ...(row.prod_content === null ? {} : { prodVersion: { versionNumber: row.prod_version!, ...parseContent(row.prod_content) } }),
        createdAt: row.created_at,
        updatedAt: row.updated_at
      }
    }),
    orders: q.orders.all().map((row) => ({
      id: row.id,
      storeId: row.store_id,
      type: row.type,
      status: row.status as NonNullable<WaffoFixture['orders']>[number]['status'],
      ...optional('productId', row.product_id),
      ...optional('buyerEmail', row.buyer_email),
      ...optional('buyerIdentity', row.buyer_identity),
      ...optional('currency', row.currency),
      ...optional('amount', row.amount),
      ...optional('currentPeriodEnd', row.current_period_end),
      ...optional('canceledAt', row.canceled_at),
      ...(row.unpaid_balance === 1 ? { unpaidBalance: true } : {}),
      testMode: testMode(row.mode),
      ...optional('currentPeriodStart', row.current_period_start),
      ...optional('priceSnapshot', parsed<Section<'orders'>['priceSnapshot']>(row.price_snapshot)),
      ...optional('billingDetail', parsed<Section<'orders'>['billingDetail']>(row.billing_detail)),
      ...optional('productVersion', row.product_version),
      ...optional('billingPeriod', row.billing_period as Section<'orders'>['billingPeriod'] | null),
      paymentMethod: row.card_outcome,
      ...optional('scheduledChange', row.scheduled_change),
      createdAt: row.created_at,
      updatedAt: row.updated_at
    })),
    checkoutSessions: q.sessions.all().map((row) => ({
      id: row.id,
      storeId: row.store_id,
      productId: row.product_id,
      testMode: testMode(row.mode),
      productVersion: row.product_version,
      currency: row.currency,
      priceSnapshot: JSON.parse(row.price_snapshot) as Section<'checkoutSessions'>['priceSnapshot'],
      ...optional('trialDays', row.trial_days),
      ...optional('buyerEmail', row.buyer_email),
      ...optional('buyerIdentity', row.buyer_identity),
      ...optional('billingDetail', parsed<Section<'checkoutSessions'>['billingDetail']>(row.billing_detail)),
      ...optional('successUrl', row.success_url),
      metadata: JSON.parse(row.metadata) as Record<string, string>,
      ...optional('orderMerchantExternalId', row.external_id),
      ...optional('orderId', row.order_id),
      ...optional('paidAt', row.paid_at),
      createdAt: row.created_at,
      expiresAt: row.expires_at,
      ...optional('originOrderId', row.origin_order_id),
      ...optional('changeTiming', row.change_timing),
      ...optional('changeDue', row.change_due)
    })),
    payments: q.payments.all().map((row) => ({
      id: row.id, orderId: row.order_id, status: row.status, amount: row.amount, currency: row.currency, createdAt: row.created_at
    })),
    ...exportRefunds(db),
    productGroups: q.groups.all().map((row) => ({
      id: row.id,
      storeId: row.store_id,
      testMode: testMode(row.environment),
      name: row.name,
      description: row.description,
      rules: JSON.parse(row.rules) as Section<'productGroups'>['rules'],
      productIds: JSON.parse(row.product_ids) as string[],
      publishedFrom: row.published_from,
      createdAt: row.created_at,
      updatedAt: row.updated_at
    })),
    webhooks: q.webhooks.all().map((row) => ({
      id: row.id,
      storeId: row.store_id,
      channel: row.channel as Section<'webhooks'>['channel'],
      url: row.url,
      events: JSON.parse(row.events) as Section<'webhooks'>['events'],
      testMode: row.test_mode === 1,
      secret: row.secret,
      createdAt: row.created_at,
      updatedAt: row.updated_at
    })),
    kybTickets: q.tickets.all().map((row) => ({
      id: row.id,
      storeId: row.store_id,
      status: row.status as NonNullable<WaffoFixture['kybTickets']>[number]['status'],
      createdAt: row.created_at,
      updatedAt: row.updated_at
    })),
    bindings: q.bindings.all().map((row) => ({ id: row.id, storeId: row.store_id, kind: row.kind, value: row.value, createdAt: row.created_at }))
  }
}

/**
 * Restores what one merchant owns from the fixtures, leaving every other row as it is. A
 * merchant owns its API keys and the stores where it is the owner, with everything under them
 * (products, orders, checkout sessions, payments, refund tickets and refunds, product groups, KYB tickets, bindings, webhooks and every
 * membership of those stores). Its merchant row
 * stays (other owners' stores may list it as a member); its memberships in stores it does not
 * own belong to those stores' owners. False when the id is no merchant here or in the fixtures.
 */
export function resetWaffoTenant (db: Db, tenant: string, fixtures: ReadonlyArray<{ section: WaffoFixture, ctx: SeedContext }>): boolean {
  const q = statements(db)
  const declared = fixtures.flatMap(({ section, ctx }) =>
    (section.merchants ?? []).flatMap((merchant, i) => merchant.id === tenant ? [{ merchant, path: `/waffo/merchants/${i}`, ctx }] : []))
  if (declared.length === 0 && !q.knowsMerchant.get(tenant)) return false
  const owned = JSON.stringify(q.ownedStores.all({ tenant }))
  for (const statement of q.deleteTenant) statement.run({ tenant, stores: owned })
  for (const { merchant, path, ctx } of declared) {
    q.upsertMerchant.run({ id: merchant.id, name: merchant.name ?? merchant.id, email: merchant.email ?? null, createdAt: merchant.createdAt ?? ctx.at })
    seedMerchantKeys(db, merchant, path, ctx)
  }
  const stores = new Set(fixtures.flatMap(({ section }) => (section.stores ?? [])
    .filter((store) => store.members.some((member) => member.merchantId === tenant && member.role === 'owner'))
    .map((store) => store.id)))
  const orders = new Set(fixtures.flatMap(({ section }) => (section.orders ?? []).filter((order) => stores.has(order.storeId)).map((order) => order.id)))
  const payments = new Set(fixtures.flatMap(({ section }) => (section.payments ?? []).filter((payment) => orders.has(payment.orderId)).map((payment) => payment.id)))
  const tickets = new Set(fixtures.flatMap(({ section }) => (section.refundTickets ?? []).filter((ticket) => payments.has(ticket.paymentId)).map((ticket) => ticket.id)))
  for (const { section, ctx } of fixtures) {
    seedWaffo(db, {
      stores: section.stores?.filter((store) => stores.has(store.id)),
      products: section.products?.filter((product) => stores.has(product.storeId)),
      orders: section.orders?.filter((order) => stores.has(order.storeId)),
      checkoutSessions: section.checkoutSessions?.filter((session) => stores.has(session.storeId)),
      payments: section.payments?.filter((payment) => payments.has(payment.id)),
      refundTickets: section.refundTickets?.filter((ticket) => tickets.has(ticket.id)),
      refunds: section.refunds?.filter((refund) => tickets.has(refund.refundTicketId)),
      kybTickets: section.kybTickets?.filter((ticket) => stores.has(ticket.storeId)),
      bindings: section.bindings?.filter((binding) => stores.has(binding.storeId)),
      productGroups: section.productGroups?.filter((group) => stores.has(group.storeId)),
      webhooks: section.webhooks?.filter((hook) => stores.has(hook.storeId))
    }, ctx)
  }
  return true
}
