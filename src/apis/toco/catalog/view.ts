import type { ProductView } from '../format.js'
import type { TocoRepos } from '../repo/index.js'
import type { ProductRow } from '../repo/products.js'
import { groupBy } from './group.js'

/** A product with its variants (optionally only active or inactive ones) and stock per warehouse. */
export function productView (repos: TocoRepos, row: ProductRow, activeVariants?: boolean): ProductView {
  const all = repos.products.variants(row.id)
  const variants = all
    .filter((variant) => activeVariants === undefined || (variant.is_active === 1) === activeVariants)
    .map((variant) => ({ row: variant, levels: repos.products.levels(variant.id) }))
  return { row, levels: repos.products.levels(row.id), variants, hasVariants: all.some((variant) => variant.is_active === 1) }
}

/** The same for a page of products, with two statements whatever the page size. */
export function productViews (repos: TocoRepos, rows: ProductRow[]): ProductView[] {
  if (rows.length === 0) return []
  const variants = repos.products.variantsOf(rows.map((row) => row.id))
  const levels = groupBy(repos.products.levelsOf([...rows.map((row) => row.id), ...variants.map((variant) => variant.id)]), (level) => level.itemId)
  const levelsOf = (itemId: string) => (levels.get(itemId) ?? []).map(({ clientId, name, stock }) => ({ clientId, name, stock }))
  const byProduct = groupBy(variants, (variant) => variant.product_id)
  return rows.map((row) => {
    const own = byProduct.get(row.id) ?? []
    return {
      row,
      levels: levelsOf(row.id),
      variants: own.map((variant) => ({ row: variant, levels: levelsOf(variant.id) })),
      hasVariants: own.some((variant) => variant.is_active === 1)
    }
  })
}
