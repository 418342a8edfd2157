/**
 * Calendar periods in UTC for the analytics queries' `granularity`: DAY `2025-06-15`, WEEK the
 * Monday it starts on, MONTH `2025-06`, QUARTER `2025-Q2`, YEAR `2025`, ALL_TIME `all` (the
 * whole time range).
 */
import { GraphQLError } from 'graphql'

export type Granularity = 'DAY' | 'WEEK' | 'MONTH' | 'QUARTER' | 'YEAR' | 'ALL_TIME'
export interface Period { key: string, start: number, end: number }

const DAY = 86_400_000
/** A series longer than this is refused (DAY over three years). */
export const MAX_PERIODS = 1000

function floor (g: Granularity, ms: number): number {
  const d = new Date(ms)
  const y = d.getUTCFullYear()
  const m = d.getUTCMonth()
  if (g === 'DAY') return Date.UTC(y, m, d.getUTCDate())
  if (g === 'WEEK') return Date.UTC(y, m, d.getUTCDate()) - ((d.getUTCDay() + 6) % 7) * DAY
  if (g === 'MONTH') return Date.UTC(y, m, 1)
  if (g === 'QUARTER') return Date.UTC(y, m - (m % 3), 1)
  return Date.UTC(y, 0, 1)
}

function step (g: Granularity, start: number, by: number): number {
  if (g === 'DAY') return start + by * DAY
  if (g === 'WEEK') return start + by * 7 * DAY
  const d = new Date(start)
  const months = g === 'MONTH' ? 1 : g === 'QUARTER' ? 3 : 12
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + by * months, 1)
}

function keyOf (g: Granularity, start: number): string {
  const iso = new Date(start).toISOString()
  if (g === 'DAY' || g === 'WEEK') return iso.slice(0, 10)
  if (g === 'MONTH') return iso.slice(0, 7)
  if (g === 'QUARTER') return `${iso.slice(0, 4)}-Q${Math.floor(new Date(start).getUTCMonth() / 3) + 1}`
  return iso.slice(0, 4)
}

export const dayKey = (ms: number) => new Date(ms).toISOString().slice(0, 10)

/** The period a moment falls in (ALL_TIME: the range itself). */
export function periodOf (g: Granularity, ms: number, range: readonly [number, number]): Period {
  if (g === 'ALL_TIME') return { key: 'all', start: range[0], end: range[1] }
  const start = floor(g, ms)
  return { key: keyOf(g, start), start, end: step(g, start, 1) }
}

/** The period just before this one (ALL_TIME has none: an empty one before the range). */
export function previous (g: Granularity, period: Period): Period {
  if (g === 'ALL_TIME') return { key: 'before', start: period.start, end: period.start }
  const start = step(g, period.start, -1)
  return { key: keyOf(g, start), start, end: period.start }
}

/** Every period overlapping the range, in order. */
export function series (g: Granularity, range: readonly [number, number]): Period[] {
  const periods: Period[] = []
  for (let at = range[0]; at < range[1];) {
    const period = periodOf(g, at, range)
    periods.push(period)
    if (periods.length > MAX_PERIODS) throw new GraphQLError(`Too many periods: at most ${MAX_PERIODS} per series; choose a coarser granularity or a shorter timeRange`)
    at = period.end
  }
  return periods
}
