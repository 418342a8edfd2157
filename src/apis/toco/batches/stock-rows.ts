import Type from 'typebox'
import { distribute, sum } from '../catalog/stock.js'
import { Stock } from '../catalog/fields.js'
import { ROW_ERRORS } from '../errors.js'
import { checkWarehouses, fail, type Judged, type Levels, refreshFromVariants, type RowScope } from '../catalog/judging.js'
import { rowChecker } from './rows.js'
import { resolveTarget, type Target } from './targets.js'

/** An Update Stocks item: one key, then global `stock`, `stock` + warehouse ids, or `{clientId, stock}` objects. */
export const StockInput = Type.Object({
  sku: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  id: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
  externalId: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
  stock: Type.Optional(Stock),
  warehouses: Type.Optional(Type.Array(Type.Unknown(), { maxItems: 100 }))
})

const check = rowChecker(StockInput)
const WAREHOUSE_FORMS = 'must be a list of warehouse ids or a list of {clientId, stock}'

export interface StockPlan { target: Target, stock: number | undefined, levels: Levels | undefined }

const isLevel = (value: unknown): value is { clientId: string, stock: number } => {
  const level = value as { clientId?: unknown, stock?: unknown }
  return typeof value === 'object' && value !== null && typeof level.clientId === 'string' && level.clientId.length > 0 &&
    Number.isSafeInteger(level.stock) && (level.stock as number) >= 0 && (level.stock as number) <= 1_000_000_000
}

/** The stock each warehouse gets, or the item's own stock on a store without warehouses. */
function plannedLevels (stock: number | undefined, warehouses: unknown[] | undefined, scope: RowScope): Judged<Levels | undefined> {
  if (warehouses === undefined) {
    if (stock === undefined) return fail(ROW_ERRORS.required('stock or warehouses'))
    return { plan: scope.warehouses.length > 0 ? distribute(stock, scope.warehouses) : undefined }
  }
  const ids = warehouses.every((entry) => typeof entry === 'string') ? warehouses as string[] : undefined
  const levels = !ids && warehouses.every(isLevel) ? warehouses : undefined
  if (!ids && !levels) return fail(ROW_ERRORS.invalid('warehouses', WAREHOUSE_FORMS))
  if (levels && stock !== undefined) return fail(ROW_ERRORS.stockAndWarehouses())
  if (ids && stock === undefined) return fail(ROW_ERRORS.required('stock'))
  const problem = checkWarehouses(ids ?? levels!.map((level) => level.clientId), scope)
  if (problem) return fail(problem)
  return { plan: ids ? distribute(stock!, ids) : levels!.map(({ clientId, stock }) => ({ clientId, stock })) }
}

export function judgeStockRow (raw: unknown, scope: RowScope): Judged<StockPlan> {
  const checked = check(raw)
  if (!checked.plan) return checked
  const { stock, warehouses } = checked.plan
  const levels = plannedLevels(stock, warehouses, scope)
  if (levels.failure) return levels
  const target = resolveTarget(checked.plan, ['sku', 'id', 'externalId'], scope, ROW_ERRORS.stockOnVariantProduct())
  if (!target.plan) return target
  return { plan: { target: target.plan, stock, levels: levels.plan } }
}

/** Writes the stock where the docs say it lives, then the sums above it. Returns the product id. */
export function applyStockRow ({ target, stock, levels }: StockPlan, scope: RowScope, at: string): string {
  const { products } = scope.repos
  const itemId = target.variant?.id ?? target.product.id
  for (const level of levels ?? []) products.setLevel(itemId, level.clientId, level.stock)
  const itemStock = levels ? sum(products.levels(itemId)) : stock!
  if (target.variant) {
    products.updateVariant({ ...target.variant, stock: itemStock, updated_at: at })
    refreshFromVariants(scope, target.product, at)
  } else {
    products.update({ ...target.product, stock: itemStock, updated_at: at })
  }
  return target.product.id
}
