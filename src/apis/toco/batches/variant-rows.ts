import Type from 'typebox'
import { type OptionGroup, OptionGroups, ProductDetails } from '../catalog/fields.js'
import { applyVariantItems, claimSkus, judgeOptionGroups, judgeVariantItems, PRODUCT_LEVEL_FIELDS, VariantItem, type VariantsPlan } from '../catalog/variants.js'
import { ROW_ERRORS } from '../errors.js'
import { newId } from '../ids.js'
import type { ProductRow } from '../repo/products.js'
import { writeProduct } from './product-rows.js'
import { fail, type Judged, refreshFromVariants, type RowScope } from '../catalog/judging.js'
import { rowChecker } from './rows.js'

/**
 * A Create Products With Variants row (PRD2): the parent's §4.1 fields, `optionGroups`, and
 * `variants.items` (at least one); no product-level price, specialPrice, stock, sku or warehouses.
 */
export const VariantProductInput = Type.Object({
  externalId: Type.String({ minLength: 1, maxLength: 255 }),
  name: Type.String({ minLength: 1, maxLength: 255 }),
  isArchived: Type.Optional(Type.Boolean()),
  ...ProductDetails.properties,
  optionGroups: Type.Optional(OptionGroups),
  variants: Type.Object({ items: Type.Array(VariantItem, { minItems: 1, maxItems: 100 }) })
})
type VariantProductInput = Type.Static<typeof VariantProductInput>

const check = rowChecker(VariantProductInput)

export interface VariantProductPlan { input: VariantProductInput, existing: ProductRow | undefined, groups: OptionGroup[], variants: VariantsPlan }

/**
 * Create or update by externalId (catalog with-variants sync: create only), each variant by its
 * SKU; `variants.items` is the product's final set of variants, as in Update Product. Judged when
 * the request is accepted and again when the batch applies.
 */
export function judgeVariantProductRow (raw: unknown, scope: RowScope, createOnly: boolean): Judged<VariantProductPlan> {
  const checked = check(raw)
  if (!checked.plan) return checked
  const input = checked.plan
  const productLevel = PRODUCT_LEVEL_FIELDS.find((field) => (raw as Record<string, unknown>)[field] !== undefined)
  if (productLevel) return fail({ ...ROW_ERRORS.variantProduct(), path: productLevel })
  if (scope.seen.has(input.externalId)) return fail(ROW_ERRORS.duplicateRow())
  const existing = scope.repos.products.byExternalId(scope.store, input.externalId)
  if (existing && createOnly) return fail(ROW_ERRORS.alreadyExists())
  const groups = judgeOptionGroups(input.optionGroups ?? (existing ? JSON.parse(existing.option_groups) as OptionGroup[] : []))
  if (groups.failure) return groups
  const current = existing ? scope.repos.products.variants(existing.id) : []
  const variants = judgeVariantItems(input.variants.items, current, groups.plan, scope, { productId: existing?.id, key: input.externalId })
  if (variants.failure) return variants
  claimSkus(scope, variants.plan, input.externalId)
  scope.seen.add(input.externalId)
  return { plan: { input, existing, groups: groups.plan, variants: variants.plan } }
}

/** Creates or updates the parent, then its variants; its price and stock follow them. Returns its id. */
export function applyVariantProductRow ({ input, existing, groups, variants }: VariantProductPlan, scope: RowScope, at: string): string {
  const { products } = scope.repos
  const id = existing?.id ?? newId()
  // A simple product that gains variants keeps no stock of its own.
  if (existing && !products.hasVariants(existing.id)) products.clearLevels(existing.id)
  writeProduct(scope, existing, input, {
    id, sku: null, price: existing?.price ?? 0, special_price: existing?.special_price ?? null, stock: existing?.stock ?? 0
  }, at)
  products.setOptionGroups(id, JSON.stringify(groups))
  applyVariantItems(variants, scope, id, at)
  refreshFromVariants(scope, products.byId(scope.store, id)!, at)
  return id
}
