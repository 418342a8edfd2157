import type { Db } from './open.js'
import { writeStamp } from './write-stamp.js'

/** Entries kept at most: callers are few, but every request names its own. */
const KEPT = 256

/**
 * A cache of what only `tables` decide (an API guard's view of its callers): each entry holds until
 * a write to one of them and, when read with a mock time `now` (ISO), while the clock stays in
 * [the time it was read, its `until`): a clock set back may revive a credential that had expired.
 * Saves the guard's SQL on every request (issue 21).
 */
export function untilWritten (db: Db, group: string, tables: readonly string[]) {
  const written = writeStamp(db, group, tables)
  const kept = new Map<string, { stamp: number, from: string | undefined, until: string | null, value: unknown }>()
  return {
    read<T> (key: string, now: string | undefined, load: () => { value: T, until: string | null }): T {
      // Inside a transaction a read may see writes a rollback undoes, which no stamp would tell.
      if (db.inTransaction) return load().value
      const stamp = written()
      const entry = kept.get(key)
      if (entry !== undefined && entry.stamp === stamp && (now === undefined ||
        (entry.from! <= now && (entry.until === null || now < entry.until)))) return entry.value as T
      const { value, until } = load()
      if (kept.size >= KEPT) kept.clear()
      kept.set(key, { stamp, from: now, until, value })
      return value
    }
  }
}
