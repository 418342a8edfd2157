import { randomUUID } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { FixtureDocument } from '../src/apis/index.js'
import { signTocoRequest, signWaffoRequest } from '../src/signing/index.js'
import { ROOT } from './servers.js'

/** The demo cast (fixtures/default.json), as in test/helpers.ts. */
const demo = JSON.parse(readFileSync(join(ROOT, 'fixtures/default.json'), 'utf8')) as Required<FixtureDocument>
const owner = demo.waffo.merchants![0]!
export const CAST = {
  partner: { clientId: 'ptnr_1s4UqMnO64', secretKey: 'demo_toco_secret_ptnr_1s4UqMnO64' },
  catalogueStore: { storeClientId: 'str_TGIxyboe7-Rz', storeToken: 'stkn_1G_R3r_5QTvwr_0O' },
  /** Another partner's store: unbinding it answers 404 STORE_020 after the HMAC check and a lookup. */
  othersStore: 'str_AbCOther01',
  owner: { id: owner.id, privateKeyPem: owner.publicKeys[0]!.privateKeyPem! },
  blockedStore: 'STO_BlockedEveryCategory01',
  graphqlStore: 'STO_2aUyqjCzEIiEcYMKj7TZtw'
} as const

export const GRAPHQL_PRODUCTS = 50

/** Product ids nobody has deleted yet, handed out in order; rewind() after POST /__admin/reset. */
export class IdPool {
  private next = 0
  constructor (readonly ids: string[]) {}
  take (count: number): string[] {
    const taken = this.ids.slice(this.next, this.next + count)
    this.next += count
    // Past the end we recycle (still a valid request); the caller sees it as responses without writes.
    return taken.length === count ? taken : this.ids.slice(0, count)
  }

  get used (): number { return this.next }
  rewind (): void { this.next = 0 }
}

/**
 * The demo fixtures plus `count` extra products in the catalogue store, written to `dir`.
 * Only the required fields: the rest take the loader's defaults, which keeps the file small.
 */
export function writeBenchFixture (dir: string, count: number): { file: string, pool: IdPool } {
  const ids = Array.from({ length: count }, () => randomUUID())
  const products = ids.map((id) => ({ id, storeClientId: CAST.catalogueStore.storeClientId, externalId: randomUUID() }))
  // The Waffo GraphQL scenario reads a store with GRAPHQL_PRODUCTS products.
  const waffoProducts = Array.from({ length: GRAPHQL_PRODUCTS }, (_, i) => ({
    id: `PROD_Bench${String(i).padStart(17, '0')}`,
    storeId: CAST.graphqlStore,
    type: 'onetime' as const,
    name: `Bench product ${i}`,
    prices: { USD: { amount: `${i + 1}.00`, taxCategory: 'saas' } }
  }))
  const doc = {
    ...demo,
    $schema: undefined,
    toco: {
      ...demo.toco,
      stores: [...demo.toco.stores ?? [], { ...LIST_STORE, partnerClientId: CAST.partner.clientId, name: 'Toko 10k' }],
      products: [...demo.toco.products ?? [], ...products, ...listProducts()]
    },
    waffo: { ...demo.waffo, products: [...demo.waffo.products ?? [], ...waffoProducts] }
  }
  const file = join(dir, 'bench-fixture.json')
  writeFileSync(file, JSON.stringify(doc))
  return { file, pool: new IdPool(ids) }
}

/** A store of the bench fixture holding LIST_STORE_SIZE products, for the product-list scenario (nobody deletes them). */
export const LIST_STORE = { storeClientId: 'str_BenchList10k', storeToken: 'stkn_BenchList10kToken' } as const
export const LIST_STORE_SIZE = 10_000
const listProducts = () => Array.from({ length: LIST_STORE_SIZE }, (_, i) => ({
  id: randomUUID(), storeClientId: LIST_STORE.storeClientId, externalId: `list-${i}`, name: `Produk ${i}`, sku: `LIST-${i}`
}))

/**
 * Signed Toco product list: a page of 50 (a random one of the 200) from the 10 000-product store,
 * each product read with its variants and stock per warehouse, and formatted.
 */
export function productList (): Scenario {
  return {
    name: 'Toco product list, 50 of 10 000',
    expectStatus: 200,
    next () {
      const path = `/partner/stores/products?page=${1 + Math.floor(Math.random() * (LIST_STORE_SIZE / 50))}&limit=50`
      const headers = signTocoRequest({ secretKey: CAST.partner.secretKey, method: 'GET', path, partnerClientId: CAST.partner.clientId, ...LIST_STORE })
      return { method: 'GET', path: `/api/v1${path}`, headers }
    },
    didWork: (body) => body.includes('"limit":50,"total":10000')
  }
}

export interface SignedRequest { method: string, path: string, headers: Record<string, string>, body?: string }

export interface Scenario {
  name: string
  expectStatus: number
  /** A freshly signed request; called once per request sent. */
  next (): SignedRequest
  /** True when a response did the work the scenario is about (e.g. real writes). */
  didWork? (body: string): boolean
}

const DELETIONS = '/partner/stores/products/deletions'

/** Signed Toco bulk delete of `size` never-used ids: every request soft-deletes `size` rows. */
export function bulkDelete (pool: IdPool, size = 2): Scenario {
  const name = size === 2 ? 'Toco bulk delete, 2 ids (writes)' : `Toco bulk delete, ${size} ids`
  return deletion(name, () => pool.take(size), `"succeeded":${size},`)
}

/**
 * The seed's bulk delete, as issue 21 defines the scenario it measures: one never-used product and
 * one id nobody has, so every answer holds a success item and an error item.
 */
export function seedBulkDelete (pool: IdPool): Scenario {
  return deletion('Toco bulk delete, 1 live + 1 missing (the seed\'s)', () => [...pool.take(1), randomUUID()], '"succeeded":1,"failed":1}')
}

function deletion (name: string, ids: () => string[], done: string): Scenario {
  return {
    name,
    expectStatus: 200,
    next () {
      const body = JSON.stringify({ ids: ids() })
      // A fresh timestamp and body each time: the HMAC covers both, so nothing can be reused.
      const headers = signTocoRequest({
        secretKey: CAST.partner.secretKey,
        method: 'POST',
        path: DELETIONS,
        partnerClientId: CAST.partner.clientId,
        ...CAST.catalogueStore,
        body
      })
      return { method: 'POST', path: `/api/v1${DELETIONS}`, headers: { 'content-type': 'application/json', ...headers }, body }
    },
    didWork: (body) => body.includes(done)
  }
}

/** Signed Toco unbind of another partner's store: 404 STORE_020, nothing written. */
export function unbindNotFound (): Scenario {
  const path = `/partner/stores/${CAST.othersStore}/unbind`
  return {
    name: 'Toco unbind 404 (STORE_020)',
    expectStatus: 404,
    next: () => ({
      method: 'POST',
      path: `/api/v1${path}`,
      headers: signTocoRequest({ secretKey: CAST.partner.secretKey, method: 'POST', path, partnerClientId: CAST.partner.clientId })
    })
  }
}

/**
 * RSA-signed Waffo delete-store of a store with every blocker: 409, nothing written.
 * We re-sign whenever the epoch second changes rather than for each request: RSA PKCS#1 v1.5 is
 * deterministic, so the bytes are exactly what per-request signing would send, and the ~1 ms an
 * RSA-2048 signature costs would otherwise make the load generator, not the server, the limit.
 */
export function waffoBlocked (): Scenario {
  const path = '/v1/actions/store/delete-store'
  const body = JSON.stringify({ id: CAST.blockedStore })
  let second = -1
  let headers: Record<string, string> = {}
  return {
    name: 'Waffo delete-store 409 (RSA)',
    expectStatus: 409,
    next () {
      const now = Math.floor(Date.now() / 1000)
      if (now !== second) {
        second = now
        headers = signWaffoRequest({ merchantId: CAST.owner.id, privateKeyPem: CAST.owner.privateKeyPem, path, body, timestamp: now })
      }
      return { method: 'POST', path, headers, body }
    }
  }
}

export function health (): Scenario {
  return {
    name: 'GET /__admin/health',
    expectStatus: 200,
    next: () => ({ method: 'GET', path: '/__admin/health', headers: {} })
  }
}

/**
 * Signed Waffo GraphQL read of a store with its 50 products (prices included) and the count:
 * mercurius parse/validate cache, the resolvers and SQLite. Signed once per second, as above.
 */
export function waffoGraphql (): Scenario {
  const path = '/v1/graphql'
  const body = JSON.stringify({
    query: 'query ($id: ID!) { store(id: $id) { id name onetimeProductsCount onetimeProducts(limit: 50) { id name status prices { currency priceInfo { amount } } } } }',
    variables: { id: CAST.graphqlStore }
  })
  let second = -1
  let headers: Record<string, string> = {}
  return {
    name: `Waffo GraphQL, store with ${GRAPHQL_PRODUCTS} products (RSA)`,
    expectStatus: 200,
    next () {
      const now = Math.floor(Date.now() / 1000)
      if (now !== second) {
        second = now
        headers = { 'content-type': 'application/json', ...signWaffoRequest({ merchantId: CAST.owner.id, privateKeyPem: CAST.owner.privateKeyPem, path, body, timestamp: now }) }
      }
      return { method: 'POST', path, headers, body }
    },
    didWork: (text) => text.includes(`"onetimeProductsCount":${GRAPHQL_PRODUCTS}`)
  }
}
