import type { SeedContext } from '../../core/seed-context.js'
import type { Db } from '../../db/open.js'
import { perDatabase } from '../../db/per-database.js'
import type { TocoFixture } from './fixture.js'
import type { BatchRowRecord } from './repo/batches.js'
import type { OnboardSessionRow } from './repo/onboarding.js'
import type { OrderRow } from './repo/orders.js'
import type { ProductRow, VariantRow } from './repo/products.js'
import { groupBy } from './catalog/group.js'
import { seedToco } from './seed.js'

interface StoreExportRow {
  store_client_id: string
  partner_client_id: string
  name: string
  created_at: string
  updated_at: string
  granted_at: string | null
}

interface TokenRow { token: string, store_client_id: string, issued_at: string, revoked_at: string | null, expires_at: string | null }
interface LevelRow { item_id: string, warehouse_client_id: string, stock: number }

const TENANT_STORES = 'SELECT store_client_id FROM toco_stores WHERE partner_client_id = @tenant'

/** Rows in insertion order (rowid), so an export loads back into the same order. */
const statements = perDatabase((db: Db) => ({
  partners: db.prepare<[], { client_id: string, secret_key: string, name: string, created_at: string, webhook_url: string | null }>(
    'SELECT client_id, secret_key, name, created_at, webhook_url FROM toco_partners ORDER BY rowid'),
  stores: db.prepare<[], StoreExportRow>(`
    SELECT s.store_client_id, s.partner_client_id, s.name, s.created_at, s.updated_at, a.granted_at
    FROM toco_stores s LEFT JOIN toco_store_authorizations a USING (store_client_id) ORDER BY s.rowid`),
  tokens: db.prepare<[], TokenRow>('SELECT token, store_client_id, issued_at, revoked_at, expires_at FROM toco_store_tokens ORDER BY rowid'),
  warehouses: db.prepare<[], { client_id: string, store_client_id: string, name: string, created_at: string }>(
    'SELECT * FROM toco_warehouses ORDER BY rowid'),
  products: db.prepare<[], ProductRow>('SELECT * FROM toco_products ORDER BY rowid'),
  variants: db.prepare<[], VariantRow>('SELECT * FROM toco_product_variants ORDER BY rowid'),
  levels: db.prepare<[], LevelRow>(`SELECT l.* FROM toco_stock_levels l
    JOIN toco_warehouses w ON w.client_id = l.warehouse_client_id ORDER BY l.item_id, w.rowid`),
  orders: db.prepare<[], OrderRow>('SELECT * FROM toco_orders ORDER BY rowid'),
  sessions: db.prepare<[], OnboardSessionRow>('SELECT * FROM toco_onboard_sessions ORDER BY rowid'),
  batches: db.prepare<[], BatchRowRecord>('SELECT * FROM toco_batches ORDER BY rowid'),
  knowsPartner: db.prepare<[string]>('SELECT 1 FROM toco_partners WHERE client_id = ?').pluck(),
  /** Children first; each statement deletes one partner's rows. */
  deleteTenant: [
    `DELETE FROM toco_batches WHERE store_client_id IN (${TENANT_STORES})`,
    'DELETE FROM toco_onboard_sessions WHERE partner_client_id = @tenant',
    `DELETE FROM toco_stock_levels WHERE warehouse_client_id IN (SELECT client_id FROM toco_warehouses WHERE store_client_id IN (${TENANT_STORES}))`,
    `DELETE FROM toco_product_variants WHERE product_id IN (SELECT id FROM toco_products WHERE store_client_id IN (${TENANT_STORES}))`,
    `DELETE FROM toco_orders WHERE store_client_id IN (${TENANT_STORES})`,
    `DELETE FROM toco_products WHERE store_client_id IN (${TENANT_STORES})`,
    `DELETE FROM toco_warehouses WHERE store_client_id IN (${TENANT_STORES})`,
    `DELETE FROM toco_store_tokens WHERE store_client_id IN (${TENANT_STORES})`,
    `DELETE FROM toco_store_authorizations WHERE store_client_id IN (${TENANT_STORES})`,
    'DELETE FROM toco_stores WHERE partner_client_id = @tenant',
    'DELETE FROM toco_partners WHERE client_id = @tenant'
  ].map((sql) => db.prepare<{ tenant: string }>(sql))
}))

const when = <T extends object>(condition: boolean, value: T): T | Record<never, never> => condition ? value : {}

/** The whole Toco state as a fixture section: loading it back recreates every row. */
export function exportToco (db: Db): TocoFixture {
  const q = statements(db)
  const tokens = groupBy(q.tokens.all(), (token) => token.store_client_id)
  const variants = groupBy(q.variants.all(), (variant) => variant.product_id)
  const levels = groupBy(q.levels.all(), (level) => level.item_id)
  const warehousesOf = (itemId: string) => {
    const rows = levels.get(itemId)
    return when(rows !== undefined, { warehouses: rows?.map((level) => ({ clientId: level.warehouse_client_id, stock: level.stock })) })
  }
  return {
    partners: q.partners.all().map((row) => ({
      clientId: row.client_id, secretKey: row.secret_key, name: row.name, createdAt: row.created_at, ...(row.webhook_url === null ? {} : { webhookUrl: row.webhook_url })
    })),
    stores: q.stores.all().map((row) => ({
      storeClientId: row.store_client_id,
      partnerClientId: row.partner_client_id,
      status: row.granted_at === null ? 'unbound' as const : 'bound' as const,
      name: row.name,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      ...when(row.granted_at !== null, { authorizedAt: row.granted_at! }),
      tokens: (tokens.get(row.store_client_id) ?? []).map((token) => ({
        token: token.token,
        issuedAt: token.issued_at,
        ...when(token.revoked_at !== null, { revokedAt: token.revoked_at! }),
        ...when(token.expires_at !== null, { expiresAt: token.expires_at! })
      }))
    })),
    warehouses: q.warehouses.all().map((row) => ({
      clientId: row.client_id, storeClientId: row.store_client_id, name: row.name, createdAt: row.created_at
    })),
    products: q.products.all().map((row) => ({
      id: row.id,
      storeClientId: row.store_client_id,
      externalId: row.external_id,
      name: row.name,
      ...when(row.sku !== null, { sku: row.sku! }),
      price: row.price,
      ...when(row.special_price !== null, { specialPrice: row.special_price }),
      stock: row.stock,
      ...when(row.is_archived === 1, { isArchived: true }),
      ...when(row.is_verified === 0, { isVerified: false }),
      ...JSON.parse(row.details) as object,
      ...warehousesOf(row.id),
      ...when(row.option_groups !== '[]', { optionGroups: JSON.parse(row.option_groups) as [] }),
      ...when(variants.has(row.id), {
        variants: variants.get(row.id)?.map((variant) => ({
          id: variant.id,
          sku: variant.sku,
          name: variant.name,
          price: variant.price,
          ...when(variant.special_price !== null, { specialPrice: variant.special_price }),
          stock: variant.stock,
          isActive: variant.is_active === 1,
          ...warehousesOf(variant.id),
          ...when(variant.options !== '[]', { options: JSON.parse(variant.options) as [] }),
          createdAt: variant.created_at,
          updatedAt: variant.updated_at
        }))
      }),
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      ...when(row.deleted_at !== null, { deletedAt: row.deleted_at! })
    })),
    orders: q.orders.all().map((row) => ({
      id: row.id,
      storeClientId: row.store_client_id,
      invoiceNumber: row.invoice_number,
      status: row.status,
      total: row.total,
      ...JSON.parse(row.details) as object,
      createdAt: row.created_at,
      updatedAt: row.updated_at
    })),
    onboardSessions: q.sessions.all().map((row) => ({
      id: row.id,
      partnerClientId: row.partner_client_id,
      redirectUri: row.redirect_uri,
      createdAt: row.created_at,
      expiresAt: row.expires_at,
      ...when(row.completed_at !== null, { completedAt: row.completed_at! }),
      ...when(row.store_client_id !== null, { storeClientId: row.store_client_id! })
    })),
    batches: q.batches.all().map((row) => ({
      id: row.id,
      requestId: row.request_id,
      storeClientId: row.store_client_id,
      kind: row.kind as 'bulk',
      status: row.status,
      acceptedAt: row.accepted_at,
      dueAt: row.due_at,
      ...when(row.applied_at !== null, { appliedAt: row.applied_at! }),
      rows: JSON.parse(row.rows) as []
    }))
  }
}

/**
 * Restores one partner's rows from the fixtures, leaving every other row as it is. A partner
 * owns itself, its stores and everything under them (warehouses, products, variants, stock,
 * orders, batches) and its onboard sessions; Toco has no rows shared between partners.
 * False when the id is no partner here or in the fixtures.
 */
export function resetTocoTenant (db: Db, tenant: string, fixtures: ReadonlyArray<{ section: TocoFixture, ctx: SeedContext }>): boolean {
  const q = statements(db)
  const declared = fixtures.some(({ section }) => section.partners?.some((partner) => partner.clientId === tenant))
  if (!declared && !q.knowsPartner.get(tenant)) return false
  for (const statement of q.deleteTenant) statement.run({ tenant })
  const stores = new Set(fixtures.flatMap(({ section }) =>
    (section.stores ?? []).filter((store) => store.partnerClientId === tenant).map((store) => store.storeClientId)))
  const ofTenant = <T extends { storeClientId: string }>(rows: T[] | undefined) => rows?.filter((row) => stores.has(row.storeClientId))
  for (const { section, ctx } of fixtures) {
    seedToco(db, {
      partners: section.partners?.filter((partner) => partner.clientId === tenant),
      stores: section.stores?.filter((store) => store.partnerClientId === tenant),
      warehouses: ofTenant(section.warehouses),
      products: ofTenant(section.products),
      orders: ofTenant(section.orders),
      onboardSessions: section.onboardSessions?.filter((session) => session.partnerClientId === tenant),
      batches: ofTenant(section.batches)
    }, ctx)
  }
  return true
}
