/**
 * `toco-waffo-mock curl toco POST /partner/stores/<id>/unbind`
 * `toco-waffo-mock curl toco POST /partner/stores/products/deletions '{"ids":["…"]}' [--store str_…]`
 * `toco-waffo-mock curl waffo POST /v1/actions/store/delete-store '{"id":"STO_…"}' [--merchant MER_…] [--env test|prod]`
 *
 * Prints a ready-to-run curl line with a fresh signature, using the credentials of the fixtures
 * the server loads (--fixtures, else FIXTURES, else the demo set) and the server's own signing functions.
 */
import { APIS, loadMockConfig, readFixtures } from '../apis/index.js'
import { UsageError } from '../core/api.js'
import { isWebUrl, URL_MAX } from '../http/url.js'
import { parseCommand, reportMistake, type Command } from './args.js'
import { configHelp, configOptions, withFlags } from './flags.js'

/** What a signed request can be sent with (curl -X). */
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']

const API_OPTIONS = Object.fromEntries(APIS.flatMap((api) => Object.keys(api.demo.curlOptions)).map((name) => [name, { type: 'string' as const }]))
const SIGNING_OPTIONS = { ...API_OPTIONS, base: { type: 'string' as const }, ...configOptions }

const usage = (command: string, extra = '') => `usage: toco-waffo-mock ${command} ${APIS.map((api) => api.name).join('|')} METHOD PATH [BODY] ` +
  [...Object.keys(API_OPTIONS).map((name) => `[--${name} ${name.toUpperCase()}]`), '[--base URL]', extra].filter(Boolean).join(' ') +
  ` (toco-waffo-mock ${command} --help for more)`

function help (command: string, what: string, extra: Extra): string {
  const apiOptions = APIS.flatMap((api) => Object.entries(api.demo.curlOptions)).map(([name, text]) => `  --${name.padEnd(10)} ${text}`)
  return [
    usage(command, extra.usage).replace(/ \(toco-waffo-mock .*\)$/, ''),
    '',
    what,
    'Credentials come from the fixtures the server loads: --fixtures, else FIXTURES in your shell, else the demo set.',
    '',
    'Options:',
    ...apiOptions,
    '  --base URL   where the mock listens (default: http://HOST:PORT from the configuration)',
    ...extra.help ?? [],
    '',
    'Configuration (the server\'s own flags; each wins over its environment variable):',
    ...configHelp()
  ].join('\n')
}

/** What `sign` adds to `curl`'s options. */
interface Extra { options?: Record<string, { type: 'boolean' }>, help?: string[], usage?: string }

/**
 * The signed curl line a `curl` or `sign` command asks for, or undefined once it printed its help.
 * Says on stderr when the credentials come from FIXTURES in the shell, not from a flag.
 */
export function signedCurlLine (command: string, what: string, { argv, env, out, err }: Command, extra: Extra = {}) {
  const { values, positionals } = parseCommand(argv, { ...SIGNING_OPTIONS, ...extra.options }, usage(command, extra.usage))
  if (values.help) {
    out(help(command, what, extra))
    return undefined
  }
  const [name, rawMethod, path, body, ...rest] = positionals
  const api = APIS.find((candidate) => candidate.name === name)
  if (!api || !rawMethod || !path || rest.length > 0) throw new UsageError(usage(command, extra.usage))
  const method = rawMethod.toUpperCase()
  if (!METHODS.includes(method)) throw new UsageError(`toco-waffo-mock: unknown method ${rawMethod} (one of ${METHODS.join(', ')})`)
  if (values.base !== undefined && !isWebUrl(values.base, URL_MAX)) {
    throw new UsageError(`toco-waffo-mock: --base must be an http(s) URL, like http://127.0.0.1:8080 (got "${String(values.base)}")`)
  }
  const config = loadMockConfig(withFlags(env, values))
  if (values.fixtures === undefined && env.FIXTURES) err(`(credentials from FIXTURES=${env.FIXTURES}, set in your shell)`)
  const baseUrl = (values.base as string | undefined) ?? `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${config.port}`
  const options = Object.fromEntries(Object.keys(API_OPTIONS).map((option) => [option, values[option] as string | undefined]))
  const line = api.demo.curl({ fixtures: readFixtures(config.fixtures), baseUrl, config, method, path, body, options })
  return { line, values }
}

/** `toco-waffo-mock curl …`: prints one signed curl line. Returns the exit code; nothing here exits the process. */
export function curl (command: Command): number {
  try {
    const signed = signedCurlLine('curl', 'Prints a ready-to-run curl line with a fresh signature (valid for TIMESTAMP_WINDOW_SECONDS).', command)
    if (signed) command.out(signed.line)
    return 0
  } catch (error) {
    return reportMistake(error, command.err)
  }
}
