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

/**
 * DateTimeFilter's eq/ne compare instants too, as its gt…lte do: `2026-01-01T00:00:00Z` and
 * `2026-01-01T07:00:00+07:00` name the stored `2026-01-01T00:00:00.000Z`.
 */
const DATE_OPERATORS: Record<string, Test> = {
  ...OPERATORS,
  eq: (value, operand) => time(value) === time(operand),
  ne: (value, operand) => !DATE_OPERATORS.eq!(value, operand)
}

/** The schema's DateTimeFilter fields are the timestamps, every one named …At (createdAt, updatedAt). */
const isTimestamp = (field: string) => field.endsWith('At')

export function matches (item: Record<string, unknown>, filter: Filter | null | undefined): boolean {
  if (!filter) return true
  for (const [field, conditions] of Object.entries(filter)) {
    if (!conditions) continue
    const operators = isTimestamp(field) ? DATE_OPERATORS : OPERATORS
    for (const [operator, operand] of Object.entries(conditions)) {
      if (operand === null || operand === undefined) continue
      if (!operators[operator]!(item[field], operand)) return false
    }
  }
  return true
}
