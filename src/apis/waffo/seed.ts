import { createHash, createPublicKey } from 'node:crypto'
import type { SeedContext } from '../../core/seed-context.js'
import type { Db } from '../../db/open.js'
import { perDatabase } from '../../db/per-database.js'
import { contentOf } from './catalog/content.js'
import { ORDER_STATUSES, type WaffoFixture } from './fixture.js'
import { seedRefunds } from './refund-fixtures.js'

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
      buyer_email, currency, amount, current_period_end, canceled_at, unpaid_balance, mode, current_period_start,
      price_snapshot, billing_detail, product_version, billing_period, card_outcome, scheduled_change, buyer_identity)
      VALUES (@id, @storeId, @productId, @type, @status, @createdAt, @updatedAt,
        @buyerEmail, @currency, @amount, @currentPeriodEnd, @canceledAt, @unpaidBalance, @mode, @currentPeriodStart,
        @priceSnapshot, @billingDetail, @productVersion, @billingPeriod, @cardOutcome, @scheduledChange, @buyerIdentity)`),
    orderOf: db.prepare<[string], { store_id: string, mode: 'test' | 'prod' }>('SELECT store_id, mode FROM waffo_orders WHERE id = ?'),
    insertSession: db.prepare(`INSERT INTO waffo_checkout_sessions (id, store_id, product_id, mode, product_version, currency,
      price_snapshot, trial_days, buyer_email, billing_detail, success_url, metadata, external_id, order_id, paid_at, created_at, expires_at,
      origin_order_id, change_timing, change_due, buyer_identity)
      VALUES (@id, @storeId, @productId, @mode, @productVersion, @currency, @priceSnapshot, @trialDays, @buyerEmail,
        @billingDetail, @successUrl, @metadata, @externalId, @orderId, @paidAt, @createdAt, @expiresAt,
        @originOrderId, @changeTiming, @changeDue, @buyerIdentity)`),
    hasSession: exists('waffo_checkout_sessions'),
    insertPayment: db.prepare(`INSERT INTO waffo_payments (id, order_id, store_id, mode, status, amount, currency, created_at)
      VALUES (@id, @orderId, @storeId, @mode, @status, @amount, @currency, @createdAt)`),
    insertGroup: db.prepare(`INSERT INTO waffo_product_groups (id, store_id, environment, name, description, rules, product_ids,
      published_from, created_at, updated_at)
      VALUES (@id, @storeId, @environment, @name, @description, @rules, @productIds, @publishedFrom, @createdAt, @updatedAt)`),
    insertWebhook: db.prepare(`INSERT INTO waffo_webhooks (id, store_id, channel, url, events, test_mode, secret, created_at, updated_at)
      VALUES (@id, @storeId, @channel, @url, @events, @testMode, @secret, @createdAt, @updatedAt)`),
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
    insertTicket, insertBinding, orderOf, insertSession, hasSession, insertPayment, insertGroup, insertWebhook
  } = statements(db)
  const requireStore = (id: string, path: string) => {
    if (!hasStore.get(id)) ctx.fail(path, `unknown store "${id}" (declare it under waffo.stores)`)
  }
  const requireProduct = (id: string, path: string) => {
    if (!hasProduct.get(id)) ctx.fail(path, `unknown product "${id}" (declare it under waffo.products)`)
  }
  const requireOrder = (id: string, path: string) => orderOf.get(id) ?? ctx.fail(path, `unknown order "${id}" (declare it under waffo.orders)`)
  const json = (value: object | null | undefined) => value == null ? null : JSON.stringify(value)
  const mode = (testMode: boolean | undefined) => testMode === false ? 'prod' : 'test'
  // Normalized to the mock's own ISO form: the tick and the checkout compare these as strings.
  const iso = (value: string | undefined) => value === undefined ? null : new Date(value).toISOString()

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
    if (order.productId !== undefined) requireProduct(order.productId, `${path}/productId`)
    if (!(ORDER_STATUSES[order.type] as readonly string[]).includes(order.status)) {
      ctx.fail(`${path}/status`, `a ${order.type} order cannot be "${order.status}" (one of ${ORDER_STATUSES[order.type].join(', ')})`)
    }
    const createdAt = order.createdAt ?? at
    ctx.insert(path, () => insertOrder.run({
      id: order.id,
      storeId: order.storeId,
      productId: order.productId ?? null,
      type: order.type,
      status: order.status,
      createdAt,
      updatedAt: order.updatedAt ?? createdAt,
      buyerEmail: order.buyerEmail ?? null,
      buyerIdentity: order.buyerIdentity ?? null,
      currency: order.currency ?? null,
      amount: order.amount ?? null,
      currentPeriodEnd: iso(order.currentPeriodEnd),
      canceledAt: order.canceledAt ?? null,
      unpaidBalance: order.unpaidBalance ? 1 : 0,
      mode: mode(order.testMode),
      currentPeriodStart: iso(order.currentPeriodStart),
      priceSnapshot: json(order.priceSnapshot),
      billingDetail: json(order.billingDetail),
      productVersion: order.productVersion ?? null,
      billingPeriod: order.billingPeriod ?? null,
      cardOutcome: order.paymentMethod ?? 'success',
      scheduledChange: order.scheduledChange ?? null
    }))
  })

  fixture.checkoutSessions?.forEach((session, i) => {
    const path = `/waffo/checkoutSessions/${i}`
    requireStore(session.storeId, `${path}/storeId`)
    requireProduct(session.productId, `${path}/productId`)
    if (session.orderId !== undefined) requireOrder(session.orderId, `${path}/orderId`)
    if (session.originOrderId !== undefined) requireOrder(session.originOrderId, `${path}/originOrderId`)
    // A plan change session is one with an origin order; its timing decides what confirming it does.
    if (session.originOrderId !== undefined && session.changeTiming === undefined) ctx.fail(`${path}/changeTiming`, 'a plan change session (originOrderId) needs changeTiming')
    const stray = session.originOrderId === undefined && (['changeTiming', 'changeDue'] as const).find((key) => session[key] !== undefined)
    if (stray) ctx.fail(`${path}/${stray}`, 'only a plan change session (originOrderId) has one')
    ctx.insert(path, () => insertSession.run({
      id: session.id,
      storeId: session.storeId,
      productId: session.productId,
      mode: mode(session.testMode),
      productVersion: session.productVersion ?? 1,
      currency: session.currency,
      priceSnapshot: JSON.stringify(session.priceSnapshot),
      trialDays: session.trialDays ?? null,
      buyerEmail: session.buyerEmail ?? null,
      buyerIdentity: session.buyerIdentity ?? null,
      billingDetail: json(session.billingDetail),
      successUrl: session.successUrl ?? null,
      metadata: JSON.stringify(session.metadata ?? {}),
      externalId: session.orderMerchantExternalId ?? null,
      orderId: session.orderId ?? null,
      paidAt: session.paidAt ?? null,
      createdAt: session.createdAt ?? at,
      expiresAt: iso(session.expiresAt),
      originOrderId: session.originOrderId ?? null,
      changeTiming: session.changeTiming ?? null,
      changeDue: session.originOrderId === undefined ? null : session.changeDue ?? '0.00'
    }))
  })

  // Checked once the sessions are in: an order's scheduled change is one of them.
  fixture.orders?.forEach((order, i) => {
    if (order.scheduledChange !== undefined && !hasSession.get(order.scheduledChange)) {
      ctx.fail(`/waffo/orders/${i}/scheduledChange`, `unknown checkout session "${order.scheduledChange}" (declare it under waffo.checkoutSessions)`)
    }
  })

  fixture.payments?.forEach((payment, i) => {
    const path = `/waffo/payments/${i}`
    const order = requireOrder(payment.orderId, `${path}/orderId`)
    ctx.insert(path, () => insertPayment.run({
      id: payment.id,
      orderId: payment.orderId,
      storeId: order.store_id,
      mode: order.mode,
      status: payment.status,
      amount: payment.amount,
      currency: payment.currency,
      createdAt: payment.createdAt ?? at
    }))
  })

  seedRefunds(db, fixture, ctx)

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

  fixture.productGroups?.forEach((group, i) => {
    const path = `/waffo/productGroups/${i}`
    requireStore(group.storeId, `${path}/storeId`)
    group.productIds?.forEach((id, p) => requireProduct(id, `${path}/productIds/${p}`))
    const createdAt = group.createdAt ?? at
    ctx.insert(path, () => insertGroup.run({
      id: group.id,
      storeId: group.storeId,
      environment: mode(group.testMode),
      name: group.name,
      description: group.description ?? null,
      // The key order mergedRules writes, so an export compares byte for byte.
      rules: JSON.stringify({ sharedTrial: group.rules?.sharedTrial ?? false, selfServicePlanChange: group.rules?.selfServicePlanChange ?? false }),
      productIds: JSON.stringify([...new Set(group.productIds ?? [])]),
      publishedFrom: group.publishedFrom ?? null,
      createdAt,
      updatedAt: group.updatedAt ?? createdAt
    }))
  })

  fixture.webhooks?.forEach((hook, i) => {
    const path = `/waffo/webhooks/${i}`
    requireStore(hook.storeId, `${path}/storeId`)
    const createdAt = hook.createdAt ?? at
    ctx.insert(path, () => insertWebhook.run({
      id: hook.id,
      storeId: hook.storeId,
      channel: hook.channel,
      url: hook.url,
      events: JSON.stringify([...new Set(hook.events)]),
      testMode: hook.testMode === false ? 0 : 1,
      secret: hook.secret ?? null,
      createdAt,
      updatedAt: hook.updatedAt ?? createdAt
    }))
  })
}
