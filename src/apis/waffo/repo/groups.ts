import type { Db } from '../../../db/open.js'

export interface GroupRow {
  id: string
  store_id: string
  environment: 'test' | 'prod'
  name: string
  description: string | null
  /** JSON {sharedTrial, selfServicePlanChange}. */
  rules: string
  /** JSON array of product ids. */
  product_ids: string
  published_from: string | null
  created_at: string
  updated_at: string
}

/** Subscription product groups: one row per environment, hard-deleted, name unique per store and environment. */
export function groupsRepo (db: Db) {
  const insert = db.prepare<GroupRow, GroupRow>(`
    INSERT INTO waffo_product_groups (id, store_id, environment, name, description, rules, product_ids, published_from, created_at, updated_at)
    VALUES (@id, @store_id, @environment, @name, @description, @rules, @product_ids, @published_from, @created_at, @updated_at) RETURNING *`)
  const update = db.prepare<Pick<GroupRow, 'id' | 'name' | 'description' | 'rules' | 'product_ids' | 'updated_at'>, GroupRow>(`
    UPDATE waffo_product_groups SET name = @name, description = @description, rules = @rules, product_ids = @product_ids, updated_at = @updated_at
    WHERE id = @id RETURNING *`)
  const byId = db.prepare<[string], GroupRow>(`
    SELECT g.* FROM waffo_product_groups g JOIN waffo_stores s ON s.id = g.store_id WHERE g.id = ? AND s.deleted_at IS NULL`)
  const named = db.prepare<[string, string, string], GroupRow>('SELECT * FROM waffo_product_groups WHERE store_id = ? AND environment = ? AND name = ?')
  const publishedFrom = db.prepare<[string], GroupRow>("SELECT * FROM waffo_product_groups WHERE published_from = ? AND environment = 'prod'")
  const ofStore = db.prepare<[string, string], GroupRow>('SELECT * FROM waffo_product_groups WHERE store_id = ? AND environment = ? ORDER BY created_at, rowid')
  const remove = db.prepare<[string], GroupRow>('DELETE FROM waffo_product_groups WHERE id = ? RETURNING *')
  return {
    insert: (row: GroupRow) => insert.get(row)!,
    update: (row: Pick<GroupRow, 'id' | 'name' | 'description' | 'rules' | 'product_ids' | 'updated_at'>) => update.get(row)!,
    /** A group of a live store. */
    byId: (id: string) => byId.get(id),
    named: (storeId: string, environment: string, name: string) => named.get(storeId, environment, name),
    /** The prod copy publish-group made of a test group. */
    publishedFrom: (testId: string) => publishedFrom.get(testId),
    ofStores: (storeIds: readonly string[], environment: string) => storeIds.flatMap((storeId) => ofStore.all(storeId, environment)),
    remove: (id: string) => remove.get(id)!
  }
}
