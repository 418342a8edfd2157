import type { SeedContext } from '../../../core/seed-context.js'
import type { TocoFixture } from '../fixture.js'
import type { TocoRepos } from '../repo/index.js'
import { pickDetails } from './fields.js'
import { distribute, sum } from './stock.js'

type FixtureProduct = NonNullable<TocoFixture['products']>[number]
type Levels = ReadonlyArray<{ clientId: string, stock: number }>

/**
 * Inserts one fixture product with its variants and stock per warehouse. A product with an active
 * variant takes its price (the lowest) and stock (the sum of active variants) from them; an item on
 * a store with warehouses takes its stock from its warehouse rows.
 */
export function seedProduct (repos: TocoRepos, product: FixtureProduct, path: string, ctx: SeedContext): void {
  const warehouses = repos.stores.warehouses(product.storeClientId).map((warehouse) => warehouse.client_id)
  const levelsFor = (given: Levels | undefined, stock: number, at: string): Levels => {
    given?.forEach((level, j) => {
      if (!warehouses.includes(level.clientId)) {
        ctx.fail(`${at}/warehouses/${j}/clientId`, `unknown warehouse "${level.clientId}" of store "${product.storeClientId}" (declare it under toco.warehouses)`)
      }
    })
    return given ?? (warehouses.length > 0 ? distribute(stock, warehouses) : [])
  }
  const createdAt = product.createdAt ?? ctx.at
  const updatedAt = product.updatedAt ?? product.deletedAt ?? createdAt

  const variants = (product.variants ?? []).map((variant, v) => {
    const levels = levelsFor(variant.warehouses, variant.stock ?? 10, `${path}/variants/${v}`)
    return {
      levels,
      row: {
        id: variant.id,
        product_id: product.id,
        sku: variant.sku,
        name: variant.name ?? variant.sku,
        price: variant.price ?? 100000,
        special_price: variant.specialPrice ?? null,
        stock: levels.length > 0 ? sum(levels) : variant.stock ?? 10,
        is_active: variant.isActive === false ? 0 as const : 1 as const,
        options: JSON.stringify(variant.options ?? []),
        created_at: variant.createdAt ?? createdAt,
        updated_at: variant.updatedAt ?? variant.createdAt ?? createdAt
      }
    }
  })
  // As the API judges it (hasVariants): only an active variant makes a product one with variants. A
  // product converted to simple keeps its variants, inactive, and its own sku, price and stock.
  const withVariants = variants.some((variant) => variant.row.is_active === 1)
  const levels = withVariants ? [] : levelsFor(product.warehouses, product.stock ?? 10, path)
  const own = withVariants
    ? fromVariants(variants.map((variant) => variant.row))
    : { price: product.price ?? 100000, special_price: product.specialPrice ?? null, stock: levels.length > 0 ? sum(levels) : product.stock ?? 10 }

  ctx.insert(path, () => repos.products.insert({
    id: product.id,
    store_client_id: product.storeClientId,
    external_id: product.externalId,
    name: product.name ?? `Product ${product.externalId}`,
    sku: product.sku ?? null,
    ...own,
    is_archived: product.isArchived ? 1 : 0,
    is_verified: product.isVerified === false ? 0 : 1,
    details: JSON.stringify(pickDetails(product)),
    option_groups: JSON.stringify(product.optionGroups ?? []),
    created_at: createdAt,
    updated_at: updatedAt,
    deleted_at: product.deletedAt ?? null
  }))
  for (const level of levels) repos.products.setLevel(product.id, level.clientId, level.stock)
  variants.forEach((variant, v) => {
    ctx.insert(`${path}/variants/${v}`, () => repos.products.insertVariant(variant.row))
    for (const level of variant.levels) repos.products.setLevel(variant.row.id, level.clientId, level.stock)
  })
}

/** A product with variants shows the lowest price and the summed stock of its active variants. */
export function fromVariants (variants: ReadonlyArray<{ price: number, special_price: number | null, stock: number, is_active: 0 | 1 }>) {
  const active = variants.filter((variant) => variant.is_active === 1)
  const priced = active.length > 0 ? active : variants
  const specials = priced.flatMap((variant) => variant.special_price === null ? [] : [variant.special_price])
  return {
    price: Math.min(...priced.map((variant) => variant.price)),
    special_price: specials.length > 0 ? Math.min(...specials) : null,
    stock: sum(active)
  }
}
