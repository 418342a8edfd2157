import Database from 'better-sqlite3'
import { bakedFor, schemaDigest, type BakedSchema } from './baked-schema.js'

export type Db = Database.Database

/** One module's schema history: migration N brings it from version N-1 to N. */
export interface Migrations { name: string, steps: readonly string[] }

/**
 * Opens the one database every API shares, sets its pragmas and migrates it. onCreate runs in
 * the same transaction as the first migration, so a new file is never left half-seeded.
 * Returns whether the database was created now (and so seeded) or kept.
 */
export function openDatabase (path: string, modules: readonly Migrations[], onCreate?: (db: Db) => void): { db: Db, created: boolean } {
  const db = new Database(path)
  // 16 KiB pages, not 4: a write that splits a B-tree page makes SQLite sweep the whole page cache
  // at commit (balance_nonroot renumbers through a temporary page number), and on a catalogue of
  // 250,000 products that sweep cost ~40 µs per bulk delete. Only a new database takes it.
  db.pragma('page_size = 16384')
  db.pragma('foreign_keys = ON')
  if (path !== ':memory:') {
    // WAL lets readers (the admin API, a second process) run beside the single writer.
    db.pragma('journal_mode = WAL')
    db.pragma('synchronous = NORMAL')
    db.pragma('busy_timeout = 5000')
  }
  try {
    return { db, created: migrate(db, modules, onCreate) }
  } catch (error) {
    db.close()
    throw error
  }
}

/**
 * Brings every module's tables to its latest version; onCreate seeds a database that had none.
 * An empty database gets the build's baked script instead of the steps, when it was made from them
 * (null: the steps, always).
 */
export function migrate (db: Db, modules: readonly Migrations[], onCreate?: (db: Db) => void, baked: BakedSchema | null = bakedFor(modules)): boolean {
  // Read the versions inside an IMMEDIATE transaction: two processes starting on one new file
  // must not both see an empty database and both create the tables.
  return db.transaction(() => {
    const tables = db.prepare<[], string>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'").pluck().all()
    const fresh = tables.length === 0
    // Files made before per-module versions kept one PRAGMA user_version: 1 meant every module at 1.
    const legacy = db.pragma('user_version', { simple: true }) as number
    // Another program's database: kept, it would read as an empty state and get the mock's tables added.
    if (!fresh && legacy === 0 && !tables.includes('schema_versions')) throw new ForeignDatabaseError(tables)
    const script = fresh ? baked?.sql : undefined
    if (script !== undefined) db.exec(script)
    db.exec('CREATE TABLE IF NOT EXISTS schema_versions (module TEXT PRIMARY KEY, version INTEGER NOT NULL) STRICT')
    db.exec(`CREATE TABLE IF NOT EXISTS ${META} (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT`)
    const versionOf = db.prepare<[string], number>('SELECT version FROM schema_versions WHERE module = ?').pluck()
    const setVersion = db.prepare('INSERT INTO schema_versions (module, version) VALUES (?, ?) ON CONFLICT (module) DO UPDATE SET version = excluded.version')
    for (const { name, steps } of modules) {
      const current = versionOf.get(name) ?? (legacy > 0 ? legacy : 0)
      if (current > steps.length) {
        throw new Error(`Database schema of ${name} is at version ${current}, newer than this server (${steps.length})`)
      }
      if (script === undefined) for (let version = current + 1; version <= steps.length; version++) db.exec(steps[version - 1]!)
      setVersion.run(name, steps.length)
    }
    if (fresh) onCreate?.(db)
    return fresh
  }).immediate()
}

/** An SQLite file with tables the mock did not make (no schema_versions, no legacy user_version). */
export class ForeignDatabaseError extends Error {
  override name = 'ForeignDatabaseError'
  constructor (readonly tables: readonly string[]) {
    super(`the database holds tables the mock did not make (${tables.slice(0, 3).join(', ')}${tables.length > 3 ? ', …' : ''})`)
  }
}

/** What the steps create in an empty database, read back as one script (the build bakes it); SQLite's own tables are left to SQLite. */
export function bakeSchema (modules: readonly Migrations[]): BakedSchema {
  const db = new Database(':memory:')
  try {
    migrate(db, modules, undefined, null)
    const statements = db.prepare<[], string>("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY rowid").pluck().all()
    return { digest: schemaDigest(modules), sql: statements.join(';\n') }
  } finally {
    db.close()
  }
}

/** Facts about the database itself (which fixtures seeded it), outside every API's tables: no export or reset touches them. */
const META = 'mock_meta'

export function readMeta (db: Db, key: string): string | undefined {
  return db.prepare<[string], string>(`SELECT value FROM ${META} WHERE key = ?`).pluck().get(key)
}

export function writeMeta (db: Db, key: string, value: string): void {
  db.prepare(`INSERT INTO ${META} (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`).run(key, value)
}
