/**
 * The arithmetic under the analytics queries, free of any row type: rounding, money in cents,
 * grouping, percentiles, buckets, and period series (growth, moving averages).
 */
import { GraphQLError } from 'graphql'
import { dayKey, MAX_PERIODS, periodOf, previous, series, type Granularity } from './periods.js'

export const DAY = 86_400_000
export const round = (n: number) => Math.round(n * 10_000) / 10_000
export const ratio = (part: number, whole: number) => whole === 0 ? 0 : round(part / whole)
export const percent = (part: number, whole: number) => whole === 0 ? 0 : round(part * 100 / whole)
export const cents = (amount: string | null) => Math.round(Number(amount ?? 0) * 100)
export const money = (c: number) => (c / 100).toFixed(2)
export const ZERO = '0.00'
export const ms = (at: string) => Date.parse(at)

export function groupBy<T> (rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>()
  for (const row of rows) {
    const k = key(row)
    const list = groups.get(k)
    if (list) list.push(row)
    else groups.set(k, [row])
  }
  return groups
}
export const sorted = <T>(groups: Map<string, T[]>) => [...groups.entries()].sort(([a], [b]) => a.localeCompare(b))

export function percentile (values: readonly number[], p: number): number {
  if (values.length === 0) return 0
  const at = (values.length - 1) * p
  const low = Math.floor(at)
  return round(values[low]! + (values[Math.ceil(at)]! - values[low]!) * (at - low))
}

export function buckets (values: readonly number[], count: number) {
  if (!Number.isInteger(count) || count < 1 || count > 100) throw new GraphQLError('bucketCount must be between 1 and 100')
  if (values.length === 0) return []
  const min = Math.min(...values)
  const max = Math.max(...values)
  const width = (max - min) / count
  if (width === 0) return [{ rangeMin: min, rangeMax: max, count: values.length, percentage: 100 }]
  return Array.from({ length: count }, (_, i) => {
    const rangeMin = round(min + i * width)
    const rangeMax = i === count - 1 ? max : round(min + (i + 1) * width)
    const n = values.filter((v) => v >= rangeMin && (i === count - 1 ? v <= rangeMax : v < rangeMax)).length
    return { rangeMin, rangeMax, count: n, percentage: percent(n, values.length) }
  })
}

export function limitOf (limit: number | null | undefined): number {
  const n = limit ?? 10
  if (!Number.isInteger(n) || n < 0 || n > 100) throw new GraphQLError('limit must be between 0 and 100')
  return n
}

/** The period key of a moment; under ALL_TIME, moments outside the range belong to no period. */
export const keyIn = (g: Granularity, at: number, range: readonly [number, number]) =>
  g === 'ALL_TIME' && (at < range[0] || at >= range[1]) ? '' : periodOf(g, at, range).key

/** A value per period of the series, against the period before (the first one's from before the range): one pass over the rows. */
export function growth<T extends { created_at: string }> (range: readonly [number, number], g: Granularity, rows: readonly T[], value: (rows: T[]) => number) {
  const byKey = groupBy(rows, (row) => keyIn(g, ms(row.created_at), range))
  return series(g, range).map((period) => {
    const currentValue = value(byKey.get(period.key) ?? [])
    const previousValue = g === 'ALL_TIME' ? 0 : value(byKey.get(previous(g, period).key) ?? [])
    return { period: period.key, currentValue, previousValue, growthRate: previousValue === 0 ? null : round((currentValue - previousValue) / previousValue) }
  })
}

/** Each day from the first to the last with data in range, with the trailing windowDays' average (a sliding sum). */
export function movingAverage<T extends { created_at: string }> (windowDays: number, inRange: readonly T[], all: readonly T[], value: (rows: T[]) => number) {
  if (!Number.isInteger(windowDays) || windowDays < 1 || windowDays > 365) throw new GraphQLError('windowDays must be between 1 and 365')
  if (inRange.length === 0) return []
  const days = groupBy(all, (row) => dayKey(ms(row.created_at)))
  const daily = (day: number) => value(days.get(dayKey(day)) ?? [])
  const first = Date.parse(dayKey(ms(inRange[0]!.created_at)))
  const last = Date.parse(dayKey(ms(inRange[inRange.length - 1]!.created_at)))
  if ((last - first) / DAY >= MAX_PERIODS) throw new GraphQLError(`Too many days: at most ${MAX_PERIODS} per series; choose a shorter timeRange`)
  let sum = 0
  for (let back = 1; back < windowDays; back++) sum += daily(first - back * DAY)
  const points = []
  for (let day = first; day <= last; day += DAY) {
    const today = daily(day)
    sum += today
    points.push({ date: dayKey(day), dailyValue: today, movingAverage: round(sum / windowDays) })
    sum -= daily(day - (windowDays - 1) * DAY)
  }
  return points
}

/** How many of the sorted values are below `at` (binary search). */
export function below (sortedValues: readonly number[], at: number): number {
  let low = 0
  let high = sortedValues.length
  while (low < high) {
    const mid = (low + high) >> 1
    if (sortedValues[mid]! < at) low = mid + 1
    else high = mid
  }
  return low
}
