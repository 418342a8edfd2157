import { fileURLToPath } from 'node:url'
import { resolve } from 'node:path'
import Type, { type Static, type TObject, type TSchema } from 'typebox'
import Value from 'typebox/value'
import { isWebUrl, URL_MAX } from './http/url.js'

/** The bundled demo fixture set, used when FIXTURES is not given. */
export const DEFAULT_FIXTURES = fileURLToPath(new URL('../fixtures/default.json', import.meta.url))

/**
 * One environment variable: its schema (bounds, choices, default), the `--help` line the CLI
 * derives from it, and how the typed configuration reads it (the raw value when `read` is absent).
 */
export interface Setting<S extends TSchema = TSchema, V = unknown> {
  env: string
  schema: S
  /** What `--help` says about the variable. */
  help: string
  read: (raw: Static<S>) => V
}

export function setting<S extends TSchema, V = Static<S>> (env: string, schema: S, help: string, read?: (raw: Static<S>) => V): Setting<S, V> {
  return { env, schema, help, read: read ?? ((raw) => raw as unknown as V) }
}

/** Settings by the key of the typed configuration they fill: the core's, or one API's slice. */
export type Settings = Record<string, Setting<any, any>>

/** The typed configuration a set of settings reads into: the one definition, derived from the schema. */
export type ConfigOf<T extends Settings> = { [K in keyof T]: ReturnType<T[K]['read']> }

/** FIXTURES' files, resolved; empty entries (`a.json,,b.json`, a trailing comma) are skipped, not read as the current directory. */
function fixtureFiles (raw: string): string[] {
  const files = raw.split(',').map((file) => file.trim()).filter(Boolean)
  if (files.length === 0) throw new ConfigError(`Invalid configuration: FIXTURES names no file (got ${JSON.stringify(raw)})`)
  return files.map((file) => resolve(file))
}

// Switches are strings: users write 1/0 and on/off as well as true/false.
const Switch = Type.Enum(['0', '1', 'false', 'true', 'off', 'on'], { default: '0' })
const isOn = (value: string) => ['1', 'true', 'on'].includes(value)

/** The variables of the mock itself, shared by every API. Each API adds its own slice (MockApi.config). */
export const CORE_SETTINGS = {
  port: setting('PORT', Type.Integer({ minimum: 0, maximum: 65535, default: 8080 }), 'port for both APIs and the control plane (0: any free port)'),
  host: setting('HOST', Type.String({ minLength: 1, default: '127.0.0.1' }), 'interface to listen on (0.0.0.0 in a container)'),
  dbPath: setting('DB_PATH', Type.String({ minLength: 1, default: ':memory:' }), 'SQLite file: a new one is seeded, an existing one kept'),
  /** Absolute paths, in load order. */
  fixtures: setting('FIXTURES', Type.String({ default: '' }), 'fixture files, comma-separated, loaded in order (default: the demo set)',
    (raw): string[] => raw === '' ? [DEFAULT_FIXTURES] : fixtureFiles(raw)),
  logLevel: setting('LOG_LEVEL', Type.Enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { default: 'info' }), 'pino log level'),
  timestampWindowSeconds: setting('TIMESTAMP_WINDOW_SECONDS', Type.Integer({ minimum: 1, maximum: 31_536_000, default: 300 }), 'allowed clock skew of signed requests'),
  authClock: setting('AUTH_CLOCK', Type.Enum(['either', 'mock'], { default: 'either' }),
    'signed timestamps are judged against the mock clock or the wall clock (either), or the mock clock alone (mock)'),
  debugSignatures: setting('MOCK_DEBUG_SIGNATURES', Switch, 'signature refusals carry the expected base string', isOn),
  /** Requests the journal keeps (0: off). */
  journalSize: setting('JOURNAL_SIZE', Type.Integer({ minimum: 0, maximum: 100_000, default: 1000 }), 'requests the journal keeps (0: off)'),
  adminToken: setting('ADMIN_TOKEN', Type.Optional(Type.String({ minLength: 1 })), '/__admin/* needs Authorization: Bearer <token>',
    (raw): string | undefined => raw),
  /** Host names the control plane answers besides IP literals, localhost and the bound host. */
  adminAllowedHosts: setting('ADMIN_ALLOWED_HOSTS', Type.String({ default: '' }),
    'Host names /__admin answers besides IP literals, localhost and HOST, comma-separated (* = any)',
    (raw): string[] => raw.split(',').map((host) => host.trim()).filter(Boolean)),
  /** Named snapshots kept at most (their bytes are capped too). */
  snapshotLimit: setting('SNAPSHOT_LIMIT', Type.Integer({ minimum: 0, maximum: 1000, default: 20 }),
    'named snapshots kept at most (and at most SNAPSHOT_LIMIT × 4 MiB in all)'),
  /** Every webhook event is also sent here (no registration needed). */
  webhookForwardUrl: setting('WEBHOOK_FORWARD_URL', Type.Optional(Type.String({ pattern: '^https?://' })),
    'every webhook event is also POSTed here, registered or not', (raw): string | undefined => {
      // Checked as a receiver URL is everywhere (a port past 65535 or a broken host failed every delivery).
      if (raw !== undefined && !isWebUrl(raw, URL_MAX)) throw new ConfigError(`Invalid configuration: WEBHOOK_FORWARD_URL must be an absolute http(s) URL of printable ASCII (got ${JSON.stringify(raw)})`)
      return raw
    }),
  /** One delivery attempt's timeout, real ms. */
  webhookTimeoutMs: setting('WEBHOOK_TIMEOUT_MS', Type.Integer({ minimum: 1, maximum: 600_000, default: 5000 }),
    'how long one webhook delivery attempt waits for an answer (real ms)'),
  /** Reseed an existing database file from the fixtures at start. */
  resetOnStart: setting('RESET_ON_START', Switch, 'reseed an existing DB_PATH file from the fixtures', isOn),
  // auto: pretty (pino-pretty, when installed) on a terminal outside production, JSON otherwise.
  logFormat: setting('LOG_FORMAT', Type.Enum(['auto', 'json', 'pretty'], { default: 'auto' }),
    'auto: pretty on a terminal (outside production, when pino-pretty is installed), else JSON')
}

/** The mock's own configuration; each API's plugin gets this plus its slice. */
export type Config = ConfigOf<typeof CORE_SETTINGS>

type Intersect<U> = (U extends any ? (part: U) => void : never) extends (part: infer I) => void ? I : never
/** The configuration of the core and the given slices together. */
export type ConfigWith<Slices extends readonly Settings[]> = Config & Intersect<ConfigOf<Slices[number]>>

/** Every setting, core first, then each slice in registry order. */
export function settingsOf (slices: readonly Settings[]): Settings {
  return Object.assign({}, CORE_SETTINGS, ...slices) as Settings
}

/** Every environment variable the server reads (core and slices); the CLI derives one flag per variable from it. */
export function envSchemaOf (slices: readonly Settings[]): TObject {
  return Type.Object(Object.fromEntries(Object.values(settingsOf(slices)).map(({ env, schema }) => [env, schema])))
}

export class ConfigError extends Error {
  override name = 'ConfigError'
}

/** Reads and validates the environment once, for the core and the given slices; throws a ConfigError whose message is one line. */
export function loadConfig<const Slices extends readonly Settings[]> (env: NodeJS.ProcessEnv = process.env, slices: Slices = [] as unknown as Slices): ConfigWith<Slices> {
  const settings = settingsOf(slices)
  const schema = envSchemaOf(slices)
  // Empty values count as unset, so `PORT= npm start` falls back to the default.
  const data = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''))
  // Only `data` counts, so empty values really fall back and tests never see the shell's env.
  const parsed = plainValues(settings, data) ?? convertAndCheck(schema, data)
  return Object.fromEntries(Object.entries(settings).map(([key, { env: name, read }]) => [key, read(parsed[name])])) as ConfigWith<Slices>
}

/**
 * TypeBox's Value coerces and fills defaults as env-schema's Ajv did, with Ajv's messages, at
 * none of its cost: building that Ajv instance was a tenth of the cold start.
 */
function convertAndCheck (schema: TObject, data: Record<string, unknown>): Record<string, unknown> {
  const parsed = Value.Convert(schema, Value.Default(schema, Value.Clean(schema, { ...data }))) as Record<string, unknown>
  if (!Value.Check(schema, parsed)) throw new ConfigError(describe(Value.Errors(schema, parsed)[0]!, data, schema))
  return parsed
}

const NOT_PLAIN = Symbol('not plain')
const DECIMAL_INTEGER = /^[0-9]{1,15}$/

/**
 * The common environment (every variable absent, a listed choice, a decimal integer in
 * range, a string long enough) read without TypeBox's Value, whose first call is ~6 ms of every
 * cold start. Only values Value would accept and convert alike are read here; any other makes
 * this return undefined, and Value has the final word and the messages.
 */
function plainValues (settings: Settings, data: Record<string, unknown>): Record<string, unknown> | undefined {
  const parsed: Record<string, unknown> = {}
  for (const { env: name, schema } of Object.values(settings)) {
    const value = plainValue(schema as PlainSchema, data[name] as string | undefined)
    if (value === NOT_PLAIN) return undefined
    if (value !== undefined) parsed[name] = value
  }
  return parsed
}

interface PlainSchema { type?: string, enum?: unknown[], default?: unknown, minimum?: number, maximum?: number, minLength?: number, '~optional'?: boolean }
/** The keywords read here; a schema with any other (a pattern, a maxLength…) is left to Value. */
const PLAIN_KEYWORDS = new Set(['type', 'enum', 'default', 'minimum', 'maximum', 'minLength', 'description'])

function plainValue (schema: PlainSchema, raw: string | undefined): unknown {
  if (raw === undefined) return 'default' in schema ? schema.default : schema['~optional'] === true ? undefined : NOT_PLAIN
  if (Object.keys(schema).some((keyword) => !PLAIN_KEYWORDS.has(keyword))) return NOT_PLAIN
  if (schema.enum) return schema.enum.includes(raw) ? raw : NOT_PLAIN
  if (schema.type === 'integer') {
    const value = DECIMAL_INTEGER.test(raw) ? Number(raw) : NaN
    return value >= (schema.minimum ?? -Infinity) && value <= (schema.maximum ?? Infinity) ? value : NOT_PLAIN
  }
  if (schema.type === 'string') return [...raw].length >= (schema.minLength ?? 0) ? raw : NOT_PLAIN
  return NOT_PLAIN
}

/**
 * Options given as configuration keys (startMock()), checked as their variables are: the same
 * schema (a switch takes a boolean), the same extra checks. ConfigError names the option.
 */
export function checkOptions<T extends Record<string, unknown>> (options: T, slices: readonly Settings[]): T {
  const settings = settingsOf(slices)
  const checked: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(options)) {
    const setting = settings[key]
    if (setting === undefined) throw new ConfigError(`Invalid option: ${key} is not a configuration key (README: "Configuration")`)
    if (value === undefined) continue
    if (setting.schema === Switch) {
      if (typeof value !== 'boolean') throw new ConfigError(`Invalid option: ${key} must be a boolean (got ${JSON.stringify(value)})`)
      checked[key] = value
      continue
    }
    if (!Value.Check(setting.schema, value)) {
      const [first] = Value.Errors(setting.schema, value)
      const rule = (setting.schema as { enum?: string[] }).enum ? `must be one of ${(setting.schema as { enum: string[] }).enum.join(', ')}` : first?.message ?? 'is invalid'
      throw new ConfigError(`Invalid option: ${key} ${rule} (got ${JSON.stringify(value)})`)
    }
    checked[key] = setting.read(value)
  }
  return checked as T
}

function describe (first: { instancePath: string, message: string }, data: Record<string, unknown>, schema: TObject): string {
  const name = first.instancePath.replace(/^\//, '')
  const property = schema.properties[name] as { enum?: string[] } | undefined
  const rule = property?.enum ? `must be one of ${property.enum.join(', ')}` : first.message
  return `Invalid configuration: ${name} ${rule} (got ${JSON.stringify(data[name])})`
}
