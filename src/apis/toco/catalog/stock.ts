/**
 * The docs' stock rules by the store's warehouse count: with none, `stock` is the product's (or
 * variant's) own; with one or more, stock lives per warehouse and the item's stock is their sum.
 * A global `stock` on a store with warehouses is distributed: ⌊stock / n⌋ each, the remainder one
 * by one to the first warehouses (so the sum reads back as the number sent).
 */
export function distribute (stock: number, warehouses: readonly string[]): Array<{ clientId: string, stock: number }> {
  const share = Math.floor(stock / warehouses.length)
  const remainder = stock - share * warehouses.length
  return warehouses.map((clientId, i) => ({ clientId, stock: share + (i < remainder ? 1 : 0) }))
}

export const sum = (levels: ReadonlyArray<{ stock: number }>) => levels.reduce((total, level) => total + level.stock, 0)
