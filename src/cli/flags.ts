/**
 * One command-line flag per environment variable of src/config.ts, derived from its schema, so a
 * variable added there gets its flag (and its help line) without touching the CLI: PORT → --port,
 * DB_PATH → --db-path (and --db), an on/off variable → a flag without value.
 */
import { EnvSchema } from '../config.js'

interface EnvProperty { type?: string, enum?: string[], default?: unknown, description?: string }

const ALIASES: Record<string, string> = { db: 'DB_PATH' }

/** What the help says about a variable; one the schema gained since falls back to its own description. */
const MEANING: Record<string, string> = {
  PORT: 'port for both APIs and the control plane (0: any free port)',
  HOST: 'interface to listen on (0.0.0.0 in a container)',
  DB_PATH: 'SQLite file: a new one is seeded, an existing one kept',
  FIXTURES: 'fixture files, comma-separated, loaded in order (default: the demo set)',
  LOG_LEVEL: 'pino log level',
  TIMESTAMP_WINDOW_SECONDS: 'allowed clock skew of signed requests',
  TOCO_SIGNATURE_PATH: 'strip-prefix signs the path without /api/v1; full keeps it',
  MOCK_DEBUG_SIGNATURES: 'signature refusals carry the expected base string',
  TOCO_MAX_BATCH: 'most ids in one Toco Delete Products call',
  JOURNAL_SIZE: 'requests the journal keeps (0: off)',
  ADMIN_TOKEN: '/__admin/* needs Authorization: Bearer <token>',
  RESET_ON_START: 'reseed an existing DB_PATH file from the fixtures',
  LOG_FORMAT: 'auto: pretty on a terminal (outside production, when pino-pretty is installed), else JSON'
}

const properties = EnvSchema.properties as unknown as Record<string, EnvProperty>
const flagName = (env: string) => env.toLowerCase().replaceAll('_', '-')
/** An on/off variable (its values include 0 and 1) is a flag without a value that turns it on. */
const isSwitch = (property: EnvProperty) => property.enum?.includes('1') === true && property.enum.includes('0')

/** Flag name → the variable it sets. */
export const CONFIG_FLAGS: Record<string, string> = {
  ...Object.fromEntries(Object.keys(properties).map((env) => [flagName(env), env])),
  ...ALIASES
}

/** node:util parseArgs options for every configuration flag. */
export const configOptions = Object.fromEntries(Object.entries(CONFIG_FLAGS).map(([flag, env]) =>
  [flag, { type: isSwitch(properties[env]!) ? 'boolean' as const : 'string' as const }]))

/** The environment as the flags amend it: a flag wins over the variable it mirrors. */
export function withFlags (env: NodeJS.ProcessEnv, values: Record<string, unknown>): NodeJS.ProcessEnv {
  const merged = { ...env }
  for (const [flag, env] of Object.entries(CONFIG_FLAGS)) {
    const value = values[flag]
    if (typeof value === 'string') merged[env] = value
    else if (value === true) merged[env] = '1'
  }
  return merged
}

/** Help lines: `--flag VALUE  meaning (VARIABLE; one of …; default …)`. */
export function configHelp (): string[] {
  const aliasOf = (env: string, value: string) => Object.keys(ALIASES).filter((alias) => ALIASES[alias] === env).map((alias) => `, --${alias}${value}`).join('')
  const rows = Object.entries(properties).map(([env, property]) => {
    const value = isSwitch(property) ? '' : property.enum ? ' CHOICE' : property.type === 'integer' ? ' N' : ' VALUE'
    const facts = isSwitch(property)
      ? []
      : [property.enum ? `one of ${property.enum.join(', ')}` : '', property.default !== undefined && property.default !== '' ? `default ${String(property.default)}` : ''].filter(Boolean)
    const meaning = MEANING[env] ?? property.description ?? ''
    return [`--${flagName(env)}${value}${aliasOf(env, value)}`, `${meaning} (${[env, ...facts].join('; ')})`.trimStart()]
  })
  const width = Math.max(...rows.map(([flag]) => flag!.length))
  return rows.map(([flag, text]) => `  ${flag!.padEnd(width)}  ${text}`)
}
