import Type from 'typebox'
import { ROW_ERRORS, type RowFailure } from '../errors.js'
import { newId } from '../ids.js'
import type { VariantRow } from '../repo/products.js'
import { Money, type OptionGroup, SpecialPrice, Stock, VariantOptions, type VariantOption, WarehouseStock } from './fields.js'
import { checkWarehouses, fail, type Judged, type Levels, type RowScope } from './judging.js'
import { distribute, sum } from './stock.js'

/** One entry of `variants.items`: a variant, identified by its `sku` within the store. */
export const VariantItem = Type.Object({
  sku: Type.String({ minLength: 1, maxLength: 100 }),
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
  options: Type.Optional(VariantOptions),
  price: Type.Optional(Money),
  specialPrice: Type.Optional(SpecialPrice),
  stock: Type.Optional(Stock),
  warehouses: Type.Optional(Type.Array(WarehouseStock, { maxItems: 100 }))
})
export type VariantItem = Type.Static<typeof VariantItem>

/** The product-level fields a product with variants must not carry (PRD3). */
export const PRODUCT_LEVEL_FIELDS = ['price', 'specialPrice', 'stock', 'sku', 'warehouses'] as const

interface ItemPlan { item: VariantItem, existing: VariantRow | undefined, levels: Levels | undefined, name: string, options: VariantOption[] }

/** What `variants.items` (the final desired set) does to a product's variants. */
export interface VariantsPlan { items: ItemPlan[], deactivate: VariantRow[], skus: string[] }

const at = (failure: RowFailure, path: string) => fail({ ...failure, path })

/** Option groups: names unique, options unique within their group. */
export function judgeOptionGroups (groups: readonly OptionGroup[], path = 'optionGroups'): Judged<OptionGroup[]> {
  const names = new Set<string>()
  for (const [g, group] of groups.entries()) {
    if (names.has(group.name)) return at(ROW_ERRORS.invalid(`${path}.${g}.name`, `repeats the option group ${group.name}`), `${path}.${g}.name`)
    names.add(group.name)
    if (new Set(group.options).size !== group.options.length) {
      return at(ROW_ERRORS.invalid(`${path}.${g}.options`, 'must not repeat an option'), `${path}.${g}.options`)
    }
  }
  return { plan: [...groups] }
}

/** The item's options in the groups' order, each group once and each value one of its group's. */
function judgeOptions (given: VariantOption[] | undefined, existing: VariantRow | undefined, groups: readonly OptionGroup[], p: string): Judged<VariantOption[]> {
  if (given === undefined) {
    const kept = existing ? JSON.parse(existing.options) as VariantOption[] : []
    const fits = kept.length === groups.length && groups.every((group) => kept.some((option) => option.name === group.name && group.options.includes(option.value)))
    return fits ? { plan: kept } : at(ROW_ERRORS.required(`${p}.options`), `${p}.options`)
  }
  for (const [k, option] of given.entries()) {
    const group = groups.find((candidate) => candidate.name === option.name)
    if (!group) return at(ROW_ERRORS.invalid(`${p}.options.${k}.name`, `${option.name} is not an option group of this product`), `${p}.options.${k}.name`)
    if (!group.options.includes(option.value)) {
      return at(ROW_ERRORS.invalid(`${p}.options.${k}.value`, `${option.value} is not an option of ${option.name}`), `${p}.options.${k}.value`)
    }
  }
  if (given.length !== groups.length || new Set(given.map((option) => option.name)).size !== given.length) {
    return at(ROW_ERRORS.invalid(`${p}.options`, 'must give one value for each option group'), `${p}.options`)
  }
  return { plan: groups.map((group) => given.find((option) => option.name === group.name)!) }
}

/** Where an item's stock goes: its own (no warehouses), split over every warehouse, or the listed ones. */
function judgeLevels (item: VariantItem, isNew: boolean, scope: RowScope, p: string): Judged<Levels | undefined> {
  if (item.stock !== undefined && item.warehouses !== undefined) return at(ROW_ERRORS.stockAndWarehouses(), p)
  if (item.warehouses !== undefined) {
    const ids = item.warehouses.map((level) => level.clientId)
    const problem = checkWarehouses(ids, scope)
    if (problem) {
      const j = ids.findIndex((clientId) => !scope.warehouses.includes(clientId))
      return at(problem, problem.code === 'PRD_005' ? `${p}.warehouses.${j}.clientId` : `${p}.warehouses`)
    }
    return { plan: item.warehouses.map(({ clientId, stock }) => ({ clientId, stock })) }
  }
  if (item.stock !== undefined) return { plan: scope.warehouses.length > 0 ? distribute(item.stock, scope.warehouses) : undefined }
  return isNew ? at(ROW_ERRORS.required(`${p}.stock or warehouses`), p) : { plan: undefined }
}

/**
 * Judges `variants.items` as the final desired set of a product's variants: an item whose SKU is
 * one of `current` updates (and reactivates) it, any other creates a variant, and the current
 * variants left out are deactivated. `owner` is the product (undefined when new) and the key that
 * claims SKUs among the rows of one request. Claims nothing unless every item passes.
 */
export function judgeVariantItems (items: readonly VariantItem[], current: readonly VariantRow[], groups: readonly OptionGroup[],
  scope: RowScope, owner: { productId: string | undefined, key: string }, path = 'variants.items'): Judged<VariantsPlan> {
  const plans: ItemPlan[] = []
  const skus = new Set<string>()
  const combinations = new Set<string>()
  for (const [i, item] of items.entries()) {
    const p = `${path}.${i}`
    if (skus.has(item.sku)) return at(ROW_ERRORS.duplicateSku(item.sku), `${p}.sku`)
    skus.add(item.sku)
    const existing = current.find((variant) => variant.sku === item.sku)
    if (!existing) {
      const holder = scope.repos.products.skuHolder(scope.store, item.sku)
      const claimedBy = scope.skus.get(item.sku)
      if ((holder !== undefined && holder !== owner.productId) || (claimedBy !== undefined && claimedBy !== owner.key)) {
        return at(ROW_ERRORS.skuTaken(item.sku), `${p}.sku`)
      }
      if (item.price === undefined) return at(ROW_ERRORS.required(`${p}.price`), `${p}.price`)
    }
    const levels = judgeLevels(item, !existing, scope, p)
    if (levels.failure) return levels
    const options = judgeOptions(item.options, existing, groups, p)
    if (options.failure) return options
    if (groups.length > 0) {
      const combination = JSON.stringify(options.plan.map((option) => option.value))
      if (combinations.has(combination)) return at(ROW_ERRORS.invalid(`${p}.options`, 'repeat those of another variant'), `${p}.options`)
      combinations.add(combination)
    }
    const name = item.name ?? (options.plan.length > 0 ? options.plan.map((option) => option.value).join(' / ') : existing?.name ?? item.sku)
    plans.push({ item, existing, levels: levels.plan, name, options: options.plan })
  }
  const deactivate = current.filter((variant) => variant.is_active === 1 && !skus.has(variant.sku))
  return { plan: { items: plans, deactivate, skus: [...skus] } }
}

/** Records the SKUs a judged product claims, so a later row of the same request cannot take them. */
export function claimSkus (scope: RowScope, plan: VariantsPlan, key: string): void {
  for (const sku of plan.skus) scope.skus.set(sku, key)
}

/**
 * Writes the variants: updated ones keep what an item leaves out, new ones start at 0 in every
 * warehouse but those given, every listed one is active, the rest are soft-deactivated.
 */
export function applyVariantItems (plan: VariantsPlan, scope: RowScope, productId: string, now: string): void {
  const { products } = scope.repos
  for (const { item, existing, levels, name, options } of plan.items) {
    const id = existing?.id ?? newId()
    if (!existing) for (const clientId of scope.warehouses) products.setLevel(id, clientId, 0)
    for (const level of levels ?? []) products.setLevel(id, level.clientId, level.stock)
    const stock = levels !== undefined ? sum(products.levels(id)) : item.stock ?? existing?.stock ?? 0
    const row: VariantRow = {
      id,
      product_id: productId,
      sku: item.sku,
      name,
      price: item.price ?? existing!.price,
      special_price: item.specialPrice === undefined ? existing?.special_price ?? null : item.specialPrice,
      stock,
      is_active: 1,
      options: JSON.stringify(options),
      created_at: existing?.created_at ?? now,
      updated_at: now
    }
    if (existing) products.reviseVariant(row)
    else products.insertVariant(row)
  }
  for (const variant of plan.deactivate) products.reviseVariant({ ...variant, is_active: 0, updated_at: now })
}
