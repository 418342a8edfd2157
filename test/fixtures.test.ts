/** Fixture documents (DESIGN §6): the minimal public shape, defaults, and precise load errors. */
import { generateKeyPairSync } from 'node:crypto'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { defaultStoreToken } from '../src/apis/toco/fixture.js'
import { FixtureError, fixtureJsonSchema } from '../src/apis/index.js'
import { appForTest, snapshot, toco, waffo } from './helpers.js'

const dir = mkdtempSync(join(tmpdir(), 'fixtures-'))
const keys = generateKeyPairSync('rsa', { modulusLength: 2048 })
const publicPem = keys.publicKey.export({ type: 'spki', format: 'pem' }).toString()
const privatePem = keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()

let counter = 0
function file (document: unknown): string {
  const path = join(dir, `fixture-${++counter}.json`)
  writeFileSync(path, typeof document === 'string' ? document : JSON.stringify(document))
  return path
}

/** Exactly the DESIGN §6 shape, nothing more. */
const minimal = {
  toco: {
    partners: [{ clientId: 'ptnr_min', secretKey: 'min-secret' }],
    stores: [{ storeClientId: 'str_min', partnerClientId: 'ptnr_min', storeToken: 'stkn_min', status: 'bound' }],
    products: [{ id: '11111111-1111-4111-8111-111111111111', storeClientId: 'str_min', externalId: 'ext-1' }]
  },
  waffo: {
    merchants: [{ id: 'MER_MinimalMerchant0000001', publicKeys: [{ pem: publicPem, environment: 'test' }] }],
    stores: [{ id: 'STO_MinimalStore0000000001', name: 'Minimal', members: [{ merchantId: 'MER_MinimalMerchant0000001', role: 'owner' }] }],
    products: [{ id: 'PROD_MinimalProduct00000001', storeId: 'STO_MinimalStore0000000001', type: 'onetime', testStatus: 'active', prodStatus: 'inactive' }],
    orders: [{ id: 'ORD_MinimalOrder0000000001', storeId: 'STO_MinimalStore0000000001', type: 'onetime', status: 'pending' }],
    kybTickets: [{ id: 'TKT_MinimalTicket000000001', storeId: 'STO_MinimalStore0000000001', status: 'pending' }],
    bindings: [{ storeId: 'STO_MinimalStore0000000001', kind: 'email', value: 'support@example.com' }]
  }
}

describe('loading', () => {
  it('loads the minimal public shape as given and serves it', async () => {
    const app = await appForTest({ fixtures: [file(minimal)] })
    const deleted = await toco(app, {
      path: '/partner/stores/products/deletions',
      body: { ids: ['11111111-1111-4111-8111-111111111111'] },
      partner: { clientId: 'ptnr_min', secretKey: 'min-secret' },
      store: { storeClientId: 'str_min', storeToken: 'stkn_min' }
    })
    expect(deleted.json().data.successItems).toEqual([{ id: '11111111-1111-4111-8111-111111111111', externalId: 'ext-1' }])
    const blocked = await waffo(app, { body: { id: 'STO_MinimalStore0000000001' }, merchant: { id: 'MER_MinimalMerchant0000001', privateKeyPem: privatePem } })
    expect(blocked.json().errors.map((e: { reason: string }) => e.reason))
      .toEqual(['active_products', 'pending_orders', 'pending_tickets', 'bound_emails'])
  })

  it('fills defaults: names, prices, a stable store token, a slug, timestamps', async () => {
    const document = {
      toco: {
        partners: [{ clientId: 'p', secretKey: 's' }],
        stores: [{ storeClientId: 'str_d', partnerClientId: 'p' }],
        products: [{ id: 'prod-1', storeClientId: 'str_d', externalId: 'e' }]
      },
      waffo: {
        merchants: [{ id: 'MER_FixtureMerchant0000001', publicKeys: [{ pem: publicPem }] }],
        stores: [{ id: 'STO_FixtureStore0000000001', name: 'Café & Co', members: [{ merchantId: 'MER_FixtureMerchant0000001', role: 'owner' }] }]
      }
    }
    const app = await appForTest({ fixtures: [file(document)] })
    const state = snapshot(app)
    expect(state.toco_store_tokens).toEqual([{ token: defaultStoreToken('str_d'), store_client_id: 'str_d', issued_at: expect.any(String), revoked_at: null, expires_at: null }])
    expect(defaultStoreToken('str_d')).toMatch(/^stkn_[A-Za-z0-9_-]{16}$/)
    expect(state.toco_store_authorizations).toHaveLength(1)
    expect(state.toco_products).toEqual([expect.objectContaining({ name: 'Product e', price: 100000, stock: 10, deleted_at: null })])
    expect(state.waffo_api_keys).toEqual([expect.objectContaining({ environment: 'test', nickname: 'key-1' })])
    expect(state.waffo_stores).toEqual([expect.objectContaining({
      status: 'active',
      logo: null,
      support_email: null,
      website: null,
      prod_enabled: 0,
      notification_settings: null,
      checkout_settings: null,
      deleted_at: null,
      slug: expect.stringMatching(/^caf-co-[0-9a-f]{6}$/)
    })])
  })

  it('loads several files in order; a later file may refer to an earlier one', async () => {
    const first = file({ toco: { partners: [{ clientId: 'p1', secretKey: 's1' }] } })
    const second = file({ toco: { stores: [{ storeClientId: 'str_2', partnerClientId: 'p1', storeToken: 't2' }] } })
    const app = await appForTest({ fixtures: [first, second] })
    expect(snapshot(app).toco_stores).toEqual([expect.objectContaining({ store_client_id: 'str_2', partner_client_id: 'p1' })])
  })
})

describe('a bad fixture names file, JSON path and reason', () => {
  const cases: Array<[string, unknown, string, string]> = [
    ['invalid JSON', '{"toco": ', '', 'not valid JSON'],
    ['a missing required field', { toco: { partners: [{ clientId: 'p' }] } }, '/toco/partners/0/secretKey', 'is required'],
    ['a wrong enum value', { toco: { partners: [{ clientId: 'p', secretKey: 's' }], stores: [{ storeClientId: 's', partnerClientId: 'p', status: 'paused' }] } },
      '/toco/stores/0/status', 'must be one of bound, unbound'],
    ['a wrong type', { waffo: { stores: [{ id: 'STO_FixtureStore0000000001', name: 42, members: [] }] } }, '/waffo/stores/0/name', 'must be string'],
    ['an unknown partner', { toco: { stores: [{ storeClientId: 's', partnerClientId: 'ghost' }] } },
      '/toco/stores/0/partnerClientId', 'unknown partner "ghost" (declare it under toco.partners)'],
    ['an unknown store', { toco: { partners: [{ clientId: 'p', secretKey: 's' }], products: [{ id: 'x', storeClientId: 'ghost', externalId: 'e' }] } },
      '/toco/products/0/storeClientId', 'unknown store "ghost" (declare it under toco.stores)'],
    ['a duplicate id', { toco: { partners: [{ clientId: 'p', secretKey: 's' }, { clientId: 'p', secretKey: 't' }] } },
      '/toco/partners/1', 'duplicate: this id (or value) is already loaded'],
    ['a bad PEM', { waffo: { merchants: [{ id: 'MER_FixtureMerchant0000001', publicKeys: [{ pem: 'not a key' }] }] } },
      '/waffo/merchants/0/publicKeys/0/pem', 'not an RSA public key in PEM format'],
    ['an order status of the other kind', { waffo: { merchants: [], stores: [{ id: 'STO_FixtureStore0000000001', name: 'x', members: [] }], orders: [{ id: 'ORD_FixtureOrder0000000001', storeId: 'STO_FixtureStore0000000001', type: 'onetime', status: 'active' }] } },
      '/waffo/orders/0/status', 'a onetime order cannot be "active" (one of pending, completed, canceled)']
  ]

  it.each(cases)('%s', async (_name, document, path, reason) => {
    const fixture = file(document)
    const error = await appForTest({ fixtures: [fixture] }).then(() => undefined, (caught: unknown) => caught)
    expect(error).toBeInstanceOf(FixtureError)
    expect(error).toMatchObject({ file: fixture, path })
    expect((error as FixtureError).reason).toContain(reason)
    expect((error as Error).message).toBe(`Fixture error in ${fixture} at ${path || '/'}: ${(error as FixtureError).reason}`)
    expect((error as Error).message).not.toContain('\n')
  })

  it('an unreadable file', async () => {
    const error = await appForTest({ fixtures: [join(dir, 'missing.json')] }).then(() => undefined, (caught: unknown) => caught)
    expect((error as Error).message).toBe(`Fixture error in ${join(dir, 'missing.json')} at /: cannot read the file (ENOENT)`)
  })
})

it('fixtures/schema.json is the schema the loader validates with (run `npm run fixtures:schema`)', () => {
  expect(readFileSync(new URL('../fixtures/schema.json', import.meta.url), 'utf8')).toBe(fixtureJsonSchema())
})
