/**
 * Child process for startup-race.test.ts: does what a server's first start does to a new file
 * (migrate and seed in one transaction) but holds the transaction open, so another connection
 * can be made to start in the middle of it. Prints "open" once inside, commits after HOLD_MS.
 */
import Database from 'better-sqlite3'
import { migrate } from '../../src/db/open.js'
import { MIGRATIONS, readFixtures, seedFixtures } from '../../src/apis/index.js'

const HOLD_MS = 1000
const [dbPath, fixtures] = process.argv.slice(2) as [string, string]

const db = new Database(dbPath)
db.pragma('journal_mode = WAL')
db.exec('BEGIN IMMEDIATE')
// Inside the open transaction, the server's own migrate() runs as a savepoint.
migrate(db, MIGRATIONS, (fresh) => seedFixtures(fresh, readFixtures([fixtures]), new Date().toISOString()))
process.stdout.write('open\n')
setTimeout(() => {
  db.exec('COMMIT')
  db.close()
}, HOLD_MS)
