/**
 * `toco-waffo-mock [serve] [--port N] [--fixtures a.json,b.json] [--db file.db] …`: both APIs and
 * the control plane. Every mistake in the configuration or the environment is one line and exit 1;
 * SIGTERM/SIGINT log one line, let in-flight requests finish, and exit 0.
 */
import closeWithGrace from 'close-with-grace'
import { buildApp, type App } from '../app.js'
import { banner } from '../banner.js'
import { UsageError } from '../core/api.js'
import { APIS, loadMockConfig, type MockConfig } from '../apis/index.js'
import { parseCommand, reportMistake, type Command } from './args.js'
import { configHelp, configOptions, withFlags } from './flags.js'
import { logStreamFor } from './log-stream.js'

const USAGE = 'usage: toco-waffo-mock [serve] [--port N] [--fixtures a.json,b.json] [--db FILE] [options] (toco-waffo-mock --help for more)'

export const SERVE_HELP = [
  'usage: toco-waffo-mock [serve] [options]',
  '',
  `Starts ${APIS.map((api) => `the ${api.title} (${api.prefix})`).join(', ')} and the control plane (/__admin) on one port,`,
  'and prints the URL, the demo credentials and one signed curl per API.',
  '',
  'Options (each one wins over the environment variable named in its brackets):',
  ...configHelp(),
  '',
  'Other commands:',
  '  toco-waffo-mock curl toco|waffo METHOD PATH [BODY]   print a signed curl line (curl --help)',
  '  toco-waffo-mock sign toco|waffo METHOD PATH [BODY]   print the signed headers, or --json (sign --help)'
].join('\n')

/** The configuration a `serve` command line asks for, or 'help'. */
export function serveConfig (argv: string[], env: NodeJS.ProcessEnv): MockConfig | 'help' {
  const { values, positionals } = parseCommand(argv, configOptions, USAGE)
  if (values.help) return 'help'
  if (positionals.length > 0) throw new UsageError(`toco-waffo-mock: unexpected argument ${positionals[0]}\n${USAGE}`)
  return loadMockConfig(withFlags(env, values))
}

/** Starts the server; resolves 0 once it listens (it keeps running), 1 after explaining why it could not. */
export async function serve ({ argv, env, out, err }: Command): Promise<number> {
  let app: App | undefined
  let config: MockConfig | undefined
  let keys: Promise<unknown> | undefined
  try {
    const asked = serveConfig(argv, env)
    if (asked === 'help') {
      out(SERVE_HELP)
      return 0
    }
    config = asked
    app = await buildApp(config, { logStream: await logStreamFor(config, { env, warn: err }) })
    keys = Promise.all([...app.webhooks.signers.values()].map((signer) => signer.prepare?.()))
    const url = await app.listen({ port: config.port, host: config.host })
    drainOnSignal(app)
    await keys
    out(banner(config, app.mock.fixtures, url, app.seeding, app.webhooks.signers).replace(/\n$/, ''))
    return 0
  } catch (error) {
    await keys?.catch(() => undefined) // it writes the key to the database: let it finish before closing that
    await app?.close()
    const line = config && listenMistake(error as NodeJS.ErrnoException, config)
    if (line) {
      err(line)
      return 1
    }
    return reportMistake(error, err)
  }
}

/** One line on SIGTERM/SIGINT, then Fastify's close: no new requests, in-flight ones finish. */
function drainOnSignal (app: App): void {
  closeWithGrace({ delay: 10_000 }, async ({ signal, err }) => {
    if (err) app.log.error({ err }, 'shutting down after an error')
    if (signal) app.log.info({ signal }, `${signal}: finishing in-flight requests, then exiting`)
    // Fastify closes the connections idle when close starts; one whose answer was in flight would
    // then idle for keepAliveTimeout (72 s) and hold the exit: close those too as they fall idle.
    const sweep = setInterval(() => app.server.closeIdleConnections(), 50)
    try {
      await app.close()
    } finally {
      clearInterval(sweep)
    }
  })
}

/** The network's refusals, named after the setting that caused them. */
function listenMistake ({ code }: NodeJS.ErrnoException, { host, port }: MockConfig): string | undefined {
  switch (code) {
    case 'EADDRINUSE': return `Cannot listen on ${host}:${port}: the port is in use (choose another with PORT or --port, or 0 for any free port)`
    case 'EACCES': return `Cannot listen on ${host}:${port}: permission denied (ports below 1024 need privileges; use PORT=8080)`
    case 'ENOTFOUND': case 'EAI_AGAIN': case 'EAI_NONAME':
      return `Cannot listen on HOST=${host}: no such address or host name (use 127.0.0.1, 0.0.0.0 or an address of this machine)`
    case 'EADDRNOTAVAIL': return `Cannot listen on HOST=${host}: not an address of this machine (use 127.0.0.1, 0.0.0.0 or one of its own addresses)`
    default: return undefined
  }
}
