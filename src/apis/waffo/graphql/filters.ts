/**
 * The guide's filter inputs: StringFilter (eq, ne, contains, startsWith, endsWith, in),
 * DateTimeFilter (eq, ne, gt, gte, lt, lte on ISO timestamps) and BooleanFilter (eq), one per
 * field, all of them ANDed.
 */
export type Filter = Record<string, Record<string, unknown> | null | undefined>

type Test = (value: unknown, operand: unknown) => boolean
const str = (value: unknown) => typeof value === 'string' ? value : null
const time = (value: unknown) => typeof value === 'string' ? Date.parse(value) : NaN

const OPERATORS: Record<string, Test> = {
  eq: (value, operand) => value === operand,
  ne: (value, operand) => !OPERATORS.eq!(value, operand),
  contains: (value, operand) => str(value)?.includes(operand as string) ?? false,
  startsWith: (value, operand) => str(value)?.startsWith(operand as string) ?? false,
  endsWith: (value, operand) => str(value)?.endsWith(operand as string) ?? false,
  in: (value, operand) => (operand as unknown[]).includes(value),
  gt: (value, operand) => time(value) > time(operand),
  gte: (value, operand) => time(value) >= time(operand),
  lt: (value, operand) => time(value) < time(operand),
  lte: (value, operand) => time(value) <= time(operand)
}

export function matches (item: Record<string, unknown>, filter: Filter | null | undefined): boolean {
  if (!filter) return true
  for (const [field, conditions] of Object.entries(filter)) {
    if (!conditions) continue
    for (const [operator, operand] of Object.entries(conditions)) {
      if (operand === null || operand === undefined) continue
      if (!OPERATORS[operator]!(item[field], operand)) return false
    }
  }
  return true
}
