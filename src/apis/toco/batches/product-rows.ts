import Type from 'typebox'
import { distribute, sum } from '../catalog/stock.js'
import { Money, pickDetails, ProductDetails, SpecialPrice, Stock, WarehouseStock } from '../catalog/fields.js'
import { ROW_ERRORS } from '../errors.js'
import { newId } from '../ids.js'
import type { ProductRow } from '../repo/products.js'
import { checkWarehouses, fail, type Judged, type RowScope } from '../catalog/judging.js'
import { rowChecker } from './rows.js'

/** A §4.1 product row: externalId, name, price and stock-or-warehouses required, the rest optional. */
export const ProductInput = Type.Object({
  externalId: Type.String({ minLength: 1, maxLength: 255 }),
  name: Type.String({ minLength: 1, maxLength: 255 }),
  sku: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 100 }), Type.Null()])),
  price: Money,
  specialPrice: Type.Optional(SpecialPrice),
  stock: Type.Optional(Stock),
  warehouses: Type.Optional(Type.Array(WarehouseStock, { maxItems: 100 })),
  isArchived: Type.Optional(Type.Boolean()),
  ...ProductDetails.properties
})
type ProductInput = Type.Static<typeof ProductInput>

const check = rowChecker(ProductInput)

export interface ProductPlan { input: ProductInput, existing: ProductRow | undefined }

/**
 * The documented rules for one create-or-update row (catalog sync: create only), against the
 * current state and the earlier rows of the same request. Judged when the request is accepted
 * and again when the batch applies, since the store may have changed in between.
 */
export function judgeProductRow (raw: unknown, scope: RowScope, createOnly: boolean): Judged<ProductPlan> {
  const checked = check(raw)
  if (!checked.plan) return checked
  const input = checked.plan
  if (input.stock !== undefined && input.warehouses !== undefined) return fail(ROW_ERRORS.stockAndWarehouses())
  if (input.stock === undefined && input.warehouses === undefined) return fail(ROW_ERRORS.required('stock or warehouses'))
  if (input.warehouses) {
    const problem = checkWarehouses(input.warehouses.map((level) => level.clientId), scope)
    if (problem) return fail(problem)
  }
  if (scope.seen.has(input.externalId)) return fail(ROW_ERRORS.duplicateRow())
  const existing = scope.repos.products.byExternalId(scope.store, input.externalId)
  if (existing && createOnly) return fail(ROW_ERRORS.alreadyExists())
  if (existing && scope.repos.products.hasVariants(existing.id)) return fail(ROW_ERRORS.variantProduct())
  if (input.sku) {
    const holder = scope.repos.products.skuHolder(scope.store, input.sku)
    const claimedBy = scope.skus.get(input.sku)
    if ((holder !== undefined && holder !== existing?.id) || (claimedBy !== undefined && claimedBy !== input.externalId)) {
      return fail(ROW_ERRORS.skuTaken(input.sku))
    }
    scope.skus.set(input.sku, input.externalId)
  }
  scope.seen.add(input.externalId)
  return { plan: { input, existing } }
}

/** Creates or updates the product; omitted optional fields keep their current values. Returns its id. */
export function applyProductRow ({ input, existing }: ProductPlan, scope: RowScope, at: string): string {
  const { products } = scope.repos
  const id = existing?.id ?? newId()
  const levels = input.warehouses ?? (scope.warehouses.length > 0 ? distribute(input.stock!, scope.warehouses) : [])
  if (!existing) {
    // A new product gets a row in every warehouse: those not listed start at 0.
    for (const clientId of scope.warehouses) products.setLevel(id, clientId, 0)
  }
  for (const level of levels) products.setLevel(id, level.clientId, level.stock)
  const stock = scope.warehouses.length > 0 ? sum(products.levels(id)) : input.stock!
  writeProduct(scope, existing, input, {
    id,
    sku: input.sku === undefined ? existing?.sku ?? null : input.sku,
    price: input.price,
    special_price: input.specialPrice === undefined ? existing?.special_price ?? null : input.specialPrice,
    stock
  }, at)
  return id
}

/** What a row sets on the product itself; the rest comes from the row's common fields or stays. */
interface OwnFields { id: string, sku: string | null, price: number, special_price: number | null, stock: number }

/**
 * Inserts or updates a product from a batch row: the row's name, archive flag and details
 * (merged over the stored ones), its own price and stock fields; creation time and verification kept.
 */
export function writeProduct (scope: RowScope, existing: ProductRow | undefined,
  input: { externalId: string, name: string, isArchived?: boolean | undefined } & Partial<Record<keyof ProductDetails, unknown>>, own: OwnFields, at: string): void {
  const oldDetails = existing ? JSON.parse(existing.details) as ProductDetails : {}
  const row = {
    ...own,
    store_client_id: scope.store,
    external_id: input.externalId,
    name: input.name,
    is_archived: (input.isArchived ?? existing?.is_archived === 1) ? 1 as const : 0 as const,
    is_verified: existing?.is_verified ?? 0,
    details: JSON.stringify(pickDetails({ ...oldDetails, ...pickDetails(input) })),
    created_at: existing?.created_at ?? at,
    updated_at: at,
    deleted_at: null
  }
  if (existing) scope.repos.products.update(row)
  else scope.repos.products.insert(row)
}
