/**
 * One command-line flag per environment variable (src/config.ts and each API's slice), derived from its schema, so a
 * variable added there gets its flag (and its help line) without touching the CLI: PORT → --port,
 * DB_PATH → --db-path (and --db), an on/off variable → a flag without value.
 */
import { CONFIG_SLICES } from '../apis/index.js'
import { settingsOf } from '../config.js'

interface EnvProperty { type?: string, enum?: string[], default?: unknown }

const ALIASES: Record<string, string> = { db: 'DB_PATH' }

/** Every variable (the core's, then each API's slice) with its schema and what the help says about it. */
const SETTINGS = Object.values(settingsOf(CONFIG_SLICES))
const properties: Record<string, EnvProperty> = Object.fromEntries(SETTINGS.map(({ env, schema }) => [env, schema as EnvProperty]))
const MEANING: Record<string, string> = Object.fromEntries(SETTINGS.map(({ env, help }) => [env, help]))
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
    const meaning = MEANING[env] ?? ''
    return [`--${flagName(env)}${value}${aliasOf(env, value)}`, `${meaning} (${[env, ...facts].join('; ')})`.trimStart()]
  })
  const width = Math.max(...rows.map(([flag]) => flag!.length))
  return rows.map(([flag, text]) => `  ${flag!.padEnd(width)}  ${text}`)
}
