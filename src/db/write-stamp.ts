import type { Db } from './open.js'
import { perDatabase } from './per-database.js'

/** Per database: rows written to each watched group of tables, counted by temporary triggers. */
const groupWrites = perDatabase((db: Db) => {
  const counts = new Map<string, number>()
  db.function('mock_group_write', (group: unknown) => {
    counts.set(group as string, (counts.get(group as string) ?? 0) + 1)
    return null
  })
  return counts
})

/**
 * A number that moves whenever a row of `tables` is written, so a cache of what only those tables
 * decide can skip its SQL until then. A temporary trigger on each table (this connection only,
 * never in the schema or an export) counts the rows; writes to other tables cost nothing here. A
 * database file another process writes to counts as written whenever its data_version moves.
 */
export function writeStamp (db: Db, group: string, tables: readonly string[]): () => number {
  const counts = groupWrites(db)
  db.exec([...new Set(tables)].flatMap((table) => ['INSERT', 'UPDATE', 'DELETE'].map((event) =>
    `CREATE TEMP TRIGGER IF NOT EXISTS "mock_${group}_${table}_${event.toLowerCase()}" AFTER ${event} ON main."${table}" ` +
    `BEGIN SELECT mock_group_write('${group}'); END;`)).join('\n'))
  const written = () => counts.get(group) ?? 0
  // Nothing else can open an in-memory database.
  if (db.memory) return written
  const commitsOfOthers = db.prepare<[], number>('PRAGMA data_version').pluck()
  // Both only grow: distinct pairs give distinct numbers while data_version stays below 2^21.
  return () => written() * 2 ** 21 + commitsOfOthers.get()!
}
