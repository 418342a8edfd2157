import { createHash } from 'node:crypto'
import Type from 'typebox'
import type { SeedContext } from '../../core/seed-context.js'
import type { Db } from '../../db/open.js'
import { perDatabase } from '../../db/per-database.js'

const Id = Type.String({ minLength: 1 })
const Timestamp = Type.Optional(Type.String({ format: 'date-time' }))

/** The `toco` section of a fixture document. Only the DESIGN §6 fields are required. */
export const TocoFixture = Type.Object({
  partners: Type.Optional(Type.Array(Type.Object({
    clientId: Id,
    secretKey: Type.String({ minLength: 1, description: 'HMAC key for x-signature' }),
    name: Type.Optional(Type.String()),
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
    createdAt: Timestamp,
    updatedAt: Timestamp,
    authorizedAt: Type.Optional(Type.String({ format: 'date-time', description: 'When a bound store was authorized' })),
    tokens: Type.Optional(Type.Array(Type.Object({
      token: Type.String({ minLength: 1 }),
      issuedAt: Timestamp,
      revokedAt: Timestamp
    }), { description: 'Every token the store was issued, revoked ones included; replaces storeToken when given' }))
  }))),
  products: Type.Optional(Type.Array(Type.Object({
    id: Id,
    storeClientId: Id,
    externalId: Id,
    name: Type.Optional(Type.String()),
    sku: Type.Optional(Type.String()),
    price: Type.Optional(Type.Integer({ minimum: 0, default: 100000 })),
    stock: Type.Optional(Type.Integer({ minimum: 0, default: 10 })),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    deletedAt: Type.Optional(Type.String({ format: 'date-time', description: 'Already soft-deleted when set' }))
  }))),
  orders: Type.Optional(Type.Array(Type.Object({
    id: Id,
    storeClientId: Id,
    invoiceNumber: Type.Optional(Type.String({ minLength: 1 })),
    status: Type.Optional(Type.String({ minLength: 1, default: 'pending' })),
    total: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
    createdAt: Timestamp,
    updatedAt: Timestamp
  })))
})

export type TocoFixture = Type.Static<typeof TocoFixture>

/** The token a fixture store gets when it names none: stable, so resets keep it. */
export function defaultStoreToken (storeClientId: string): string {
  return 'stkn_' + createHash('sha256').update(`toco-store-token:${storeClientId}`).digest('base64url').slice(0, 16)
}

const statements = perDatabase((db: Db) => ({
  hasPartner: db.prepare<[string]>('SELECT 1 FROM toco_partners WHERE client_id = ?').pluck(),
  storePartner: db.prepare<[string], string>('SELECT partner_client_id FROM toco_stores WHERE store_client_id = ?').pluck(),
  insertPartner: db.prepare('INSERT INTO toco_partners (client_id, secret_key, name, created_at) VALUES (?, ?, ?, ?)'),
  insertStore: db.prepare('INSERT INTO toco_stores (store_client_id, partner_client_id, name, created_at, updated_at) VALUES (?, ?, ?, ?, ?)'),
  insertAuthorization: db.prepare('INSERT INTO toco_store_authorizations (store_client_id, partner_client_id, granted_at) VALUES (?, ?, ?)'),
  insertToken: db.prepare('INSERT INTO toco_store_tokens (token, store_client_id, issued_at, revoked_at) VALUES (?, ?, ?, ?)'),
  insertProduct: db.prepare(`INSERT INTO toco_products
    (id, store_client_id, external_id, name, sku, price, stock, created_at, updated_at, deleted_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
  insertOrder: db.prepare(`INSERT INTO toco_orders
    (id, store_client_id, invoice_number, status, total, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)`)
}))

/** Inserts one document's `toco` section (defaults already applied by the loader). */
export function seedToco (db: Db, fixture: TocoFixture, ctx: SeedContext): void {
  const { at } = ctx
  const { hasPartner, storePartner, insertPartner, insertStore, insertAuthorization, insertToken, insertProduct, insertOrder } = statements(db)
  const requireStore = (id: string, path: string) => {
    if (storePartner.get(id) === undefined) ctx.fail(path, `unknown store "${id}" (declare it under toco.stores)`)
  }

  fixture.partners?.forEach((partner, i) => ctx.insert(`/toco/partners/${i}`, () =>
    insertPartner.run(partner.clientId, partner.secretKey, partner.name ?? `Partner ${partner.clientId}`, partner.createdAt ?? at)))

  fixture.stores?.forEach((store, i) => {
    const path = `/toco/stores/${i}`
    if (!hasPartner.get(store.partnerClientId)) {
      ctx.fail(`${path}/partnerClientId`, `unknown partner "${store.partnerClientId}" (declare it under toco.partners)`)
    }
    const bound = store.status !== 'unbound'
    const createdAt = store.createdAt ?? at
    ctx.insert(path, () => insertStore.run(store.storeClientId, store.partnerClientId, store.name ?? `Store ${store.storeClientId}`,
      createdAt, store.updatedAt ?? createdAt))
    if (bound) insertAuthorization.run(store.storeClientId, store.partnerClientId, store.authorizedAt ?? createdAt)
    if (store.tokens) {
      store.tokens.forEach((token, t) => ctx.insert(`${path}/tokens/${t}`, () =>
        insertToken.run(token.token, store.storeClientId, token.issuedAt ?? createdAt, token.revokedAt ?? null)))
      return
    }
    // An unbound store keeps its old token, revoked, so using it shows the revoked-token refusal.
    ctx.insert(`${path}/storeToken`, () =>
      insertToken.run(store.storeToken ?? defaultStoreToken(store.storeClientId), store.storeClientId, createdAt, bound ? null : createdAt))
  })

  fixture.products?.forEach((product, i) => {
    const path = `/toco/products/${i}`
    requireStore(product.storeClientId, `${path}/storeClientId`)
    const createdAt = product.createdAt ?? at
    ctx.insert(path, () => insertProduct.run(product.id, product.storeClientId, product.externalId,
      product.name ?? `Product ${product.externalId}`, product.sku ?? null, product.price ?? 100000, product.stock ?? 10,
      createdAt, product.updatedAt ?? product.deletedAt ?? createdAt, product.deletedAt ?? null))
  })

  fixture.orders?.forEach((order, i) => {
    const path = `/toco/orders/${i}`
    requireStore(order.storeClientId, `${path}/storeClientId`)
    const createdAt = order.createdAt ?? at
    ctx.insert(path, () => insertOrder.run(order.id, order.storeClientId, order.invoiceNumber ?? `INV/${order.id}`,
      order.status ?? 'pending', order.total ?? 0, createdAt, order.updatedAt ?? createdAt))
  })
}
