import { ROW_ERRORS, type RowFailure } from '../errors.js'
import type { ProductRow, VariantRow } from '../repo/products.js'
import { fail, type Judged, type RowScope } from '../catalog/judging.js'

/** What an inventory or price row acts on: a simple product, or one variant of a product. */
export type Target = { product: ProductRow, variant?: undefined } | { product: ProductRow, variant: VariantRow }

export interface TargetKeys { sku?: string | undefined, id?: string | undefined, externalId?: string | undefined }

/**
 * Finds the row's product by exactly one key. A SKU may name a simple product or a variant; an
 * id or externalId names a product, which must not have variants (`onVariants` says why not).
 */
export function resolveTarget (keys: TargetKeys, allowed: ReadonlyArray<keyof TargetKeys>, scope: RowScope,
  onVariants: RowFailure): Judged<Target> {
  const given = allowed.filter((key) => keys[key] !== undefined)
  if (given.length !== 1) return fail(ROW_ERRORS.oneKey(`${allowed.slice(0, -1).join(', ')} or ${allowed.at(-1)!}`))
  const { products } = scope.repos
  const key = given[0]!
  const value = keys[key]!
  if (scope.seen.has(`${key}:${value}`)) return fail(ROW_ERRORS.duplicateRow())
  scope.seen.add(`${key}:${value}`)
  if (key === 'sku') {
    const simple = products.bySku(scope.store, value)
    if (simple) return products.hasVariants(simple.id) ? fail(ROW_ERRORS.variantProduct()) : { plan: { product: simple } }
    const variant = products.variantBySku(scope.store, value)
    // A variant of a product converted to simple (`variants.items: []`) is gone for stock and price.
    if (!variant || !products.hasVariants(variant.product_id)) return fail(ROW_ERRORS.skuNotFound())
    return { plan: { product: products.byId(scope.store, variant.product_id)!, variant } }
  }
  const product = key === 'id' ? products.byId(scope.store, value) : products.byExternalId(scope.store, value)
  if (!product) return fail(key === 'id' ? ROW_ERRORS.idNotFound() : ROW_ERRORS.externalIdNotFound())
  return products.hasVariants(product.id) ? fail(onVariants) : { plan: { product } }
}
