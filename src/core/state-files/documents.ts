import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import Type, { type TObject, type TSchema } from 'typebox'
import { Value } from 'typebox/value'
import type { Db } from '../../db/open.js'
import { atomically } from '../../db/atomically.js'
import { perDatabase } from '../../db/per-database.js'
import { strictSchema } from '../strict-schema.js'
import { FixtureError, seedContext, type SeedContext } from '../seed-context.js'

/** Set by the bundle (scripts/bundle-server.mjs): the SHA-256 of the demo fixtures it validated. */
declare const VALIDATED_FIXTURES_SHA256: string
const validatedAtBuild = typeof VALIDATED_FIXTURES_SHA256 === 'string' ? VALIDATED_FIXTURES_SHA256 : undefined

export { FixtureError } from '../seed-context.js'

/** A state document as the core sees it: one optional section per API, named after it (DESIGN §6). */
export type AnyDocument = { $schema?: string, description?: string } & { readonly [api: string]: unknown }

export interface LoadedFixture<Doc extends AnyDocument = AnyDocument> { file: string, doc: Doc }

/** An API seen loosely (method parameters are bivariant): the core treats every API's fixture section alike. */
export interface StateApi {
  name: string
  tables: readonly string[]
  fixture: {
    schema: TSchema
    seed (db: Db, section: unknown, ctx: SeedContext): void
    export (db: Db): unknown
    resetTenant (db: Db, tenant: string, fixtures: ReadonlyArray<{ section: unknown, ctx: SeedContext }>): boolean
  }
}

type SchemaNode = { type?: string, items?: TSchema, properties?: Record<string, TSchema>, required?: string[] }
const pointer = (key: string) => key.replaceAll('~', '~0').replaceAll('/', '~1')
// Value.Check as a plain boolean: as a type guard it narrows an unknown value to never.
const valid = (schema: TSchema, value: unknown): boolean => Value.Check(schema, value)

/**
 * The first error of `value`, its path from the document's root. TypeBox's Errors lists every
 * error at once: a 4 MB array of bad rows built 800 MB of them, 40 MB ran out of heap (probing). So
 * Check narrows the search to the first failing row or property, and Errors looks only at that
 * (an object failing for its own keys, with its known keys and only its first unknown one).
 */
export function firstError (schema: TSchema, value: unknown, at = ''): ReturnType<typeof Value.Errors>[number] | undefined {
  // Check first: collecting errors walks more slowly, and a valid document has none.
  if (valid(schema, value)) return undefined
  const node = schema as SchemaNode
  let probe = value
  if (node.type === 'array' && node.items && Array.isArray(value)) {
    const index = value.findIndex((item) => !valid(node.items!, item))
    if (index !== -1) return firstError(node.items, value[index], `${at}/${index}`)
  } else if (node.type === 'object' && node.properties && value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const record = value as Record<string, unknown>
    const properties = Object.entries(node.properties)
    // TypeBox's order: a missing required key, then the properties in the schema's order, then unknown keys.
    // The known keys present (a failing value as null: only its presence counts for `required`).
    const present = Object.fromEntries(properties.filter(([key]) => Object.hasOwn(record, key))
      .map(([key, property]) => [key, valid(property, record[key]) ? record[key] : null]))
    if ((node.required ?? []).some((key) => !Object.hasOwn(record, key))) probe = present
    else {
      for (const [key, property] of properties) {
        if (Object.hasOwn(record, key) && !valid(property, record[key])) return firstError(property, record[key], `${at}/${pointer(key)}`)
      }
      const unknown = Object.keys(record).find((key) => !Object.hasOwn(node.properties!, key))
      probe = unknown === undefined ? record : { ...present, [unknown]: record[unknown] }
    }
  }
  const [first] = Value.Errors(schema, probe)
  return first && { ...first, instancePath: at + first.instancePath }
}

/**
 * Reading, validating, seeding, resetting and exporting state documents (fixture files, runtime
 * loads, snapshots) for the APIs the registry hands in. `Doc` is the registry's document type;
 * `title` names it in fixtures/schema.json.
 */
export function stateFiles<Doc extends AnyDocument> (apis: readonly StateApi[], title: string) {
  const sectionOf = (doc: AnyDocument, api: StateApi) => doc[api.name]

  /** Exported to fixtures/schema.json for editors. Closed (strictSchema): an unknown key is an error with its path, not silently ignored. */
  const FixtureDocument = strictSchema(Type.Object({
    $schema: Type.Optional(Type.String()),
    description: Type.Optional(Type.String()),
    ...Object.fromEntries(apis.map((api) => [api.name, Type.Optional(api.fixture.schema)]))
  }, { title })) as unknown as TObject

  /** Reads and validates fixture files once, at start; reset re-seeds from these documents. */
  function readFixtures (files: string[]): Array<LoadedFixture<Doc>> {
    return files.map((file) => {
      const text = read(file)
      // The very bytes the build validated need no second check: it was a twentieth of the start-up.
      const validated = validatedAtBuild !== undefined && createHash('sha256').update(text).digest('hex') === validatedAtBuild
      return { file, doc: validated ? JSON.parse(text) as Doc : parseFixture(file, text) }
    })
  }

  function parseFixture (file: string, text: string): Doc {
    let json: unknown
    try {
      json = JSON.parse(text)
    } catch (error) {
      throw new FixtureError(file, '', `not valid JSON (${(error as Error).message})`)
    }
    return validateFixture(file, json)
  }

  /** Checks a parsed document against the schema; the first problem is a FixtureError with its JSON path. */
  function validateFixture (file: string, json: unknown): Doc {
    const first = firstError(FixtureDocument, json)
    if (first) {
      const params = first.params as { requiredProperties?: string[], allowedValues?: unknown[] }
      if (first.keyword === 'required') {
        throw new FixtureError(file, `${first.instancePath}/${params.requiredProperties?.[0] ?? ''}`, 'is required')
      }
      // A closed object reports an unknown key as a `false` schema at the key's own path.
      const unknown = first.keyword === 'boolean' || first.keyword === 'additionalProperties'
      const reason = unknown ? 'is not a known key (misspelt?)' : params.allowedValues ? `must be one of ${params.allowedValues.join(', ')}` : first.message
      throw new FixtureError(file, first.instancePath, reason)
    }
    return json as Doc
  }

  /** Inserts every document, in order (later files may refer to ids of earlier ones). */
  function seedFixtures (db: Db, fixtures: readonly LoadedFixture[], at: string): void {
    for (const { file, doc } of fixtures) {
      const ctx = seedContext(file, at)
      for (const api of apis) {
        const section = sectionOf(doc, api)
        if (section) api.fixture.seed(db, section, ctx)
      }
    }
  }

  const TABLES = apis.flatMap((api) => api.tables)
  const statements = perDatabase((db: Db) => ({
    wipes: TABLES.map((table) => db.prepare(`DELETE FROM ${table}`)),
    counts: db.prepare<[], Record<string, number>>(`SELECT ${TABLES.map((table) => `(SELECT count(*) FROM ${table}) AS ${table}`).join(', ')}`)
  }))

  function wipe (db: Db): void {
    for (const statement of statements(db).wipes) statement.run()
  }

  /**
   * Wipes every API's tables and reloads the fixtures, in one transaction. A document that no
   * longer loads is skipped (its own savepoint rolled back) and answered: one merged at runtime
   * onto rows a reset removes (orders of a store made through the API) failed every reset with a 500.
   */
  function resetDatabase (db: Db, fixtures: readonly LoadedFixture[], at: string): FixtureError[] {
    return atomically(db, () => {
      wipe(db)
      const skipped: FixtureError[] = []
      for (const fixture of fixtures) {
        try {
          atomically(db, () => { seedFixtures(db, [fixture], at) })
        } catch (error) {
          if (!(error instanceof FixtureError)) throw error
          skipped.push(error)
        }
      }
      return skipped
    })
  }

  /**
   * Restores only what one tenant (a partner or merchant id) owns from the fixtures, in one
   * transaction; every other row stays exactly as it is. False when no API knows the tenant.
   */
  function resetTenant (db: Db, fixtures: readonly LoadedFixture[], tenant: string, at: string): boolean {
    return atomically(db, () => apis.map((api) => api.fixture.resetTenant(db, tenant, fixtures.flatMap(({ file, doc }) => {
      const section = sectionOf(doc, api)
      return section ? [{ section, ctx: seedContext(file, at) }] : []
    }))).some(Boolean))
  }

  /**
   * Loads one document at runtime, in one transaction: `merge` adds its rows (an id that exists
   * throws a duplicate FixtureError naming its JSON path, and nothing is kept), `replace` wipes
   * first. Answers how many rows each table gained (merge) or holds (replace).
   */
  function loadDocument (db: Db, fixture: LoadedFixture, mode: 'merge' | 'replace', at: string): Record<string, number> {
    return atomically(db, () => {
      if (mode === 'replace') wipe(db)
      const before = statements(db).counts.get()!
      seedFixtures(db, [fixture], at)
      const after = statements(db).counts.get()!
      return Object.fromEntries(TABLES.map((table) => [table, after[table]! - before[table]!]))
    })
  }

  /** The whole state as one fixture document that loads back to the same rows. */
  function exportState (db: Db): Doc {
    return Object.fromEntries(apis.map((api) => [api.name, api.fixture.export(db)])) as Doc
  }

  /** fixtures/schema.json, kept current by `npm run fixtures:schema` (a test compares them). */
  function fixtureJsonSchema (): string {
    return JSON.stringify({ $schema: 'http://json-schema.org/draft-07/schema#', ...FixtureDocument }, null, 2) + '\n'
  }

  return { FixtureDocument, readFixtures, parseFixture, validateFixture, seedFixtures, resetDatabase, resetTenant, loadDocument, exportState, fixtureJsonSchema }
}

/** The state-document operations for one registry of APIs. */
export type StateFiles<Doc extends AnyDocument = AnyDocument> = ReturnType<typeof stateFiles<Doc>>

function read (file: string): string {
  try {
    return readFileSync(file, 'utf8')
  } catch (error) {
    throw new FixtureError(file, '', `cannot read the file (${(error as NodeJS.ErrnoException).code ?? 'error'})`)
  }
}
