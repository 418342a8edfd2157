import { relative } from 'node:path'
import { APIS, type LoadedFixture, type MockConfig } from './apis/index.js'
import { DEFAULT_FIXTURES } from './config.js'
import type { DemoInput } from './core/api.js'
import type { WebhookSigner } from './core/webhooks/deliverer.js'
import type { Seeding } from './core/state-files/seeded.js'

const DATABASE_STATE: Record<Seeding['database'], string> = {
  seeded: 'freshly seeded from the fixtures',
  kept: 'kept: the state of the last run',
  reseeded: 'reseeded from the fixtures: RESET_ON_START'
}

/**
 * What `npm start` prints once listening. Secrets and signed curl lines are printed only for
 * the bundled demo set: a user's own fixture file keeps its secrets out of the output.
 */
export function banner (config: MockConfig, fixtures: LoadedFixture[], url: string, seeding: Seeding, signers: ReadonlyMap<string, WebhookSigner> = new Map()): string {
  const signerLines = [
    `  Webhooks            GET ${url}/__admin/webhooks/deliveries${config.webhookForwardUrl ? ` · every event also to ${config.webhookForwardUrl}` : ''}`,
    ...[...signers.values()].flatMap((signer) => signer.banner?.() ?? [])
  ]
  const lines = [
    '',
    `toco-waffo-mock listening on ${url}`,
    ...APIS.map((api) => `  ${api.title.padEnd(19)} ${url}${api.prefix}   ${api.demo.note(url)}`.trimEnd()),
    `  Dashboard           ${url}/__admin/   (state, live requests with why each was refused, clock, faults, snapshots)`,
    `  API docs            ${url}/__admin/docs   (OpenAPI: ${url}/__admin/openapi.json)`,
    `  Control plane       ${url}/__admin/health · POST ${url}/__admin/reset`,
    `  Database            ${config.dbPath} (${DATABASE_STATE[seeding.database]})`,
    `  Fixtures            ${fixtures.map((fixture) => relative(process.cwd(), fixture.file) || fixture.file).join(', ')}`,
    ...signerLines,
    ...(seeding.fixturesDiffer
      ? [`  WARNING             ${config.dbPath} was seeded from other fixtures than these: it serves its old state, and`,
          '                      these fixtures apply only on POST /__admin/reset. Start with RESET_ON_START=1 (or --reset-on-start) to reseed it.']
      : []),
    ''
  ]
  const isDemo = fixtures.length === 1 && fixtures[0]!.file === DEFAULT_FIXTURES
  // The CLI signs for http://HOST:PORT of its own configuration: a server started on another
  // (a --port flag, PORT=0) tells it where it listens.
  const base = url === 'http://127.0.0.1:8080' ? '' : ` --base ${url}`
  if (!isDemo) {
    lines.push(`Credentials: as declared in your fixture files. Sign a request with \`npx toco-waffo-mock curl <api> METHOD PATH${base}\` with the same --fixtures or FIXTURES.`, '')
    return lines.join('\n') + '\n'
  }

  const input: DemoInput<MockConfig> = { fixtures: fixtures as DemoInput['fixtures'], baseUrl: url, config }
  // A kept file may have moved on (a store unbound last run): the lines below are the fixtures'.
  const kept = seeding.database === 'kept' ? '; the kept database may have changed them since, POST /__admin/reset restores them' : ''
  lines.push(`Demo credentials (DEMO ONLY, from fixtures/default.json${kept}):`, ...APIS.flatMap((api) => api.demo.credentials(input)))
  lines.push('',
    `Try it (signatures expire after ${config.timestampWindowSeconds} s; \`npx toco-waffo-mock curl ${APIS.map((api) => api.name).join('|')} METHOD PATH [BODY]${base}\` signs a fresh one):`,
    '',
    ...APIS.flatMap((api) => [api.demo.exampleCurl(input), '']))
  return lines.join('\n') + '\n'
}
