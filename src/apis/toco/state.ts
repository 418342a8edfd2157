import type { SeedContext } from '../../core/seed-context.js'
import type { Db } from '../../db/open.js'
import { perDatabase } from '../../db/per-database.js'
import { seedToco, type TocoFixture } from './fixture.js'

interface StoreExportRow {
  store_client_id: string
  partner_client_id: string
  name: string
  created_at: string
  updated_at: string
  granted_at: string | null
}

/** Rows in insertion order (rowid), so an export loads back into the same order. */
const statements = perDatabase((db: Db) => ({
  partners: db.prepare<[], { client_id: string, secret_key: string, name: string, created_at: string }>(
    'SELECT client_id, secret_key, name, created_at FROM toco_partners ORDER BY rowid'),
  stores: db.prepare<[], StoreExportRow>(`
    SELECT s.store_client_id, s.partner_client_id, s.name, s.created_at, s.updated_at, a.granted_at
    FROM toco_stores s LEFT JOIN toco_store_authorizations a USING (store_client_id) ORDER BY s.rowid`),
  tokens: db.prepare<[], { token: string, store_client_id: string, issued_at: string, revoked_at: string | null }>(
    'SELECT token, store_client_id, issued_at, revoked_at FROM toco_store_tokens ORDER BY rowid'),
  products: db.prepare<[], {
    id: string,
    store_client_id: string,
    external_id: string,
    name: string,
    sku: string | null,
    price: number,
    stock: number,
    created_at: string,
    updated_at: string,
    deleted_at: string | null
  }>('SELECT * FROM toco_products ORDER BY rowid'),
  orders: db.prepare<[], {
    id: string, store_client_id: string, invoice_number: string, status: string, total: number, created_at: string, updated_at: string
  }>('SELECT * FROM toco_orders ORDER BY rowid'),
  knowsPartner: db.prepare<[string]>('SELECT 1 FROM toco_partners WHERE client_id = ?').pluck(),
  /** Children first; each statement deletes one partner's rows. */
  deleteTenant: [
    'DELETE FROM toco_orders WHERE store_client_id IN (SELECT store_client_id FROM toco_stores WHERE partner_client_id = @tenant)',
    'DELETE FROM toco_products WHERE store_client_id IN (SELECT store_client_id FROM toco_stores WHERE partner_client_id = @tenant)',
    'DELETE FROM toco_store_tokens WHERE store_client_id IN (SELECT store_client_id FROM toco_stores WHERE partner_client_id = @tenant)',
    'DELETE FROM toco_store_authorizations WHERE store_client_id IN (SELECT store_client_id FROM toco_stores WHERE partner_client_id = @tenant)',
    'DELETE FROM toco_stores WHERE partner_client_id = @tenant',
    'DELETE FROM toco_partners WHERE client_id = @tenant'
  ].map((sql) => db.prepare<{ tenant: string }>(sql))
}))

/** The whole Toco state as a fixture section: loading it back recreates every row. */
export function exportToco (db: Db): TocoFixture {
  const q = statements(db)
  const tokens = new Map<string, ReturnType<typeof q.tokens.all>>()
  for (const token of q.tokens.all()) tokens.set(token.store_client_id, [...tokens.get(token.store_client_id) ?? [], token])
  return {
    partners: q.partners.all().map((row) => ({ clientId: row.client_id, secretKey: row.secret_key, name: row.name, createdAt: row.created_at })),
    stores: q.stores.all().map((row) => ({
      storeClientId: row.store_client_id,
      partnerClientId: row.partner_client_id,
      status: row.granted_at === null ? 'unbound' as const : 'bound' as const,
      name: row.name,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      ...(row.granted_at === null ? {} : { authorizedAt: row.granted_at }),
      tokens: (tokens.get(row.store_client_id) ?? []).map((token) => ({
        token: token.token, issuedAt: token.issued_at, ...(token.revoked_at === null ? {} : { revokedAt: token.revoked_at })
      }))
    })),
    products: q.products.all().map((row) => ({
      id: row.id,
      storeClientId: row.store_client_id,
      externalId: row.external_id,
      name: row.name,
      ...(row.sku === null ? {} : { sku: row.sku }),
      price: row.price,
      stock: row.stock,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      ...(row.deleted_at === null ? {} : { deletedAt: row.deleted_at })
    })),
    orders: q.orders.all().map((row) => ({
      id: row.id,
      storeClientId: row.store_client_id,
      invoiceNumber: row.invoice_number,
      status: row.status,
      total: row.total,
      createdAt: row.created_at,
      updatedAt: row.updated_at
    }))
  }
}

/**
 * Restores one partner's rows from the fixtures, leaving every other row as it is. A partner
 * owns itself, its stores and everything under them; Toco has no rows shared between partners.
 * False when the id is no partner here or in the fixtures.
 */
export function resetTocoTenant (db: Db, tenant: string, fixtures: ReadonlyArray<{ section: TocoFixture, ctx: SeedContext }>): boolean {
  const q = statements(db)
  const declared = fixtures.some(({ section }) => section.partners?.some((partner) => partner.clientId === tenant))
  if (!declared && !q.knowsPartner.get(tenant)) return false
  for (const statement of q.deleteTenant) statement.run({ tenant })
  const stores = new Set(fixtures.flatMap(({ section }) =>
    (section.stores ?? []).filter((store) => store.partnerClientId === tenant).map((store) => store.storeClientId)))
  for (const { section, ctx } of fixtures) {
    seedToco(db, {
      partners: section.partners?.filter((partner) => partner.clientId === tenant),
      stores: section.stores?.filter((store) => store.partnerClientId === tenant),
      products: section.products?.filter((product) => stores.has(product.storeClientId)),
      orders: section.orders?.filter((order) => stores.has(order.storeClientId))
    }, ctx)
  }
  return true
}
