import { relative } from 'node:path'
import { credentials } from './cli/credentials.js'
import { tocoCurl, waffoCurl } from './cli/curl-line.js'
import { DEFAULT_FIXTURES, type Config } from './config.js'
import type { LoadedFixture } from './fixtures/index.js'

/**
 * What `npm start` prints once listening. Secrets and signed curl lines are printed only for
 * the bundled demo set: a user's own fixture file keeps its secrets out of the output.
 */
export function banner (config: Config, fixtures: LoadedFixture[], url: string): string {
  const lines = [
    '',
    `toco-waffo-mock listening on ${url}`,
    `  Toco Partner API    ${url}/api/v1`,
    `  Waffo Pancake API   ${url}/v1   (SDK: new WaffoPancake({ baseUrl: '${url}', merchantId, privateKey }))`,
    `  Control plane       ${url}/__admin/health · POST ${url}/__admin/reset`,
    `  Database            ${config.dbPath}`,
    `  Fixtures            ${fixtures.map((fixture) => relative(process.cwd(), fixture.file) || fixture.file).join(', ')}`,
    ''
  ]
  const isDemo = fixtures.length === 1 && fixtures[0]!.file === DEFAULT_FIXTURES
  if (!isDemo) {
    lines.push('Credentials: as declared in your fixture files. Sign a request with `npm run curl -- toco|waffo METHOD PATH`.', '')
    return lines.join('\n') + '\n'
  }

  const { toco, waffo } = credentials(fixtures)
  lines.push('Demo credentials (DEMO ONLY, from fixtures/default.json):')
  for (const partner of toco) {
    lines.push(`  Toco partner ${partner.clientId}   secretKey ${partner.secretKey}`)
    for (const store of partner.stores) {
      lines.push(`    store ${store.storeClientId.padEnd(18)} ${store.status.padEnd(8)} storeToken ${store.storeToken}`)
    }
  }
  for (const merchant of waffo) {
    const key = merchant.keys[0]!
    lines.push(`  Waffo merchant ${merchant.merchantId}   private key (${key.environment}): ${key.where}`)
  }

  const partner = toco[0]!
  const bound = partner.stores.find((store) => store.status === 'bound')!
  const merchant = waffo[0]!
  lines.push('',
    `Try it (signatures expire after ${config.timestampWindowSeconds} s; \`npm run curl -- toco POST /partner/stores/${bound.storeClientId}/unbind\` signs a fresh one):`,
    '',
    tocoCurl({
      baseUrl: url,
      method: 'POST',
      path: `/partner/stores/${bound.storeClientId}/unbind`,
      partner,
      signaturePath: config.tocoSignaturePath
    }),
    '',
    waffoCurl({
      baseUrl: url,
      path: '/v1/actions/store/delete-store',
      body: JSON.stringify({ id: 'STO_2aUyqjCzEIiEcYMKj7TZtw' }),
      merchantId: merchant.merchantId,
      privateKeyPem: merchant.keys[0]!.privateKeyPem!
    }),
    '')
  return lines.join('\n') + '\n'
}
