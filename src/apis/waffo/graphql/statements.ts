import type { Statement } from 'better-sqlite3'
import type { Db } from '../../../db/open.js'

const cache = new WeakMap<Db, Map<string, Statement>>()

/** A prepared statement of this database, prepared once and reused by every later request. */
export function prepared<P extends unknown[] | Record<string, unknown>, R> (db: Db, sql: string): Statement<P, R> {
  let statements = cache.get(db)
  if (!statements) cache.set(db, statements = new Map())
  let statement = statements.get(sql)
  if (!statement) statements.set(sql, statement = db.prepare(sql))
  return statement as unknown as Statement<P, R>
}

/** Binds a list of ids as one parameter (`… IN (SELECT value FROM json_each(?))`). */
export const idList = (ids: readonly string[]) => JSON.stringify(ids)
