import type { SeedContext } from '../../core/seed-context.js'
import type { Db } from '../../db/open.js'
import { perDatabase } from '../../db/per-database.js'
import { noteDue } from './batches/queue.js'
import { seedProduct } from './catalog/seed-products.js'
import { defaultStoreToken, type TocoFixture } from './fixture.js'
import { tocoRepos } from './repo/index.js'

/** An onboard session lasts 3 minutes (ONB1). */
export const ONBOARD_SESSION_MS = 3 * 60 * 1000

const statements = perDatabase((db: Db) => ({
  hasPartner: db.prepare<[string]>('SELECT 1 FROM toco_partners WHERE client_id = ?').pluck(),
  storePartner: db.prepare<[string], string>('SELECT partner_client_id FROM toco_stores WHERE store_client_id = ?').pluck(),
  insertPartner: db.prepare('INSERT INTO toco_partners (client_id, secret_key, name, created_at, webhook_url) VALUES (?, ?, ?, ?, ?)'),
  insertStore: db.prepare('INSERT INTO toco_stores (store_client_id, partner_client_id, name, created_at, updated_at) VALUES (?, ?, ?, ?, ?)'),
  insertAuthorization: db.prepare('INSERT INTO toco_store_authorizations (store_client_id, partner_client_id, granted_at) VALUES (?, ?, ?)'),
  insertToken: db.prepare('INSERT INTO toco_store_tokens (token, store_client_id, issued_at, revoked_at, expires_at) VALUES (?, ?, ?, ?, ?)'),
  insertWarehouse: db.prepare('INSERT INTO toco_warehouses (client_id, store_client_id, name, created_at) VALUES (?, ?, ?, ?)'),
  insertOrder: db.prepare(`INSERT INTO toco_orders
    (id, store_client_id, invoice_number, status, total, details, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
}))

const iso = (value: string) => new Date(value).toISOString()

/** Inserts one document's `toco` section; what a fixture leaves out gets its default here (the loader only validates). */
export function seedToco (db: Db, fixture: TocoFixture, ctx: SeedContext): void {
  const { at } = ctx
  const q = statements(db)
  const repos = tocoRepos(db)
  const requireStore = (id: string, path: string) => {
    if (q.storePartner.get(id) === undefined) ctx.fail(path, `unknown store "${id}" (declare it under toco.stores)`)
  }

  fixture.partners?.forEach((partner, i) => ctx.insert(`/toco/partners/${i}`, () =>
    q.insertPartner.run(partner.clientId, partner.secretKey, partner.name ?? `Partner ${partner.clientId}`, partner.createdAt ?? at, partner.webhookUrl ?? null)))

  fixture.stores?.forEach((store, i) => {
    const path = `/toco/stores/${i}`
    if (!q.hasPartner.get(store.partnerClientId)) {
      ctx.fail(`${path}/partnerClientId`, `unknown partner "${store.partnerClientId}" (declare it under toco.partners)`)
    }
    const bound = store.status !== 'unbound'
    const createdAt = store.createdAt ?? at
    ctx.insert(path, () => q.insertStore.run(store.storeClientId, store.partnerClientId, store.name ?? `Store ${store.storeClientId}`,
      createdAt, store.updatedAt ?? createdAt))
    if (bound) q.insertAuthorization.run(store.storeClientId, store.partnerClientId, store.authorizedAt ?? createdAt)
    if (store.tokens) {
      store.tokens.forEach((token, t) => ctx.insert(`${path}/tokens/${t}`, () =>
        // As the mock writes them (UTC, milliseconds): the guard compares expiries as text.
        q.insertToken.run(token.token, store.storeClientId, iso(token.issuedAt ?? createdAt), token.revokedAt ? iso(token.revokedAt) : null,
          token.expiresAt ? iso(token.expiresAt) : null)))
      return
    }
    // An unbound store keeps its old token, revoked, so using it shows the revoked-token refusal.
    ctx.insert(`${path}/storeToken`, () =>
      q.insertToken.run(store.storeToken ?? defaultStoreToken(store.storeClientId), store.storeClientId, createdAt, bound ? null : createdAt, null))
  })

  fixture.warehouses?.forEach((warehouse, i) => {
    const path = `/toco/warehouses/${i}`
    requireStore(warehouse.storeClientId, `${path}/storeClientId`)
    ctx.insert(path, () => q.insertWarehouse.run(warehouse.clientId, warehouse.storeClientId, warehouse.name ?? `Warehouse ${warehouse.clientId}`,
      warehouse.createdAt ?? at))
  })

  fixture.products?.forEach((product, i) => {
    const path = `/toco/products/${i}`
    requireStore(product.storeClientId, `${path}/storeClientId`)
    seedProduct(repos, product, path, ctx)
  })

  fixture.orders?.forEach((order, i) => {
    const path = `/toco/orders/${i}`
    requireStore(order.storeClientId, `${path}/storeClientId`)
    const createdAt = order.createdAt ?? at
    const { items, buyer, payment, delivery } = order
    const itemsTotal = items?.reduce((total, item) => total + item.quantity * item.price, 0)
    ctx.insert(path, () => q.insertOrder.run(order.id, order.storeClientId, order.invoiceNumber ?? `INV/${order.id}`,
      order.status ?? 'pending', order.total ?? itemsTotal ?? 0, JSON.stringify({ items, buyer, payment, delivery }),
      createdAt, order.updatedAt ?? createdAt))
  })

  fixture.onboardSessions?.forEach((session, i) => {
    const path = `/toco/onboardSessions/${i}`
    const createdAt = session.createdAt ?? at
    ctx.insert(path, () => repos.onboarding.insert({
      id: session.id,
      partner_client_id: session.partnerClientId,
      redirect_uri: session.redirectUri,
      created_at: createdAt,
      expires_at: iso(session.expiresAt ?? new Date(Date.parse(createdAt) + ONBOARD_SESSION_MS).toISOString()),
      completed_at: session.completedAt ?? null,
      store_client_id: session.storeClientId ?? null
    }))
  })

  fixture.batches?.forEach((batch, i) => {
    const path = `/toco/batches/${i}`
    requireStore(batch.storeClientId, `${path}/storeClientId`)
    const acceptedAt = batch.acceptedAt ?? at
    const dueAt = iso(batch.dueAt ?? acceptedAt)
    ctx.insert(path, () => repos.batches.insert({
      id: batch.id,
      request_id: batch.requestId ?? batch.id,
      store_client_id: batch.storeClientId,
      kind: batch.kind,
      status: batch.status,
      accepted_at: acceptedAt,
      due_at: dueAt,
      applied_at: batch.appliedAt ?? null,
      rows: JSON.stringify(batch.rows)
    }))
    if (batch.status === 'queued') noteDue(db, dueAt)
  })
}
