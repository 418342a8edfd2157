import type { Statement } from 'better-sqlite3'
import { changeStamp } from '../../../db/change-stamp.js'
import type { Db } from '../../../db/open.js'

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

/** Ordered product lists kept at most (each is the rowids of one store and filter combination). */
const KEPT_LISTS = 32

/**
 * GET /partner/stores/products: one page and the total. The whole filtered, ordered list of rowids
 * is read once and kept until the next write (the change stamp): every other page of it is a
 * slice (whose products product-json.ts renders), instead of an index walk past OFFSET rows and a
 * count(*) each.
 */
export function productListRepo (db: Db) {
  const statements = new Map<string, Statement<Record<string, unknown>, number>>()
  const statementsFor = (query: ProductQuery) => {
    const clauses = where(query).join(' AND ')
    const direction = query.order === 'asc' ? 'ASC' : 'DESC'
    const order = `p.${SORT_COLUMNS[query.sortBy]} ${direction}, p.rowid ${direction}`
    const key = `${clauses}|${order}`
    let prepared = statements.get(key)
    if (!prepared) {
      prepared = db.prepare<Record<string, unknown>, number>(`SELECT p.rowid FROM toco_products p WHERE ${clauses} ORDER BY ${order}`).pluck()
      statements.set(key, prepared)
    }
    return { key, ids: prepared }
  }
  const changes = changeStamp(db)
  const lists = new Map<string, number[]>()
  let stamp = -1
  return {
    /** The rowids of the page's products, in order, and how many products match. */
    page (query: ProductQuery): { rowids: number[], total: number } {
      const { key, ids } = statementsFor(query)
      const params: Record<string, unknown> = { store: query.store }
      if (query.q !== undefined) Object.assign(params, { q: query.q, pattern: `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` })
      const now = changes()
      if (now !== stamp) {
        lists.clear()
        stamp = now
      }
      const listKey = `${key}|${JSON.stringify(params)}`
      let list = lists.get(listKey)
      if (!list) {
        list = ids.all(params)
        if (lists.size >= KEPT_LISTS) lists.clear()
        lists.set(listKey, list)
      }
      return { rowids: list.slice(query.offset, query.offset + query.limit), total: list.length }
    }
  }
}
