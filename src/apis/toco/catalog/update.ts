import Type from 'typebox'
import { ROW_ERRORS } from '../errors.js'
import type { TocoRepos } from '../repo/index.js'
import type { ProductRow } from '../repo/products.js'
import { Money, type OptionGroup, OptionGroups, pickDetails, ProductDetails, SpecialPrice, Stock, WarehouseStock } from './fields.js'
import { checkWarehouses, fail, type Judged, type Levels, refreshFromVariants, rowScope, type RowScope } from './judging.js'
import { distribute, sum } from './stock.js'
import { applyVariantItems, judgeOptionGroups, judgeVariantItems, PRODUCT_LEVEL_FIELDS, VariantItem, type VariantsPlan } from './variants.js'

/** Update Product (PRD3): every field optional; what is left out stays as it is. */
export const UpdateProductBody = Type.Object({
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
  sku: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 100 }), Type.Null()])),
  price: Type.Optional(Money),
  specialPrice: Type.Optional(SpecialPrice),
  stock: Type.Optional(Stock),
  warehouses: Type.Optional(Type.Array(WarehouseStock, { maxItems: 100 })),
  isArchived: Type.Optional(Type.Boolean()),
  ...ProductDetails.properties,
  optionGroups: Type.Optional(OptionGroups),
  variants: Type.Optional(Type.Object({ items: Type.Array(VariantItem, { maxItems: 100 }) }))
})
export type UpdateProductBody = Type.Static<typeof UpdateProductBody>

type Plan =
  | { kind: 'variants', groups: OptionGroup[] | undefined, variants: VariantsPlan | undefined }
  | { kind: 'simple', converting: boolean, levels: Levels | undefined }

/**
 * The documented rules, judged before anything is written: a product with variants (or one that
 * `variants.items` gives variants) takes no product-level price, specialPrice, stock, sku or
 * warehouses; stock at one level only; warehouses of this store, not empty.
 */
function judgeUpdate (product: ProductRow, body: UpdateProductBody, scope: RowScope): Judged<Plan> {
  const { products } = scope.repos
  const hasVariants = products.hasVariants(product.id)
  const items = body.variants?.items
  const willHaveVariants = items === undefined ? hasVariants : items.length > 0
  if (willHaveVariants) {
    const productLevel = PRODUCT_LEVEL_FIELDS.find((field) => body[field] !== undefined)
    if (productLevel) return fail({ ...ROW_ERRORS.variantProduct(), path: productLevel })
    if (body.optionGroups !== undefined && items === undefined) return fail({ ...ROW_ERRORS.required('variants.items'), path: 'variants.items' })
    const groups = judgeOptionGroups(body.optionGroups ?? JSON.parse(product.option_groups) as OptionGroup[])
    if (groups.failure) return groups
    if (items === undefined) return { plan: { kind: 'variants', groups: undefined, variants: undefined } }
    const variants = judgeVariantItems(items, products.variants(product.id), groups.plan, scope, { productId: product.id, key: product.id })
    if (variants.failure) return variants
    return { plan: { kind: 'variants', groups: groups.plan, variants: variants.plan } }
  }
  if (body.optionGroups !== undefined && body.optionGroups.length > 0) {
    return fail({ ...ROW_ERRORS.invalid('optionGroups', 'are only for a product with variants'), path: 'optionGroups' })
  }
  if (body.stock !== undefined && body.warehouses !== undefined) return fail(ROW_ERRORS.stockAndWarehouses())
  if (body.warehouses !== undefined) {
    const ids = body.warehouses.map((level) => level.clientId)
    const problem = checkWarehouses(ids, scope)
    if (problem) {
      const j = ids.findIndex((clientId) => !scope.warehouses.includes(clientId))
      return fail({ ...problem, path: problem.code === 'PRD_005' ? `warehouses.${j}.clientId` : 'warehouses' })
    }
  }
  if (body.sku) {
    const holder = products.skuHolder(scope.store, body.sku)
    if (holder !== undefined && holder !== product.id) return fail({ ...ROW_ERRORS.skuTaken(body.sku), path: 'sku' })
  }
  const levels = body.warehouses?.map(({ clientId, stock }) => ({ clientId, stock })) ??
    (body.stock !== undefined && scope.warehouses.length > 0 ? distribute(body.stock, scope.warehouses) : undefined)
  return { plan: { kind: 'simple', converting: hasVariants, levels } }
}

/** Writes a judged update. */
function applyUpdate (product: ProductRow, body: UpdateProductBody, plan: Plan, scope: RowScope, at: string): void {
  const { products } = scope.repos
  const details = JSON.stringify(pickDetails({ ...JSON.parse(product.details) as ProductDetails, ...pickDetails(body) }))
  const base = {
    ...product,
    name: body.name ?? product.name,
    is_archived: (body.isArchived ?? product.is_archived === 1) ? 1 as const : 0 as const,
    details,
    updated_at: at
  }
  if (plan.kind === 'variants') {
    // A simple product that gains variants keeps no stock or SKU of its own.
    if (!products.hasVariants(product.id)) products.clearLevels(product.id)
    products.update({ ...base, sku: null })
    if (plan.groups) products.setOptionGroups(product.id, JSON.stringify(plan.groups))
    if (plan.variants) applyVariantItems(plan.variants, scope, product.id, at)
    refreshFromVariants(scope, products.byId(scope.store, product.id)!, at)
    return
  }
  if (plan.converting) {
    // `variants.items: []`: every variant soft-deactivated; the simple product starts from 0 stock.
    for (const variant of products.variants(product.id)) {
      if (variant.is_active === 1) products.reviseVariant({ ...variant, is_active: 0, updated_at: at })
    }
    products.setOptionGroups(product.id, '[]')
    for (const clientId of scope.warehouses) products.setLevel(product.id, clientId, 0)
  }
  for (const level of plan.levels ?? []) products.setLevel(product.id, level.clientId, level.stock)
  const stock = scope.warehouses.length > 0
    ? (plan.levels || plan.converting ? sum(products.levels(product.id)) : product.stock)
    : body.stock ?? (plan.converting ? 0 : product.stock)
  products.update({
    ...base,
    sku: body.sku === undefined ? product.sku : body.sku,
    price: body.price ?? product.price,
    special_price: body.specialPrice === undefined ? product.special_price : body.specialPrice,
    stock
  })
}

/** Update Product, synchronous: the failure that refuses it (nothing written), or nothing once written. */
export function updateProduct (repos: TocoRepos, store: string, product: ProductRow, body: UpdateProductBody, at: string) {
  const scope = rowScope(repos, store)
  const judged = judgeUpdate(product, body, scope)
  if (judged.failure) return judged.failure
  applyUpdate(product, body, judged.plan, scope, at)
  return undefined
}
