import type { CurlInput, DemoInput } from '../../core/api.js'
import { UsageError } from '../../core/api.js'
import { curlLine } from '../../signing/curl.js'
import { signTocoRequest, TOCO_PREFIX, tocoSignedPath } from '../../signing/toco.js'
import type { TocoConfig } from './config.js'
import { defaultStoreToken, type TocoFixture } from './fixture.js'
import { routeFor } from './routes/table.js'

interface PartnerCredentials {
  clientId: string
  secretKey: string
  stores: Array<{ storeClientId: string, storeToken: string, status: 'bound' | 'unbound' }>
}

/** Every partner and store the fixture documents declare, in load order. */
export function tocoCredentials (fixtures: DemoInput['fixtures']): PartnerCredentials[] {
  const partners: PartnerCredentials[] = []
  for (const { doc } of fixtures) {
    const section = doc.toco as TocoFixture | undefined
    for (const partner of section?.partners ?? []) partners.push({ clientId: partner.clientId, secretKey: partner.secretKey, stores: [] })
    for (const store of section?.stores ?? []) {
      partners.find((partner) => partner.clientId === store.partnerClientId)?.stores.push({
        storeClientId: store.storeClientId,
        storeToken: store.storeToken ?? defaultStoreToken(store.storeClientId),
        status: store.status ?? 'bound'
      })
    }
  }
  return partners
}

/**
 * Whether a call needs the store headers, from the route table the routes register from: a
 * declared `auth: 'store'` route does; so does an unknown path, as the guard's default is the
 * strictest scope. Partner-scoped and public routes do not.
 */
function needsStore (method: string, path: string): boolean {
  const route = routeFor(method, path)
  return route === undefined || ('auth' in route.access && route.access.auth === 'store')
}

interface SignedCurl {
  baseUrl: string
  method: string
  /** Path under /api/v1, with any query string. */
  path: string
  body?: string | undefined
  partner: { clientId: string, secretKey: string }
  store?: { storeClientId: string, storeToken: string } | undefined
  config: TocoConfig
}

function signedCurl ({ baseUrl, method, path, body, partner, store, config }: SignedCurl): string {
  const url = TOCO_PREFIX + path
  const headers = signTocoRequest({
    secretKey: partner.secretKey,
    method,
    path: tocoSignedPath(url, config.tocoSignaturePath),
    partnerClientId: partner.clientId,
    storeClientId: store?.storeClientId,
    storeToken: store?.storeToken,
    body
  })
  // The seeds' order: Content-Type, then x-signature before the signed headers.
  const { 'x-signature': signature, ...signedHeaders } = headers
  return curlLine(method, baseUrl + url, { 'Content-Type': 'application/json', 'x-signature': signature!, ...signedHeaders }, body)
}

export const tocoDemo = {
  curlOptions: {
    store: 'Toco: the store to act as (its partner signs); default: the partner\'s first bound store on store-scoped paths',
    partner: 'Toco: the partner to sign as; default: the first declared'
  },
  note: () => '',
  credentials ({ fixtures }: DemoInput): string[] {
    return tocoCredentials(fixtures).flatMap((partner) => [
      `  Toco partner ${partner.clientId}   secretKey ${partner.secretKey}`,
      ...partner.stores.map((store) => `    store ${store.storeClientId.padEnd(18)} ${store.status.padEnd(8)} storeToken ${store.storeToken}`)
    ])
  },
  exampleCurl ({ fixtures, baseUrl, config }: DemoInput<TocoConfig>): string {
    const partner = tocoCredentials(fixtures)[0]!
    const bound = partner.stores.find((store) => store.status === 'bound')!
    return signedCurl({ baseUrl, method: 'POST', path: `/partner/stores/${bound.storeClientId}/unbind`, partner, config })
  },
  curl ({ fixtures, baseUrl, config, method, path: rawPath, body, options }: CurlInput<TocoConfig>): string {
    const known = tocoCredentials(fixtures)
    const path = rawPath.startsWith(TOCO_PREFIX) ? rawPath.slice(TOCO_PREFIX.length) : rawPath
    const owner = options.store && known.find((partner) => partner.stores.some((store) => store.storeClientId === options.store))
    const partner = options.partner ? known.find((candidate) => candidate.clientId === options.partner) : owner || known[0]
    if (!partner) throw new UsageError(`No Toco partner ${options.partner ?? options.store ?? ''} in the fixtures`)
    const store = options.store
      ? partner.stores.find((candidate) => candidate.storeClientId === options.store)
      : needsStore(method, path) ? partner.stores.find((candidate) => candidate.status === 'bound') : undefined
    if (options.store && !store) throw new UsageError(`Store ${options.store} does not belong to partner ${partner.clientId} in the fixtures`)
    return signedCurl({ baseUrl, method, path, body, partner, store, config })
  }
}
