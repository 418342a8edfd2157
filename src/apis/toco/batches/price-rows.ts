import Type from 'typebox'
import { Money, SpecialPrice } from '../catalog/fields.js'
import { ROW_ERRORS } from '../errors.js'
import { fail, type Judged, refreshFromVariants, type RowScope } from '../catalog/judging.js'
import { rowChecker } from './rows.js'
import { resolveTarget, type Target } from './targets.js'

/** An Update Price item: `id` (simple products only) or `sku`, then `price` and/or `specialPrice` (null clears it). */
export const PriceInput = Type.Object({
  sku: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  id: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
  price: Type.Optional(Money),
  specialPrice: Type.Optional(SpecialPrice)
})

const check = rowChecker(PriceInput)

export interface PricePlan { target: Target, price: number | undefined, specialPrice: number | null | undefined }

export function judgePriceRow (raw: unknown, scope: RowScope): Judged<PricePlan> {
  const checked = check(raw)
  if (!checked.plan) return checked
  const { price, specialPrice } = checked.plan
  if (price === undefined && specialPrice === undefined) return fail(ROW_ERRORS.required('price or specialPrice'))
  const target = resolveTarget(checked.plan, ['sku', 'id'], scope, ROW_ERRORS.idOnVariantProduct())
  if (!target.plan) return target
  return { plan: { target: target.plan, price, specialPrice } }
}

/** Sets the price at the level the key resolved to: the variant (by SKU) or the simple product. */
export function applyPriceRow ({ target, price, specialPrice }: PricePlan, scope: RowScope, at: string): string {
  const item = target.variant ?? target.product
  const changed = { price: price ?? item.price, special_price: specialPrice === undefined ? item.special_price : specialPrice, updated_at: at }
  if (target.variant) {
    scope.repos.products.updateVariant({ ...target.variant, ...changed })
    refreshFromVariants(scope, target.product, at)
  } else {
    scope.repos.products.update({ ...target.product, ...changed })
  }
  return target.product.id
}
