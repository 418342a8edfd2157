/**
 * `npm run curl -- toco POST /partner/stores/<id>/unbind`
 * `npm run curl -- toco POST /partner/stores/products/deletions '{"ids":["…"]}' [--store str_…]`
 * `npm run curl -- waffo POST /v1/actions/store/delete-store '{"id":"STO_…"}' [--merchant MER_…] [--env test|prod]`
 *
 * Prints a ready-to-run curl line with a fresh signature, using the credentials of the fixtures
 * the server loads (FIXTURES, or the demo set) and the server's own signing functions.
 */
import { realpathSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { APIS } from '../apis/index.js'
import { UsageError } from '../core/api.js'
import { ConfigError, loadConfig } from '../config.js'
import { FixtureError, readFixtures } from '../fixtures/index.js'

const API_OPTIONS = Object.fromEntries(APIS.flatMap((api) => Object.keys(api.demo.curlOptions)).map((name) => [name, { type: 'string' as const }]))
const USAGE = `usage: npm run curl -- ${APIS.map((api) => api.name).join('|')} METHOD PATH [BODY] ` +
  [...Object.keys(API_OPTIONS), 'base'].map((name) => `[--${name} ${name === 'base' ? 'URL' : 'ID'}]`).join(' ')

export interface CliIo {
  env?: NodeJS.ProcessEnv
  out?: (line: string) => void
  err?: (line: string) => void
}

/** Runs the command and returns its exit code; nothing here exits the process. */
export function main (argv: string[], { env = process.env, out = console.log, err = console.error }: CliIo = {}): number {
  try {
    const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { ...API_OPTIONS, base: { type: 'string' } } })
    const [name, rawMethod, path, body] = positionals
    const api = APIS.find((candidate) => candidate.name === name)
    if (!api || !rawMethod || !path) throw new UsageError(USAGE)
    const config = loadConfig(env)
    const baseUrl = values.base ?? `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${config.port}`
    out(api.demo.curl({ fixtures: readFixtures(config.fixtures), baseUrl, config, method: rawMethod.toUpperCase(), path, body, options: values }))
    return 0
  } catch (error) {
    const known = error instanceof UsageError || error instanceof ConfigError || error instanceof FixtureError ||
      (error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS')
    if (!known) throw error
    err((error as Error).message)
    return 1
  }
}

if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main(process.argv.slice(2))
}
