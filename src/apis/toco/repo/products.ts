import type { Db } from '../../../db/open.js'

export interface ProductRef { id: string, external_id: string }

export interface ProductRow {
  id: string
  store_client_id: string
  external_id: string
  name: string
  sku: string | null
  price: number
  special_price: number | null
  stock: number
  is_archived: 0 | 1
  is_verified: 0 | 1
  /** JSON of ProductDetails. */
  details: string
  /** JSON of OptionGroup[] ('[]' for a simple product). */
  option_groups: string
  created_at: string
  updated_at: string
  deleted_at: string | null
}

export interface VariantRow {
  id: string
  product_id: string
  sku: string
  name: string
  price: number
  special_price: number | null
  stock: number
  is_active: 0 | 1
  /** JSON of VariantOption[]. */
  options: string
  created_at: string
  updated_at: string
}

export interface StockLevel { clientId: string, name: string, stock: number }

/** The columns a create or an update writes. */
export type ProductWrite = Pick<ProductRow, 'id' | 'store_client_id' | 'external_id' | 'name' | 'sku' | 'price' | 'special_price' |
  'stock' | 'is_archived' | 'is_verified' | 'details' | 'created_at' | 'updated_at' | 'deleted_at'> & { option_groups?: string }

const LIVE = 'store_client_id = @store AND deleted_at IS NULL'

/** Products, their variants and their stock per warehouse. Lookups skip deleted products; only the export (state.ts) reads them. */
export function productsRepo (db: Db) {
  const live = db.prepare<[string, string], ProductRef>(
    'SELECT id, external_id FROM toco_products WHERE id = ? AND store_client_id = ? AND deleted_at IS NULL')
  const softDelete = db.prepare<[string, string, string]>('UPDATE toco_products SET deleted_at = ?, updated_at = ? WHERE id = ?')
  const byId = db.prepare<{ store: string, id: string }, ProductRow>(`SELECT * FROM toco_products WHERE id = @id AND ${LIVE}`)
  const byExternalId = db.prepare<{ store: string, externalId: string }, ProductRow>(
    `SELECT * FROM toco_products WHERE external_id = @externalId AND ${LIVE}`)
  const bySku = db.prepare<{ store: string, sku: string }, ProductRow>(`SELECT * FROM toco_products WHERE sku = @sku AND ${LIVE}`)
  const variantBySku = db.prepare<{ store: string, sku: string }, VariantRow>(`
    SELECT v.* FROM toco_product_variants v JOIN toco_products p ON p.id = v.product_id
    WHERE v.sku = @sku AND p.store_client_id = @store AND p.deleted_at IS NULL`)
  const variants = db.prepare<[string], VariantRow>('SELECT * FROM toco_product_variants WHERE product_id = ? ORDER BY rowid')
  const levels = db.prepare<[string], StockLevel>(`
    SELECT l.warehouse_client_id AS clientId, w.name, l.stock FROM toco_stock_levels l
    JOIN toco_warehouses w ON w.client_id = l.warehouse_client_id WHERE l.item_id = ? ORDER BY w.rowid`)
  const insert = db.prepare<ProductWrite & { option_groups: string }>(`INSERT INTO toco_products
    (id, store_client_id, external_id, name, sku, price, special_price, stock, is_archived, is_verified, details, created_at, updated_at, deleted_at,
      option_groups)
    VALUES (@id, @store_client_id, @external_id, @name, @sku, @price, @special_price, @stock, @is_archived, @is_verified, @details,
      @created_at, @updated_at, @deleted_at, @option_groups)`)
  const update = db.prepare<ProductWrite>(`UPDATE toco_products SET name = @name, sku = @sku, price = @price,
    special_price = @special_price, stock = @stock, is_archived = @is_archived, details = @details, updated_at = @updated_at WHERE id = @id`)
  const setOptionGroups = db.prepare<[string, string]>('UPDATE toco_products SET option_groups = ? WHERE id = ?')
  const insertVariant = db.prepare<VariantRow>(`INSERT INTO toco_product_variants
    (id, product_id, sku, name, price, special_price, stock, is_active, options, created_at, updated_at)
    VALUES (@id, @product_id, @sku, @name, @price, @special_price, @stock, @is_active, @options, @created_at, @updated_at)`)
  const updateVariant = db.prepare<VariantRow>(`UPDATE toco_product_variants
    SET price = @price, special_price = @special_price, stock = @stock, updated_at = @updated_at WHERE id = @id`)
  const reviseVariant = db.prepare<VariantRow>(`UPDATE toco_product_variants SET name = @name, price = @price, special_price = @special_price,
    stock = @stock, is_active = @is_active, options = @options, updated_at = @updated_at WHERE id = @id`)
  const hasActiveVariant = db.prepare<[string]>('SELECT 1 FROM toco_product_variants WHERE product_id = ? AND is_active = 1 LIMIT 1').pluck()
  const clearLevels = db.prepare<[string]>('DELETE FROM toco_stock_levels WHERE item_id = ?')
  const setLevel = db.prepare<{ item: string, warehouse: string, stock: number }>(`
    INSERT INTO toco_stock_levels (item_id, warehouse_client_id, stock) VALUES (@item, @warehouse, @stock)
    ON CONFLICT (item_id, warehouse_client_id) DO UPDATE SET stock = excluded.stock`)

  return {
    /** A product of this store that is not deleted. */
    findLive: (id: string, storeClientId: string) => live.get(id, storeClientId),
    softDelete: (id: string, at: string) => { softDelete.run(at, at, id) },
    byId: (store: string, id: string) => byId.get({ store, id }),
    byExternalId: (store: string, externalId: string) => byExternalId.get({ store, externalId }),
    /** A simple product with this SKU. */
    bySku: (store: string, sku: string) => bySku.get({ store, sku }),
    variantBySku: (store: string, sku: string) => variantBySku.get({ store, sku }),
    /** The live product that holds this SKU, itself or through a variant. */
    skuHolder (store: string, sku: string): string | undefined {
      return bySku.get({ store, sku })?.id ?? variantBySku.get({ store, sku })?.product_id
    },
    variants: (productId: string) => variants.all(productId),
    levels: (itemId: string) => levels.all(itemId),
    /**
     * A product with variants is one with an active variant: `variants.items: []` soft-deactivates
     * them all and leaves a simple product (whose old variants still show, inactive).
     */
    hasVariants: (productId: string) => hasActiveVariant.get(productId) !== undefined,
    insert: (row: ProductWrite) => { insert.run({ option_groups: '[]', ...row }) },
    update: (row: ProductWrite) => { update.run(row) },
    insertVariant: (row: VariantRow) => { insertVariant.run(row) },
    updateVariant: (row: VariantRow) => { updateVariant.run(row) },
    /** Every column a with-variants row or Update Product may change, is_active included. */
    reviseVariant: (row: VariantRow) => { reviseVariant.run(row) },
    setOptionGroups: (productId: string, groups: string) => { setOptionGroups.run(groups, productId) },
    /** Removes an item's stock rows (a simple product that became a product with variants). */
    clearLevels: (itemId: string) => { clearLevels.run(itemId) },
    setLevel: (item: string, warehouse: string, stock: number) => { setLevel.run({ item, warehouse, stock }) }
  }
}

export type ProductsRepo = ReturnType<typeof productsRepo>
