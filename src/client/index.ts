/**
 * `toco-waffo-mock/client`: start the mock in-process and drive its control plane.
 *
 *   const mock = await startMock({ fixtures: ['test/fixtures/shop.json'] })     // in beforeAll
 *   await mock.admin.reset()    // in beforeEach: fixtures' rows, no faults, empty journal, real clock
 *   … point your Toco client at mock.tocoBaseUrl, your Waffo SDK's baseUrl at mock.waffoBaseUrl …
 *   await mock.close()
 */
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { runProgram } from '../cli/bundle.js'
import { MockAdmin } from './admin.js'
import type { StartMockOptions } from './start.js'

export * from './admin.js'
export type { FixtureDocument } from '../apis/index.js'
export type { StartMockOptions } from './start.js'

export interface RunningMock {
  /** `http://127.0.0.1:<port>`: the Waffo SDK's baseUrl. */
  url: string
  /** The Toco Partner API's base URL (`…/api/v1`): join the guide's paths (`/partner/…`) to it. */
  tocoBaseUrl: string
  /**
   * The Waffo SDK's `baseUrl` (the origin, no `/v1`): the SDK's paths already start with `/v1/…`,
   * so `new WaffoPancake({ …, baseUrl: mock.waffoBaseUrl })` reaches `/v1/actions/…`.
   */
  waffoBaseUrl: string
  admin: MockAdmin
  /** PEM of the key Waffo webhooks are signed with: verifyWebhook(body, header, { publicKey: mock.webhookPublicKey }). */
  readonly webhookPublicKey: string
  close (): Promise<void>
}

type Start = typeof import('./start.js')
let start: Promise<Start> | undefined

/**
 * Where the server comes from: the built package's one-file program (dist/program.cjs, ~0.1 s to
 * load) rather than the ~900 modules tsc wrote beside this file (~0.4 s); the sources run their own
 * (tests, npm run dev). The control-plane client is always this module's, so `instanceof MockAdminError` holds.
 */
function starter (): Promise<Start> {
  const bundled = fileURLToPath(new URL('../program.cjs', import.meta.url))
  const sources = './start.js' // not a literal specifier: tsc-only code, never bundled
  start ??= existsSync(bundled) ? Promise.resolve(runProgram<Start>(bundled)) : import(sources) as Promise<Start>
  return start
}

/** Starts the mock in this process on a free port (unless `port` is given), quiet unless `logLevel` says otherwise. */
export async function startMock (options: StartMockOptions = {}): Promise<RunningMock> {
  const server = await (await starter()).startMockServer(options)
  return {
    url: server.url,
    tocoBaseUrl: server.tocoBaseUrl,
    waffoBaseUrl: server.waffoBaseUrl,
    admin: new MockAdmin(server.url, server.adminToken),
    // Read when asked: the key may still be in the making.
    get webhookPublicKey () { return server.webhookPublicKey },
    close: () => server.close()
  }
}
