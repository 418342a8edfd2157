import { parseArgs, type ParseArgsConfig } from 'node:util'
import { UsageError } from '../core/api.js'
import { ConfigError } from '../config.js'
import { FixtureError } from '../core/state-files/documents.js'

export interface CliIo {
  env?: NodeJS.ProcessEnv
  out?: (line: string) => void
  err?: (line: string) => void
}

/** What every subcommand gets: its arguments after the subcommand's name, and where to write. */
export interface Command {
  argv: string[]
  env: NodeJS.ProcessEnv
  out: (line: string) => void
  err: (line: string) => void
}

type Options = NonNullable<ParseArgsConfig['options']>

export interface Parsed { values: Record<string, string | boolean | undefined>, positionals: string[] }

/**
 * parseArgs with `--help`/`-h` added, whose mistakes (an unknown option, a missing value) become
 * a UsageError of one line plus the usage line, instead of parseArgs' multi-line TypeError.
 */
export function parseCommand (argv: string[], options: Options, usage: string): Parsed {
  try {
    return parseArgs({ args: argv, allowPositionals: true, strict: true, options: { ...options, help: { type: 'boolean', short: 'h' } } })
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException
    if (!code?.startsWith('ERR_PARSE_ARGS')) throw error
    const option = message.match(/'(-[^' ]+)/)?.[1]
    const reason = code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION'
      ? `unknown option ${option}`
      : message.includes('ambiguous')
        ? `option ${option} takes a value starting with a dash only as ${option}=<value>`
        : message.split(/\.\s/)[0]!.replace(/^Option/, 'option')
    throw new UsageError(`toco-waffo-mock: ${reason}\n${usage}`)
  }
}

/** Mistakes the user can fix (usage, configuration, fixtures): printed as they are, exit 1; anything else is a bug and throws. */
export function reportMistake (error: unknown, err: (line: string) => void): 1 {
  const known = error instanceof UsageError || error instanceof ConfigError || error instanceof FixtureError
  if (!known) throw error
  err((error as Error).message)
  return 1
}
