import type { Db } from './open.js'
import { perDatabase } from './per-database.js'

// Built once per database: wrapping a new function per request costs more than the statements it runs.
const transactions = perDatabase((db: Db) => db.transaction((fn: () => unknown) => fn()))

/**
 * Runs fn in one SQLite transaction (each request's writes are atomic). IMMEDIATE takes the
 * write lock up front, so two processes sharing a file database queue instead of failing.
 */
export function atomically<T> (db: Db, fn: () => T): T {
  return transactions(db).immediate(fn) as T
}
