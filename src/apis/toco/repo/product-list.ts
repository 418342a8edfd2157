import type { Statement } from 'better-sqlite3'
import { changeStamp } from '../../../db/change-stamp.js'
import type { Db } from '../../../db/open.js'
import type { ProductRow } from './products.js'

export const SORT_COLUMNS = { createdAt: 'created_at', updatedAt: 'updated_at', name: 'name', price: 'price', stock: 'stock' } as const

export interface ProductQuery {
  store: string
  q?: string | undefined
  isArchived?: boolean | undefined
  isAvailableStock?: boolean | undefined
  isVerified?: boolean | undefined
  isVariantActive?: boolean | undefined
  sortBy: keyof typeof SORT_COLUMNS
  order: 'asc' | 'desc'
  limit: number
  offset: number
}

const ACTIVE_VARIANT = 'EXISTS (SELECT 1 FROM toco_product_variants v WHERE v.product_id = p.id AND v.is_active = 1)'

/** WHERE clauses for the filters that are set; the statement text depends only on which ones. */
function where (query: ProductQuery): string[] {
  const clauses = ['p.store_client_id = @store', 'p.deleted_at IS NULL']
  if (query.q !== undefined) {
    clauses.push(`(p.name LIKE @pattern ESCAPE '\\' OR p.sku LIKE @pattern ESCAPE '\\' OR p.external_id = @q OR EXISTS (
      SELECT 1 FROM toco_product_variants v WHERE v.product_id = p.id AND v.sku LIKE @pattern ESCAPE '\\'))`)
  }
  if (query.isArchived !== undefined) clauses.push(`p.is_archived = ${query.isArchived ? 1 : 0}`)
  if (query.isVerified !== undefined) clauses.push(`p.is_verified = ${query.isVerified ? 1 : 0}`)
  if (query.isAvailableStock !== undefined) clauses.push(query.isAvailableStock ? 'p.stock > 0' : 'p.stock = 0')
  if (query.isVariantActive !== undefined) clauses.push(query.isVariantActive ? ACTIVE_VARIANT : `NOT ${ACTIVE_VARIANT}`)
  return clauses
}

/** GET /partner/stores/products: one page and the total, with statements cached per filter combination. */
export function productListRepo (db: Db) {
  const cache = new Map<string, { key: string, page: Statement<Record<string, unknown>, ProductRow>, count: Statement<Record<string, unknown>, number> }>()
  const statementsFor = (query: ProductQuery) => {
    const clauses = where(query).join(' AND ')
    const direction = query.order === 'asc' ? 'ASC' : 'DESC'
    const order = `p.${SORT_COLUMNS[query.sortBy]} ${direction}, p.rowid ${direction}`
    const key = `${clauses}|${order}`
    let statements = cache.get(key)
    if (!statements) {
      statements = {
        key,
        // The page's rowids first, from the index alone; whole rows only for those (a deep OFFSET
        // no longer reads every skipped row).
        page: db.prepare(`SELECT p.* FROM toco_products p WHERE p.rowid IN (
            SELECT p.rowid FROM toco_products p WHERE ${clauses} ORDER BY ${order} LIMIT @limit OFFSET @offset)
          ORDER BY ${order}`),
        count: db.prepare<Record<string, unknown>, number>(`SELECT count(*) FROM toco_products p WHERE ${clauses}`).pluck()
      }
      cache.set(key, statements)
    }
    return statements
  }
  // Counting a 10 000-product store is most of a page's cost; between writes the total cannot change.
  const changes = changeStamp(db)
  const totals = new Map<string, number>()
  let stamp = ''
  const countOf = (key: string, statement: Statement<Record<string, unknown>, number>, params: Record<string, unknown>) => {
    const now = changes()
    if (now !== stamp) {
      totals.clear()
      stamp = now
    }
    const cacheKey = `${key}|${JSON.stringify(params)}`
    let total = totals.get(cacheKey)
    if (total === undefined) {
      total = statement.get(params)!
      if (totals.size >= 256) totals.clear()
      totals.set(cacheKey, total)
    }
    return total
  }
  return {
    page (query: ProductQuery): { rows: ProductRow[], total: number } {
      const { key, page, count } = statementsFor(query)
      const params: Record<string, unknown> = { store: query.store }
      if (query.q !== undefined) Object.assign(params, { q: query.q, pattern: `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` })
      return { rows: page.all({ ...params, limit: query.limit, offset: query.offset }), total: countOf(key, count, params) }
    }
  }
}
