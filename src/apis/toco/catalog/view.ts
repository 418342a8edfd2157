import type { ProductView } from '../format.js'
import type { TocoRepos } from '../repo/index.js'
import type { ProductRow } from '../repo/products.js'

/** A product with its variants (optionally only active or inactive ones) and stock per warehouse. */
export function productView (repos: TocoRepos, row: ProductRow, activeVariants?: boolean): ProductView {
  const variants = repos.products.variants(row.id)
    .filter((variant) => activeVariants === undefined || (variant.is_active === 1) === activeVariants)
    .map((variant) => ({ row: variant, levels: repos.products.levels(variant.id) }))
  return { row, levels: repos.products.levels(row.id), variants }
}
