import type { Db } from './open.js'
import { perDatabase } from './per-database.js'

/**
 * A value that moves with every write to the database: this connection's total_changes() (resets
 * included), and data_version for the commits of another one (a second process on the same file).
 * Caches of what only a write can change compare it instead of asking SQL again.
 */
export const changeStamp = perDatabase((db: Db): () => string => {
  const stamp = db.prepare<[], string>("SELECT total_changes() || ':' || data_version FROM pragma_data_version").pluck()
  return () => stamp.get()!
})
