/**
 * `merchant(id)`, `storeMerchants`, `apiKeys`: the caller's own record only (another merchant's
 * id answers null), its memberships of live stores, and its API keys of the caller's
 * environment (nickname and environment; the key material never).
 */
import { prepared } from './statements.js'
import type { ReadContext } from './resolvers.js'

interface MerchantRow { id: string, name: string, email: string | null, created_at: string }
interface MembershipRow { store_id: string, role: string, created_at: string }
interface KeyRow { id: number, nickname: string, environment: string, created_at: string }

const MERCHANT = 'SELECT id, name, email, created_at FROM waffo_merchants WHERE id = ?'
const MEMBERSHIPS = `SELECT m.store_id, m.role, m.created_at FROM waffo_store_members m JOIN waffo_stores s ON s.id = m.store_id
  WHERE m.merchant_id = ? AND s.deleted_at IS NULL ORDER BY s.created_at, s.rowid`
const KEYS = 'SELECT id, nickname, environment, created_at FROM waffo_api_keys WHERE merchant_id = ? AND environment = ? ORDER BY id'

/** A buyer session is no merchant: it sees none of this. */
export function merchantOf (ctx: ReadContext, id: string) {
  if (ctx.buyer || id !== ctx.merchantId) return null
  const row = prepared<[string], MerchantRow>(ctx.db, MERCHANT).get(id)
  return row ? { id: row.id, email: row.email, name: row.name, status: 'active', createdAt: row.created_at } : null
}

export function membershipsOf (ctx: ReadContext) {
  if (ctx.buyer) return []
  return prepared<[string], MembershipRow>(ctx.db, MEMBERSHIPS).all(ctx.merchantId)
    .map((row) => ({ merchantId: ctx.merchantId, storeId: row.store_id, role: row.role, createdAt: row.created_at }))
}

export function apiKeysOf (ctx: ReadContext) {
  if (ctx.buyer) return []
  return prepared<[string, string], KeyRow>(ctx.db, KEYS).all(ctx.merchantId, ctx.environment)
    .map((row) => ({ id: String(row.id), nickname: row.nickname, environment: row.environment, recentlyUsed: false, createdAt: row.created_at }))
}
