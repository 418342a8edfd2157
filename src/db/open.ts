import Database from 'better-sqlite3'
import { MIGRATIONS } from './migrations.js'

export type Db = Database.Database

/**
 * Opens the one database both APIs share, sets its pragmas and migrates it. onCreate runs in
 * the same transaction as the first migration, so a new file is never left half-seeded.
 */
export function openDatabase (path: string, onCreate?: (db: Db) => void): Db {
  const db = new Database(path)
  db.pragma('foreign_keys = ON')
  if (path !== ':memory:') {
    // WAL lets readers (the admin API, a second process) run beside the single writer.
    db.pragma('journal_mode = WAL')
    db.pragma('synchronous = NORMAL')
    db.pragma('busy_timeout = 5000')
  }
  migrate(db, onCreate)
  return db
}

function migrate (db: Db, onCreate?: (db: Db) => void): void {
  // Read the version inside an IMMEDIATE transaction: two processes starting on one new file
  // must not both see version 0 and both create the tables.
  db.transaction(() => {
    const current = db.pragma('user_version', { simple: true }) as number
    if (current > MIGRATIONS.length) {
      throw new Error(`Database schema version ${current} is newer than this server (${MIGRATIONS.length})`)
    }
    for (let version = current + 1; version <= MIGRATIONS.length; version++) {
      db.exec(MIGRATIONS[version - 1]!)
      db.pragma(`user_version = ${version}`)
    }
    if (current === 0) onCreate?.(db)
  }).immediate()
}
