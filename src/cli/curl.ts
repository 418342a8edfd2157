/**
 * `npm run curl -- toco POST /partner/stores/<id>/unbind`
 * `npm run curl -- toco POST /partner/stores/products/deletions '{"ids":["…"]}' [--store str_…]`
 * `npm run curl -- waffo POST /v1/actions/store/delete-store '{"id":"STO_…"}' [--merchant MER_…] [--env test|prod]`
 *
 * Prints a ready-to-run curl line with a fresh signature, using the credentials of the fixtures
 * the server loads (FIXTURES, or the demo set) and the server's own signing functions.
 */
import { parseArgs } from 'node:util'
import { loadConfig } from '../config.js'
import { readFixtures } from '../fixtures/index.js'
import { TOCO_PREFIX } from '../signing/toco.js'
import { credentials } from './credentials.js'
import { tocoCurl, waffoCurl } from './curl-line.js'

const USAGE = 'usage: npm run curl -- toco|waffo METHOD PATH [BODY] [--store ID] [--partner ID] [--merchant ID] [--env test|prod] [--base URL]'
/** Toco paths under /partner/stores/ that act on one store need its token, except unbind. */
const STORE_SCOPED = /^\/partner\/stores\/(products|inventory|orders|catalog)(\/|\?|$)/

function fail (message: string): never {
  console.error(message)
  process.exit(1)
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    store: { type: 'string' },
    partner: { type: 'string' },
    merchant: { type: 'string' },
    env: { type: 'string' },
    base: { type: 'string' }
  }
})
const [api, rawMethod, rawPath, body] = positionals
if ((api !== 'toco' && api !== 'waffo') || !rawMethod || !rawPath) fail(USAGE)
const method = rawMethod.toUpperCase()

const config = loadConfig()
const known = credentials(readFixtures(config.fixtures))
const baseUrl = values.base ?? `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${config.port}`

if (api === 'toco') {
  const path = rawPath.startsWith(TOCO_PREFIX) ? rawPath.slice(TOCO_PREFIX.length) : rawPath
  const owner = values.store && known.toco.find((partner) => partner.stores.some((store) => store.storeClientId === values.store))
  const partner = values.partner
    ? known.toco.find((candidate) => candidate.clientId === values.partner)
    : owner || known.toco[0]
  if (!partner) fail(`No Toco partner ${values.partner ?? values.store ?? ''} in the fixtures`)
  const store = values.store
    ? partner.stores.find((candidate) => candidate.storeClientId === values.store)
    : STORE_SCOPED.test(path) ? partner.stores.find((candidate) => candidate.status === 'bound') : undefined
  if (values.store && !store) fail(`Store ${values.store} does not belong to partner ${partner.clientId} in the fixtures`)
  console.log(tocoCurl({ baseUrl, method, path, body, partner, store, signaturePath: config.tocoSignaturePath }))
} else {
  const path = rawPath.startsWith('/v1/') ? rawPath : `/v1${rawPath.startsWith('/') ? '' : '/'}${rawPath}`
  const merchant = values.merchant
    ? known.waffo.find((candidate) => candidate.merchantId === values.merchant)
    : known.waffo.find((candidate) => candidate.keys.some((key) => key.privateKeyPem))
  const key = merchant?.keys.find((candidate) => candidate.privateKeyPem && (!values.env || candidate.environment === values.env))
  if (!merchant || !key) fail(`No Waffo merchant with a demo privateKeyPem${values.env ? ` for ${values.env}` : ''} in the fixtures`)
  if (method !== 'POST') fail('Waffo actions are POST only')
  console.log(waffoCurl({ baseUrl, path, body: body ?? '{}', merchantId: merchant.merchantId, privateKeyPem: key.privateKeyPem! }))
}
