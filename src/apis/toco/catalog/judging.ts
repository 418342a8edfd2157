import { fromVariants } from './seed-products.js'
import { ROW_ERRORS, type RowFailure } from '../errors.js'
import type { TocoRepos } from '../repo/index.js'
import type { ProductRow } from '../repo/products.js'

/**
 * Judging a catalog change before it is made, one row (a batch row, or the single-product update)
 * at a time: what it sees, and what it answers.
 */

/** What judging a row sees: the store, its warehouses, and what earlier rows of the request claimed. */
export interface RowScope {
  repos: TocoRepos
  store: string
  /** The store's warehouse client ids, in their order. */
  warehouses: string[]
  /** Keys earlier rows of the same request used (duplicates are refused). */
  seen: Set<string>
  /** SKUs earlier rows of the same request claim, by the product key that claims them. */
  skus: Map<string, string>
}

export function rowScope (repos: TocoRepos, store: string): RowScope {
  return { repos, store, warehouses: repos.stores.warehouses(store).map((warehouse) => warehouse.client_id), seen: new Set(), skus: new Map() }
}

/** Either the plan a row will carry out, or why it cannot. */
export type Judged<Plan> = { plan: Plan, failure?: undefined } | { failure: RowFailure, plan?: undefined }
export const fail = (failure: RowFailure): { failure: RowFailure } => ({ failure })

export type Levels = Array<{ clientId: string, stock: number }>

/** Warehouse entries must name this store's warehouses, each once, and not be empty. */
export function checkWarehouses (clientIds: readonly string[], scope: RowScope): RowFailure | undefined {
  if (scope.warehouses.length === 0) return ROW_ERRORS.noWarehouses()
  if (clientIds.length === 0) return ROW_ERRORS.emptyWarehouses()
  const unknown = clientIds.find((clientId) => !scope.warehouses.includes(clientId))
  if (unknown !== undefined) return ROW_ERRORS.unknownWarehouse(unknown)
  if (new Set(clientIds).size !== clientIds.length) return ROW_ERRORS.invalid('warehouses', 'must not name a warehouse twice')
  return undefined
}

/** After a variant changed: the product's price and stock follow its variants again. */
export function refreshFromVariants (scope: RowScope, product: ProductRow, at: string): void {
  const { products } = scope.repos
  products.update({ ...product, ...fromVariants(products.variants(product.id)), updated_at: at })
}
