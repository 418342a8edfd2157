import { createHash } from 'node:crypto'
import { dirname } from 'node:path'
import type { Clock } from '../../clock.js'
import { ConfigError } from '../../config.js'
import { atomically } from '../../db/atomically.js'
import { ForeignDatabaseError, openDatabase, readMeta, writeMeta, type Db, type Migrations } from '../../db/open.js'
import type { LoadedFixture, StateFiles } from './documents.js'

/** What start-up did with the database, for the banner. */
export interface Seeding {
  /** 'seeded': new (or in memory); 'kept': an existing file, state as it was; 'reseeded': RESET_ON_START wiped and reloaded it. */
  database: 'seeded' | 'kept' | 'reseeded'
  /** A kept file was seeded from other fixture documents than the ones loaded now (unknown for files older than the fingerprint). */
  fixturesDiffer: boolean
}

const FINGERPRINT = 'fixtures_sha256'

/** The fixture documents' content (not their paths): the same documents moved elsewhere are the same fixtures. */
export function fixturesFingerprint (fixtures: readonly LoadedFixture[]): string {
  return createHash('sha256').update(JSON.stringify(fixtures.map((fixture) => fixture.doc))).digest('hex')
}

/**
 * Opens the database, seeding a new one from the fixtures and remembering which fixtures did,
 * so a kept file seeded from other fixtures is told apart (and RESET_ON_START reseeds it).
 */
export function openSeeded (path: string, modules: readonly Migrations[], fixtures: LoadedFixture[], clock: Clock, resetOnStart: boolean, files: StateFiles): { db: Db, seeding: Seeding } {
  const { seedFixtures, resetDatabase } = files
  const fingerprint = fixturesFingerprint(fixtures)
  const { db, created } = openOrExplain(path, modules, (fresh) => {
    seedFixtures(fresh, fixtures, clock.iso())
    writeMeta(fresh, FINGERPRINT, fingerprint)
  })
  if (created) return { db, seeding: { database: 'seeded', fixturesDiffer: false } }
  if (resetOnStart) {
    atomically(db, () => {
      // Files that load on an empty database load on a wiped one: a skipped file is a broken fixture.
      const [skipped] = resetDatabase(db, fixtures, clock.iso())
      if (skipped) throw skipped
      writeMeta(db, FINGERPRINT, fingerprint)
    })
    return { db, seeding: { database: 'reseeded', fixturesDiffer: false } }
  }
  const seededWith = readMeta(db, FINGERPRINT)
  return { db, seeding: { database: 'kept', fixturesDiffer: seededWith !== undefined && seededWith !== fingerprint } }
}

/** SQLite's and the driver's refusals, as one line naming DB_PATH. */
function openOrExplain (...args: Parameters<typeof openDatabase>): ReturnType<typeof openDatabase> {
  const [path] = args
  try {
    return openDatabase(...args)
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException
    if (message.includes('directory does not exist')) {
      throw new ConfigError(`Cannot open DB_PATH=${path}: the directory ${dirname(path)} does not exist (create it, or use another path)`)
    }
    if (code === 'SQLITE_NOTADB') throw new ConfigError(`Cannot open DB_PATH=${path}: the file is not an SQLite database (point DB_PATH at a new or a database file)`)
    if (error instanceof ForeignDatabaseError) throw new ConfigError(`Cannot open DB_PATH=${path}: ${message} (point DB_PATH at a new file or at a database the mock made)`)
    if (code?.startsWith('SQLITE_')) throw new ConfigError(`Cannot open DB_PATH=${path}: ${message} (${code})`)
    throw error
  }
}

declare module 'fastify' {
  interface FastifyInstance { seeding: Seeding }
}
