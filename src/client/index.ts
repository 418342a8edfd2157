/**
 * `toco-waffo-mock/client`: start the mock in-process and drive its control plane.
 *
 *   const mock = await startMock({ fixtures: ['test/fixtures/shop.json'] })     // in beforeAll
 *   await mock.admin.reset()    // in beforeEach: fixtures' rows, no faults, empty journal, real clock
 *   … point your Toco client at mock.tocoBaseUrl, your Waffo SDK's baseUrl at mock.waffoBaseUrl …
 *   await mock.close()
 */
import { APIS, loadMockConfig, readFixtures, validateFixture, type FixtureDocument, type LoadedFixture, type MockConfig } from '../apis/index.js'
import { buildApp } from '../app.js'
import { MockAdmin } from './admin.js'
import type { WaffoWebhookSigner } from '../apis/waffo/webhooks/signer.js'

export * from './admin.js'
export type { FixtureDocument } from '../apis/index.js'

/** Options are the configuration's keys: webhookForwardUrl (WEBHOOK_FORWARD_URL) sends every event to one URL. */
export interface StartMockOptions extends Partial<Omit<MockConfig, 'fixtures'>> {
  /** Fixture files (paths) or documents, in load order; the demo set when absent. */
  fixtures?: Array<string | FixtureDocument>
}

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

/** Starts the mock in this process on a free port (unless `port` is given), quiet unless `logLevel` says otherwise. */
export async function startMock (options: StartMockOptions = {}): Promise<RunningMock> {
  const { fixtures: given, ...overrides } = options
  const config: MockConfig = { ...loadMockConfig({}), logLevel: 'silent', port: 0, ...overrides }
  let fixtures: LoadedFixture[] | undefined
  if (given !== undefined) {
    fixtures = given.flatMap((fixture, i) => typeof fixture === 'string'
      ? readFixtures([fixture])
      : [{ file: `inline:${i}`, doc: validateFixture(`inline:${i}`, fixture) }])
  }
  const app = await buildApp(config, { fixtures })
  const url = (await app.listen({ port: config.port, host: config.host })).replace('[::1]', 'localhost')
  const base = (name: string) => APIS.find((api) => api.name === name)!.clientBasePath
  const signer = app.webhooks.signers.get('waffo') as WaffoWebhookSigner
  // The webhook key (0.1–0.4 s of RSA) is made on libuv's pool while the tests start, as the CLI
  // does: a key read before it is ready (or after this failed) is made there and then.
  const keys = signer.prepare().catch(() => undefined)
  return {
    url,
    tocoBaseUrl: url + base('toco'),
    waffoBaseUrl: url + base('waffo'),
    admin: new MockAdmin(url, config.adminToken),
    get webhookPublicKey () { return signer.publicKey() },
    // The key is written to the database: let that finish before closing it.
    close: async () => { await keys; await app.close() }
  }
}
