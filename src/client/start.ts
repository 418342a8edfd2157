/**
 * The server half of `startMock()` (src/client/index.ts): what the built package runs from its
 * one-file program (dist/program.cjs), the control-plane client staying in the caller's modules.
 */
import { APIS, CONFIG_SLICES, loadMockConfig, readFixtures, validateFixture, type FixtureDocument, type LoadedFixture, type MockConfig } from '../apis/index.js'
import { buildApp } from '../app.js'
import { checkOptions } from '../config.js'
import type { WaffoWebhookSigner } from '../apis/waffo/webhooks/signer.js'

/** Options are the configuration's keys: webhookForwardUrl (WEBHOOK_FORWARD_URL) sends every event to one URL. */
export interface StartMockOptions extends Partial<Omit<MockConfig, 'fixtures'>> {
  /** Fixture files (paths) or documents, in load order; the demo set when absent. */
  fixtures?: Array<string | FixtureDocument>
}

export interface StartedServer {
  url: string
  tocoBaseUrl: string
  waffoBaseUrl: string
  adminToken: string | undefined
  readonly webhookPublicKey: string
  close (): Promise<void>
}

export async function startMockServer (options: StartMockOptions = {}): Promise<StartedServer> {
  const { fixtures: given, ...overrides } = options
  const config: MockConfig = { ...loadMockConfig({}), logLevel: 'silent', port: 0, ...checkOptions(overrides, CONFIG_SLICES) }
  let fixtures: LoadedFixture[] | undefined
  if (given !== undefined) {
    fixtures = given.flatMap((fixture, i) => typeof fixture === 'string'
      ? readFixtures([fixture])
      : [{ file: `inline:${i}`, doc: validateFixture(`inline:${i}`, fixture) }])
  }
  const app = await buildApp(config, { fixtures })
  let url: string
  try {
    url = (await app.listen({ port: config.port, host: config.host })).replace('[::1]', 'localhost')
  } catch (error) {
    // A port in use: the app built (its database, its deliverer) is closed, not left behind.
    await app.close()
    throw error
  }
  const base = (name: string) => APIS.find((api) => api.name === name)!.clientBasePath
  const signer = app.webhooks.signers.get('waffo') as WaffoWebhookSigner
  // The webhook key (0.1–0.4 s of RSA) is made on libuv's pool while the tests start, as the CLI
  // does: a key read before it is ready (or after this failed) is made there and then.
  const keys = signer.prepare().catch(() => undefined)
  return {
    url,
    tocoBaseUrl: url + base('toco'),
    waffoBaseUrl: url + base('waffo'),
    adminToken: config.adminToken,
    get webhookPublicKey () { return signer.publicKey() },
    // The key is written to the database: let that finish before closing it.
    close: async () => { await keys; await app.close() }
  }
}
