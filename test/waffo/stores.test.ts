/** store/create-store, store/update-store and the store-merchant 501s: bodies, literal messages, database state. */
import { describe, expect, it } from 'vitest'
import { DEFAULT_CHECKOUT } from '../../src/apis/waffo/store-settings.js'
import { DEMO, ISO_MS, snapshot, useApp } from '../helpers.js'
import { act, refusal, row } from './support.js'

const mock = useApp()
const ALL_ON = {
  emailOrderConfirmation: true,
  emailSubscriptionConfirmation: true,
  emailSubscriptionCycled: true,
  emailSubscriptionCanceled: true,
  emailSubscriptionRevoked: true,
  emailSubscriptionPastDue: true,
  emailTrialStarted: true,
  emailTrialEnding: true,
  emailUpcomingCharge: true,
  emailSubscriptionPlanChanged: true,
  emailRefundSucceeded: true,
  notifyNewOrders: true,
  notifyNewSubscriptions: true,
  notifySubscriptionCanceled: true,
  notifySubscriptionEnded: true,
  notifySubscriptionPastDue: true,
  notifySubscriptionRenewed: true,
  notifySubscriptionUncanceled: true,
  notifySubscriptionPlanChanged: true,
  notifyChargeback: true,
  notifyRefundSucceeded: true
}

async function createStore (name = 'My Digital Store', merchant = DEMO.owner) {
  const { status, body } = await act(mock.app, 'store/create-store', { name }, merchant)
  expect(status, JSON.stringify(body)).toBe(200)
  return body.data.store
}

describe('store/create-store', () => {
  it('creates an active store with the documented defaults, a slug from the name, and the creator as owner', async () => {
    mock.app.mock.clock.freeze(Date.parse('2026-01-15T10:30:00.000Z'))
    const store = await createStore('  My Digital Store  ')
    expect(store).toEqual({
      id: expect.stringMatching(/^STO_[0-9A-Za-z]{22}$/),
      name: 'My Digital Store',
      status: 'active',
      logo: null,
      supportEmail: null,
      website: null,
      slug: expect.stringMatching(/^my-digital-store-[a-z0-9]{6}$/),
      prodEnabled: false,
      notificationSettings: ALL_ON,
      checkoutSettings: DEFAULT_CHECKOUT,
      deletedAt: null,
      createdAt: '2026-01-15T10:30:00.000Z',
      updatedAt: '2026-01-15T10:30:00.000Z'
    })
    expect(Object.keys(store)).toEqual(['id', 'name', 'status', 'logo', 'supportEmail', 'website', 'slug', 'prodEnabled',
      'notificationSettings', 'checkoutSettings', 'deletedAt', 'createdAt', 'updatedAt'])
    expect(row(mock.app, 'SELECT role, created_at FROM waffo_store_members WHERE store_id = ? AND merchant_id = ?', store.id, DEMO.owner.id))
      .toEqual({ role: 'owner', created_at: '2026-01-15T10:30:00.000Z' })
    // The owner can delete it at once: nothing blocks a new store.
    expect((await act(mock.app, 'store/delete-store', { id: store.id })).status).toBe(200)
  })

  it('gives every store its own slug; a name with no latin letters still gets one', async () => {
    const a = await createStore('Same Name')
    const b = await createStore('Same Name')
    expect(a.slug).not.toBe(b.slug)
    expect((await createStore('商店')).slug).toMatch(/^store-[a-z0-9]{6}$/)
  })

  it.each([
    ['no name', {}, 'Missing required field: name'],
    ['an empty name', { name: '' }, 'Missing required field: name'],
    ['a blank name', { name: '   ' }, 'Store name must be between 1 and 48 characters'],
    ['49 characters', { name: 'x'.repeat(49) }, 'Store name must be between 1 and 48 characters'],
    ['a number', { name: 42 }, 'Store name must be between 1 and 48 characters']
  ])('%s → 400 with the message, nothing written', async (_case, body, message) => {
    const before = snapshot(mock.app)
    expect(await refusal(mock.app, 'store/create-store', body)).toEqual([400, message, 'store'])
    expect(snapshot(mock.app)).toEqual(before)
  })

  it('accepts 48 characters after trimming', async () => {
    expect((await createStore(` ${'y'.repeat(48)} `)).name).toBe('y'.repeat(48))
  })

  it('a merchant owns at most 20 live stores; a deleted store frees its slot', async () => {
    // The outsider owns one fixture store; 19 more reach the limit.
    const created = []
    for (let i = 0; i < 19; i++) created.push(await createStore(`Shop ${i}`, DEMO.outsider))
    const before = snapshot(mock.app)
    expect(await refusal(mock.app, 'store/create-store', { name: 'One Too Many' }, DEMO.outsider))
      .toEqual([400, 'Store limit reached: a merchant can own at most 20 stores', 'store'])
    expect(snapshot(mock.app)).toEqual(before)
    // Other merchants are not affected.
    await createStore('Still Fine', DEMO.admin)
    await act(mock.app, 'store/delete-store', { id: created[0].id }, DEMO.outsider)
    await createStore('Fits Again', DEMO.outsider)
  })
})

describe('store/update-store', () => {
  const clean = DEMO.waffoStores.clean

  it('updates only the fields sent; settings merge key by key', async () => {
    const store = await createStore()
    mock.app.mock.clock.advance(1000)
    const { status, body } = await act(mock.app, 'store/update-store', {
      id: store.id,
      name: ' Renamed ',
      logo: 'https://example.com/logo.png',
      notificationSettings: { notifyNewOrders: false, emailUpcomingCharge: false },
      checkoutSettings: { defaultDarkMode: true, light: { checkoutColorPrimary: '#112233' } }
    })
    expect(status).toBe(200)
    expect(body.warnings).toBeUndefined()
    expect(body.data.store).toMatchObject({
      name: 'Renamed',
      slug: store.slug,
      status: 'active',
      logo: 'https://example.com/logo.png',
      notificationSettings: { ...ALL_ON, notifyNewOrders: false, emailUpcomingCharge: false },
      checkoutSettings: { ...DEFAULT_CHECKOUT, defaultDarkMode: true, light: { ...DEFAULT_CHECKOUT.light, checkoutColorPrimary: '#112233' } },
      createdAt: store.createdAt
    })
    expect(body.data.store.updatedAt).not.toBe(store.updatedAt)
    expect(JSON.parse(row(mock.app, 'SELECT notification_settings FROM waffo_stores WHERE id = ?', store.id)!.notification_settings).notifyNewOrders).toBe(false)
  })

  it('null clears: a key back to its default, notificationSettings back to all on, checkoutSettings to null', async () => {
    const store = await createStore()
    await act(mock.app, 'store/update-store', { id: store.id, notificationSettings: { notifyChargeback: false, emailTrialEnding: false }, checkoutSettings: { dark: { checkoutColorText: '#000000' } } })
    const partial = (await act(mock.app, 'store/update-store', { id: store.id, notificationSettings: { notifyChargeback: null }, checkoutSettings: { dark: { checkoutColorText: null } }, logo: null })).body.data.store
    expect(partial.notificationSettings).toEqual({ ...ALL_ON, emailTrialEnding: false })
    expect(partial.checkoutSettings).toEqual(DEFAULT_CHECKOUT)
    const cleared = (await act(mock.app, 'store/update-store', { id: store.id, notificationSettings: null, checkoutSettings: null })).body.data.store
    expect(cleared.notificationSettings).toEqual(ALL_ON)
    expect(cleared.checkoutSettings).toBeNull()
    expect(row(mock.app, 'SELECT checkout_settings FROM waffo_stores WHERE id = ?', store.id)!.checkout_settings).toBeNull()
  })

  it('ignores webhookSettings, supportEmail, website and platform-managed email toggles with warnings; the rest applies', async () => {
    const store = await createStore()
    const { status, body } = await act(mock.app, 'store/update-store', {
      id: store.id,
      name: 'Warned',
      webhookSettings: { testWebhookUrl: 'https://example.com/hook' },
      supportEmail: 'a@b.c',
      website: 'https://b.c',
      notificationSettings: { emailOrderConfirmation: false, notifyNewOrders: false }
    })
    expect(status).toBe(200)
    expect(body.warnings).toEqual([
      { message: 'webhookSettings field ignored', layer: 'store', aiHint: 'Switch to client.webhooks.add / update / remove' },
      { message: 'supportEmail field ignored', layer: 'store', aiHint: expect.any(String) },
      { message: 'website field ignored', layer: 'store', aiHint: expect.any(String) },
      { message: 'notificationSettings.emailOrderConfirmation field ignored', layer: 'store', aiHint: expect.any(String) }
    ])
    expect(body.data.store).toMatchObject({ name: 'Warned', supportEmail: null, website: null })
    expect(body.data.store.notificationSettings).toMatchObject({ emailOrderConfirmation: true, notifyNewOrders: false })
  })

  it('an id-only update changes nothing, not even updatedAt', async () => {
    const store = await createStore()
    mock.app.mock.clock.advance(5000)
    const { body } = await act(mock.app, 'store/update-store', { id: store.id })
    expect(body.data.store).toEqual(store)
  })

  it('status: active ↔ inactive by the merchant; suspended is the platform\'s', async () => {
    expect((await act(mock.app, 'store/update-store', { id: clean, status: 'inactive' })).body.data.store.status).toBe('inactive')
    expect(await refusal(mock.app, 'store/update-store', { id: clean, status: 'suspended' }))
      .toEqual([400, 'Invalid status: suspended is set by the platform only', 'store'])
    expect(await refusal(mock.app, 'store/update-store', { id: clean, status: 'closed' }))
      .toEqual([400, 'Invalid status: expected one of active, inactive', 'store'])
    mock.app.mock.db.prepare("UPDATE waffo_stores SET status = 'suspended' WHERE id = ?").run(clean)
    expect(await refusal(mock.app, 'store/update-store', { id: clean, status: 'active' }))
      .toEqual([403, 'Store is suspended by the platform; merchant cannot reactivate', 'store'])
  })

  it('roles: owner and admin may update, a member gets 403, a stranger and a deleted store 404', async () => {
    expect((await act(mock.app, 'store/update-store', { id: clean, name: 'By Admin' }, DEMO.admin)).status).toBe(200)
    expect((await act(mock.app, 'store/update-store', { id: DEMO.waffoStores.ownerIsAdmin, name: 'Owner Is Admin Here' })).status).toBe(200)
    const before = snapshot(mock.app)
    expect(await refusal(mock.app, 'store/update-store', { id: DEMO.waffoStores.ownerIsMember, name: 'x' }))
      .toEqual([403, 'Not authorized to update this store, only owner or admin can update', 'store'])
    expect(await refusal(mock.app, 'store/update-store', { id: DEMO.waffoStores.othersOnly, name: 'x' })).toEqual([404, 'Store not found', 'store'])
    expect(await refusal(mock.app, 'store/update-store', { id: DEMO.waffoStores.deleted, name: 'x' })).toEqual([404, 'Store not found', 'store'])
    expect(snapshot(mock.app)).toEqual(before)
  })

  it.each([
    ['no id', { name: 'x' }, 'Missing required field: id'],
    ['a bad id', { id: 'store-1' }, 'Expected format: STO_xxx, got "store-1"'],
    ['a long name', { id: clean, name: 'z'.repeat(49) }, 'Store name must be between 1 and 48 characters'],
    ['a numeric logo', { id: clean, logo: 5 }, 'Invalid logo: expected a string or null'],
    ['a string notificationSettings', { id: clean, notificationSettings: 'off' }, 'Invalid notificationSettings: expected an object or null'],
    ['a non-boolean toggle', { id: clean, notificationSettings: { notifyNewOrders: 'no' } }, 'Invalid notificationSettings.notifyNewOrders: expected boolean or null'],
    ['a numeric colour', { id: clean, checkoutSettings: { light: { checkoutColorCard: 1 } } }, 'Invalid checkoutSettings.light.checkoutColorCard: expected string or null']
  ])('%s → 400, nothing written', async (_case, body, message) => {
    const before = snapshot(mock.app)
    expect(await refusal(mock.app, 'store/update-store', body)).toEqual([400, message, 'store'])
    expect(snapshot(mock.app)).toEqual(before)
  })
})

describe('store-merchant/*', () => {
  it.each(['add-merchant', 'remove-merchant', 'update-role'])('%s answers 501 "Coming soon", signed or not it changes nothing', async (verb) => {
    const before = snapshot(mock.app)
    const body = { storeId: DEMO.waffoStores.clean, email: 'member@example.com', merchantId: DEMO.admin.id, role: 'admin' }
    expect(await refusal(mock.app, `store-merchant/${verb}`, body)).toEqual([501, 'Coming soon', 'store'])
    const unsigned = await mock.app.inject({ method: 'POST', url: `/v1/actions/store-merchant/${verb}`, payload: body })
    expect([unsigned.statusCode, unsigned.json()]).toEqual([401, { data: null, errors: [{ message: 'Missing authentication', layer: 'user' }] }])
    expect(snapshot(mock.app)).toEqual(before)
  })
})

it('timestamps of new stores follow the mock clock', async () => {
  mock.app.mock.clock.freeze(Date.parse('2030-05-05T05:05:05.555Z'))
  const store = await createStore()
  expect(store.createdAt).toBe('2030-05-05T05:05:05.555Z')
  expect(store.createdAt).toMatch(ISO_MS)
})
