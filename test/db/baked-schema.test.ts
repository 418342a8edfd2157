/**
 * A new database gets the build's baked script instead of replaying every migration step
 * (issue 21, cold start): it must leave exactly the tables the steps leave, and a script made
 * from other steps must be ignored.
 */
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { MIGRATIONS } from '../../src/apis/index.js'
import { bakedFor, schemaDigest } from '../../src/db/baked-schema.js'
import { bakeSchema, migrate, type Db, type Migrations } from '../../src/db/open.js'

const bySteps = (modules: readonly Migrations[]) => (db: Db) => migrate(db, modules, undefined, null)
const schemaOf = (db: Db) => ({
  objects: db.prepare('SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY rowid').all(),
  versions: db.prepare('SELECT module, version FROM schema_versions ORDER BY module').all()
})
const fresh = (build: (db: Db) => unknown) => {
  const db = new Database(':memory:')
  build(db)
  const schema = schemaOf(db)
  db.close()
  return schema
}

describe('the baked schema of a new database', () => {
  const baked = bakeSchema(MIGRATIONS)

  it('creates the same tables, indexes and triggers, in the same order, as the steps, and records the same versions', () => {
    const steps = fresh(bySteps(MIGRATIONS))
    expect(steps.objects.length).toBeGreaterThan(40)
    expect(steps.versions).toEqual(MIGRATIONS.map(({ name, steps }) => ({ module: name, version: steps.length })).sort((a, b) => a.module.localeCompare(b.module)))
    expect(fresh((db) => migrate(db, MIGRATIONS, undefined, baked))).toEqual(steps)
  })

  it('runs the script, not the steps, on an empty database', () => {
    // Steps that would fail: only the script can have made the tables.
    const broken = MIGRATIONS.map((module) => ({ ...module, steps: module.steps.map(() => 'THIS IS NOT SQL') }))
    const db = new Database(':memory:')
    expect(migrate(db, broken, undefined, baked)).toBe(true)
    expect(schemaOf(db)).toEqual(fresh(bySteps(MIGRATIONS)))
    db.close()
  })

  it('is used only for the steps it was made from', () => {
    expect(bakedFor(MIGRATIONS, baked)).toBe(baked)
    const more = [...MIGRATIONS, { name: 'extra', steps: ['CREATE TABLE extra_things (id TEXT PRIMARY KEY) STRICT'] }]
    expect(schemaDigest(more)).not.toBe(baked.digest)
    expect(bakedFor(more, baked)).toBeNull()
    expect(bakedFor(MIGRATIONS, undefined)).toBeNull()
    // A changed step, same modules and count: another digest.
    const edited = MIGRATIONS.map((module, i) => i === 0 ? { ...module, steps: [...module.steps.slice(0, -1), `${module.steps.at(-1)!};`] } : module)
    expect(bakedFor(edited, baked)).toBeNull()
    const db = new Database(':memory:')
    migrate(db, more)
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'extra_things'").pluck().get()).toBe('extra_things')
    db.close()
  })

  it('an existing database still migrates by steps', () => {
    const db = new Database(':memory:')
    migrate(db, MIGRATIONS, undefined, null)
    const more = [...MIGRATIONS, { name: 'extra', steps: ['CREATE TABLE extra_things (id TEXT PRIMARY KEY) STRICT'] }]
    expect(migrate(db, more, undefined, baked)).toBe(false)
    expect(db.prepare("SELECT version FROM schema_versions WHERE module = 'extra'").pluck().get()).toBe(1)
    db.close()
  })
})
