/**
 * `toco-waffo-mock/client`: start the mock in-process and drive its control plane.
 *
 *   const mock = await startMock({ fixtures: ['test/fixtures/shop.json'] })
 *   await mock.admin.reset()
 *   … point your Toco client at mock.tocoBaseUrl, your Waffo SDK at mock.url …
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
  /** Where the Toco Partner API lives (`…/api/v1`). */
  tocoBaseUrl: string
  /** Where the Waffo Pancake API lives (`…/v1`). */
  waffoBaseUrl: string
  admin: MockAdmin
  /** PEM of the key Waffo webhooks are signed with: verifyWebhook(body, header, { publicKey: mock.webhookPublicKey }). */
  webhookPublicKey: string
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
  const prefix = (name: string) => APIS.find((api) => api.name === name)!.prefix
  return {
    url,
    tocoBaseUrl: url + prefix('toco'),
    waffoBaseUrl: url + prefix('waffo'),
    admin: new MockAdmin(url, config.adminToken),
    webhookPublicKey: (app.webhooks.signers.get('waffo') as WaffoWebhookSigner).publicKey(),
    close: async () => { await app.close() }
  }
}
