import type { Db } from './open.js'

/**
 * Memoises what make() builds for each database, typically prepared statements. Re-preparing
 * them on every reset left native memory to be freed late (RSS grew with each reset).
 */
export function perDatabase<T> (make: (db: Db) => T): (db: Db) => T {
  const built = new WeakMap<Db, T>()
  return (db) => {
    let value = built.get(db)
    if (value === undefined) {
      value = make(db)
      built.set(db, value)
    }
    return value
  }
}
