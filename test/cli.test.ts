/** `toco-waffo-mock …` run in this process (main(argv)): its lines work as printed, its mistakes are one line. */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { main } from '../src/cli/main.js'
import { serveConfig } from '../src/cli/serve.js'
import { CONFIG_SLICES } from '../src/apis/index.js'
import { envSchemaOf, loadConfig } from '../src/config.js'
import { signTocoRequest } from '../src/signing/index.js'
import { DEMO, useListeningApp } from './helpers.js'
import { json, sendCurl } from './support/process.js'

const server = useListeningApp()

/** Runs the command line as the bin would, with the given environment (empty by default). */
async function cli (args: string[], env: NodeJS.ProcessEnv = {}) {
  const stdout: string[] = []
  const stderr: string[] = []
  const code = await main(args, { env, out: (line) => stdout.push(line), err: (line) => stderr.push(line) })
  return { code, stdout: stdout.join('\n'), stderr: stderr.join('\n') }
}
const signing = (...args: string[]) => cli([...args, '--base', server.url])

describe('toco-waffo-mock curl', () => {
  it('toco: signs an unbind with the partner\'s secret; the server accepts it as printed', async () => {
    const { code, stdout, stderr } = await signing('curl', 'toco', 'POST', `/partner/stores/${DEMO.unbindStore.storeClientId}/unbind`)
    expect(code).toBe(0)
    expect(stderr).toBe('')
    expect(stdout).toMatch(/^curl -X POST "http:\/\/127\.0\.0\.1:\d+\/api\/v1\/partner\/stores\/str_bG7SUfKOqSQt\/unbind"/)
    const answer = await json(await sendCurl(stdout))
    expect(answer.data).toEqual({ storeClientId: DEMO.unbindStore.storeClientId, status: 'unbound' })
  })

  it('toco: adds the store headers for a store-scoped path (--store, else the first bound store)', async () => {
    const body = JSON.stringify({ ids: [DEMO.products.second.id] })
    const defaulted = await signing('curl', 'toco', 'POST', '/partner/stores/products/deletions', body)
    expect(defaulted.stdout).toContain(`-H "x-store-token: ${DEMO.unbindStore.storeToken}"`)
    const { stdout } = await signing('curl', 'toco', 'POST', '/partner/stores/products/deletions', body, '--store', DEMO.catalogueStore.storeClientId)
    expect(stdout).toContain(`-H "x-store-token: ${DEMO.catalogueStore.storeToken}"`)
    const answer = await json(await sendCurl(stdout))
    expect(answer.data.successItems).toEqual([DEMO.products.second])
  })

  it('waffo: signs a delete-store like the SDK', async () => {
    const { stdout } = await signing('curl', 'waffo', 'POST', '/v1/actions/store/delete-store', JSON.stringify({ id: DEMO.waffoStores.clean }))
    const answer = await json(await sendCurl(stdout))
    expect(answer.data.store.id).toBe(DEMO.waffoStores.clean)
  })

  it('says when the credentials come from FIXTURES in the shell, and --fixtures wins over it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cli-'))
    const mine = join(dir, 'mine.json')
    writeFileSync(mine, JSON.stringify({ toco: { partners: [{ clientId: 'ptnr_mine', secretKey: 'mine-secret' }] } }))
    const fromShell = await signing('curl', 'toco', 'POST', '/partner/stores/x/unbind')
    expect(fromShell.stderr).toBe('')
    const fromEnv = await cli(['curl', 'toco', 'POST', '/partner/stores/x/unbind', '--base', server.url], { FIXTURES: mine })
    expect(fromEnv.stderr).toBe(`(credentials from FIXTURES=${mine}, set in your shell)`)
    expect(fromEnv.stdout).toContain('-H "x-partner-client-id: ptnr_mine"')
    const fromFlag = await cli(['curl', 'toco', 'POST', '/partner/stores/x/unbind', '--fixtures', mine], { FIXTURES: '/no/such.json' })
    expect(fromFlag.code).toBe(0)
    expect(fromFlag.stderr).toBe('')
    expect(fromFlag.stdout).toContain('"http://127.0.0.1:8080/api/v1/partner/stores/x/unbind"')
  })
})

describe('toco-waffo-mock sign', () => {
  it('prints the signed headers, one "Name: value" a line, that verify with the partner\'s secret', async () => {
    const path = `/partner/stores/${DEMO.unbindStore.storeClientId}/unbind`
    const { code, stdout } = await signing('sign', 'toco', 'POST', path)
    expect(code).toBe(0)
    const headers = Object.fromEntries(stdout.split('\n').map((line) => line.split(': ') as [string, string]))
    expect(Object.keys(headers)).toEqual(['Content-Type', 'x-signature', 'x-partner-client-id', 'x-timestamp'])
    const expected = signTocoRequest({ secretKey: DEMO.partner.secretKey, method: 'POST', path, partnerClientId: DEMO.partner.clientId, timestamp: Number(headers['x-timestamp']) })
    expect(headers['x-signature']).toBe(expected['x-signature'])
    const answer = await json(await fetch(`${server.url}/api/v1${path}`, { method: 'POST', headers }))
    expect(answer.message).toBe('Store unbound successfully')
  })

  it('--json prints the whole request, which the server accepts as it is', async () => {
    const body = JSON.stringify({ id: DEMO.waffoStores.clean })
    const { stdout } = await signing('sign', 'waffo', 'POST', '/v1/actions/store/delete-store', body, '--json')
    const request = JSON.parse(stdout)
    expect(request).toMatchObject({ method: 'POST', url: `${server.url}/v1/actions/store/delete-store`, body })
    expect(Object.keys(request.headers)).toEqual(['Content-Type', 'X-Merchant-Id', 'X-Timestamp', 'X-Signature'])
    const answer = await json(await fetch(request.url, { method: request.method, headers: request.headers, body: request.body }))
    expect(answer.data.store.id).toBe(DEMO.waffoStores.clean)
    expect(server.app.mock.db.prepare('SELECT deleted_at FROM waffo_stores WHERE id = ?').pluck().get(DEMO.waffoStores.clean)).not.toBeNull()
  })
})

describe('help and mistakes', () => {
  it.each([[['--help']], [['serve', '--help']], [['-h']], [['help']]])('%j prints the serve help with a flag for every environment variable', async (args) => {
    const { code, stdout, stderr } = await cli(args)
    expect(code).toBe(0)
    expect(stderr).toBe('')
    expect(stdout).toMatch(/^usage: toco-waffo-mock \[serve\] \[options\]/)
    for (const env of Object.keys(envSchemaOf(CONFIG_SLICES).properties)) {
      expect(stdout).toMatch(new RegExp(`\\n  --${env.toLowerCase().replaceAll('_', '-')}\\b.*\\(${env}[;)]`))
    }
    expect(stdout).toContain('--db-path VALUE, --db VALUE')
  })

  it.each(['curl', 'sign'])('%s --help names its options and where credentials come from', async (command) => {
    const { code, stdout } = await cli([command, '--help'])
    expect(code).toBe(0)
    expect(stdout).toMatch(new RegExp(`^usage: toco-waffo-mock ${command} toco\\|waffo METHOD PATH \\[BODY\\] \\[--store STORE\\]`))
    expect(stdout).toContain('--fixtures, else FIXTURES in your shell, else the demo set')
    expect(stdout).toContain('  --merchant ')
    expect(stdout.includes('--json')).toBe(command === 'sign')
  })

  it.each([
    [['--nope'], 'toco-waffo-mock: unknown option --nope', 'usage: toco-waffo-mock [serve]'],
    [['serve', '--prot', '8080'], 'toco-waffo-mock: unknown option --prot', 'usage: toco-waffo-mock [serve]'],
    [['curl', 'toco', 'POST', '/x', '--nope', '1'], 'toco-waffo-mock: unknown option --nope', 'usage: toco-waffo-mock curl toco|waffo'],
    [['sign', 'toco', 'POST', '/x', '--store'], "toco-waffo-mock: option '--store <value>' argument missing", 'usage: toco-waffo-mock sign toco|waffo'],
    [['serve', '--port', '-1'], 'toco-waffo-mock: option --port takes a value starting with a dash only as --port=<value>', 'usage: toco-waffo-mock [serve]'],
    [['deploy'], 'toco-waffo-mock: unknown command deploy', 'usage: toco-waffo-mock [serve|curl|sign|help]'],
    [['constructor'], 'toco-waffo-mock: unknown command constructor', 'usage: toco-waffo-mock [serve|curl|sign|help]'],
    [['serve', 'extra'], 'toco-waffo-mock: unexpected argument extra', 'usage: toco-waffo-mock [serve]']
  ])('%j: one line saying what is wrong, the usage, exit 1', async (args, error, usage) => {
    const { code, stdout, stderr } = await cli(args)
    expect(code).toBe(1)
    expect(stdout).toBe('')
    const [first, second, ...more] = stderr.split('\n')
    expect(first).toBe(error)
    expect(second).toContain(usage)
    expect(more).toEqual([])
  })

  it('an unknown API or missing path prints the usage', async () => {
    const { code, stdout, stderr } = await cli(['curl', 'stripe', 'GET', '/'])
    expect(code).toBe(1)
    expect(stdout).toBe('')
    expect(stderr).toMatch(/^usage: toco-waffo-mock curl toco\|waffo METHOD PATH \[BODY\]/)
  })

  it('an unknown merchant, a merchant without a key of that environment, an unknown method, a --base that is no URL: one line each', async () => {
    const cases: Array<[string[], string]> = [
      [['sign', 'waffo', 'POST', '/v1/actions/store/delete-store', '--merchant', 'MER_nope'], 'No Waffo merchant MER_nope in the fixtures'],
      [['sign', 'waffo', 'POST', '/v1/actions/store/delete-store', '--merchant', DEMO.outsider.id, '--env', 'prod'], `Waffo merchant ${DEMO.outsider.id} has no demo privateKeyPem for prod in the fixtures`],
      [['sign', 'toco', 'FOO', '/partner/stores'], 'toco-waffo-mock: unknown method FOO (one of GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS)'],
      [['curl', 'toco', 'GET', '/partner/stores', '--base', 'notaurl'], 'toco-waffo-mock: --base must be an http(s) URL, like http://127.0.0.1:8080 (got "notaurl")']
    ]
    for (const [args, line] of cases) {
      const { code, stdout, stderr } = await cli(args)
      expect([code, stdout, stderr], args.join(' ')).toEqual([1, '', line])
    }
  })

  it('a bad configuration value is one line naming the variable', async () => {
    const { code, stderr } = await cli(['sign', 'toco', 'POST', '/x', '--toco-signature-path', 'sideways'])
    expect(code).toBe(1)
    expect(stderr).toBe('Invalid configuration: TOCO_SIGNATURE_PATH must be one of strip-prefix, full (got "sideways")')
  })
})

describe('serve flags', () => {
  it('every flag sets its variable and wins over the environment; --db is --db-path; a switch needs no value', () => {
    const env = { PORT: '9000', DB_PATH: 'env.db', LOG_LEVEL: 'warn', TOCO_MAX_BATCH: '5', RESET_ON_START: '0' }
    const config = serveConfig(['--port', '0', '--db', 'flag.db', '--fixtures', 'a.json,b.json', '--reset-on-start', '--mock-debug-signatures'], env)
    expect(config).toEqual(loadConfig({
      ...env, PORT: '0', DB_PATH: 'flag.db', FIXTURES: 'a.json,b.json', RESET_ON_START: '1', MOCK_DEBUG_SIGNATURES: '1'
    }, CONFIG_SLICES))
    expect(config).toMatchObject({ port: 0, dbPath: 'flag.db', logLevel: 'warn', tocoMaxBatch: 5, resetOnStart: true, debugSignatures: true })
    expect(serveConfig(['--db-path', 'long.db'], {})).toMatchObject({ dbPath: 'long.db' })
    expect(serveConfig([], env)).toMatchObject({ port: 9000, dbPath: 'env.db' })
  })
})
