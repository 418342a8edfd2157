import type { Db } from '../../../db/open.js'
import type { ProductType } from '../catalog/content.js'

export type ProductStatus = 'active' | 'inactive'

export interface ProductRow {
  id: string
  store_id: string
  type: ProductType
  name: string
  test_status: ProductStatus
  prod_status: ProductStatus
  created_at: string
  updated_at: string
  test_version: number
  test_content: string
  prod_version: number | null
  prod_content: string | null
}

export interface NewProduct { id: string, storeId: string, type: ProductType, name: string, content: string, at: string }

/** Products, reachable only through a live store. */
export function productsRepo (db: Db) {
  const live = db.prepare<[string], ProductRow>(`
    SELECT p.* FROM waffo_products p JOIN waffo_stores s ON s.id = p.store_id
    WHERE p.id = ? AND s.deleted_at IS NULL`)
  // One indexed lookup per store (a json_each IN list scanned the table).
  const ofStore = db.prepare<[string, string], ProductRow>(
    'SELECT * FROM waffo_products WHERE store_id = ? AND type = ? ORDER BY created_at, rowid')
  const insert = db.prepare<NewProduct, ProductRow>(`
    INSERT INTO waffo_products (id, store_id, type, name, test_status, prod_status, created_at, updated_at,
      test_version, test_content, prod_version, prod_content)
    VALUES (@id, @storeId, @type, @name, 'active', 'inactive', @at, @at, 1, @content, NULL, NULL) RETURNING *`)
  const newVersion = db.prepare<{ id: string, name: string, content: string, at: string }, ProductRow>(`
    UPDATE waffo_products SET name = @name, test_content = @content, test_version = test_version + 1, updated_at = @at
    WHERE id = @id RETURNING *`)
  const publish = db.prepare<{ id: string, at: string }, ProductRow>(`
    UPDATE waffo_products SET prod_content = test_content, prod_version = test_version, prod_status = 'active', updated_at = @at
    WHERE id = @id RETURNING *`)
  const setTest = db.prepare<{ id: string, status: string, at: string }, ProductRow>(
    'UPDATE waffo_products SET test_status = @status, updated_at = @at WHERE id = @id RETURNING *')
  const setProd = db.prepare<{ id: string, status: string, at: string }, ProductRow>(
    'UPDATE waffo_products SET prod_status = @status, updated_at = @at WHERE id = @id RETURNING *')
  return {
    /** The product, if it exists and its store is not deleted. */
    live: (id: string) => live.get(id),
    /** Every product of these stores of one type, oldest first. */
    ofStores: (storeIds: readonly string[], type: ProductType) => storeIds.flatMap((storeId) => ofStore.all(storeId, type)),
    create: (product: NewProduct) => insert.get(product)!,
    newVersion: (id: string, name: string, content: string, at: string) => newVersion.get({ id, name, content, at })!,
    publish: (id: string, at: string) => publish.get({ id, at })!,
    setStatus: (id: string, environment: 'test' | 'prod', status: ProductStatus, at: string) =>
      (environment === 'test' ? setTest : setProd).get({ id, status, at })!
  }
}
