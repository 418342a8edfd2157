/** store/add-webhook, update-webhook, remove-webhook: bodies, messages and rows. */
import { describe, expect, it } from 'vitest'
import { DEMO, snapshot, UUID_V4, useApp } from '../helpers.js'
import { act, refusal, row } from './support.js'

const ctx = useApp()
const STORE = DEMO.waffoStores.blockedEverywhere
const ADD = { storeId: STORE, channel: 'http', url: 'https://example.com/hook', events: ['order.completed'], testMode: false }

describe('add-webhook', () => {
  it('answers the StoreWebhook and stores it; secret defaults to null, duplicate events collapse', async () => {
    const { status, body } = await act(ctx.app, 'store/add-webhook', { ...ADD, events: ['order.completed', 'refund.failed', 'order.completed'] })
    expect(status).toBe(200)
    const hook = body.data.webhook
    expect(hook).toMatchObject({ id: expect.stringMatching(UUID_V4), storeId: STORE, channel: 'http', url: ADD.url, events: ['order.completed', 'refund.failed'], testMode: false, secret: null })
    expect(row(ctx.app, 'SELECT store_id, events, test_mode, secret FROM waffo_webhooks WHERE id = ?', hook.id))
      .toEqual({ store_id: STORE, events: '["order.completed","refund.failed"]', test_mode: 0, secret: null })
  })

  it.each([
    [{ ...ADD, url: undefined }, 'Missing required field: url'],
    [{ ...ADD, storeId: undefined }, 'Missing required field: storeId'],
    [{ ...ADD, channel: 'smtp' }, 'Invalid channel: expected one of http, feishu, discord, telegram, slack'],
    [{ ...ADD, testMode: 'yes' }, 'Invalid testMode: expected a boolean'],
    [{ ...ADD, events: [] }, expect.stringMatching(/^Invalid events: expected a non-empty array of event types among order\.completed, /)],
    [{ ...ADD, events: ['order.shipped'] }, expect.stringMatching(/^Invalid events: /)],
    [{ ...ADD, url: 'ftp://example.com' }, 'Invalid url: expected an http(s) URL of at most 2048 characters'],
    // Past the schema's shape, no delivery could reach these (probing: each failed six attempts).
    [{ ...ADD, url: 'https://[::1' }, 'Invalid url: expected an http(s) URL of at most 2048 characters'],
    [{ ...ADD, url: 'http://127.0.0.1:99999/' }, 'Invalid url: expected an http(s) URL of at most 2048 characters'],
    [{ ...ADD, url: 'https://exämple.com/in' }, 'Invalid url: expected an http(s) URL of at most 2048 characters'],
    [{ ...ADD, storeId: 'PROD_x' }, 'Expected format: STO_xxx, got "PROD_x"']
  ])('refuses %j with 400 and writes nothing', async (body, message) => {
    const before = snapshot(ctx.app)
    expect(await refusal(ctx.app, 'store/add-webhook', body)).toEqual([400, message, 'store'])
    expect(snapshot(ctx.app)).toEqual(before)
  })

  it('owner or admin: a member gets 403, a stranger 404', async () => {
    expect(await refusal(ctx.app, 'store/add-webhook', { ...ADD, storeId: DEMO.waffoStores.ownerIsMember }))
      .toEqual([403, 'Not authorized to manage webhooks of this store, only owner or admin can', 'store'])
    expect(await refusal(ctx.app, 'store/add-webhook', { ...ADD, storeId: DEMO.waffoStores.othersOnly })).toEqual([404, 'Store not found', 'store'])
    expect((await act(ctx.app, 'store/add-webhook', { ...ADD, storeId: DEMO.waffoStores.ownerIsAdmin })).status).toBe(200)
  })

  it('at most 20 per store', async () => {
    for (let i = 0; i < 20; i++) expect((await act(ctx.app, 'store/add-webhook', { ...ADD, url: `https://example.com/${i}` })).status).toBe(200)
    expect(await refusal(ctx.app, 'store/add-webhook', ADD)).toEqual([400, 'Webhook limit reached: a store can have at most 20 webhooks', 'store'])
    expect(row(ctx.app, 'SELECT count(*) AS n FROM waffo_webhooks WHERE store_id = ?', STORE)).toEqual({ n: 20 })
  })
})

describe('update-webhook and remove-webhook', () => {
  it('updates url, events and secret; channel and testMode cannot change; remove answers the snapshot and deletes the row', async () => {
    const { body: { data: { webhook } } } = await act(ctx.app, 'store/add-webhook', ADD)
    const updated = await act(ctx.app, 'store/update-webhook', { id: webhook.id, url: 'https://example.com/new', secret: '8737101383' })
    expect(updated.body.data.webhook).toMatchObject({ id: webhook.id, url: 'https://example.com/new', events: ['order.completed'], secret: '8737101383', channel: 'http', testMode: false })
    expect(await refusal(ctx.app, 'store/update-webhook', { id: webhook.id, channel: 'slack' }))
      .toEqual([400, 'channel cannot be changed; remove the webhook and add it again', 'store'])
    expect(await refusal(ctx.app, 'store/update-webhook', { id: webhook.id, testMode: true }))
      .toEqual([400, 'testMode cannot be changed; remove the webhook and add it again', 'store'])
    expect(await refusal(ctx.app, 'store/update-webhook', { id: webhook.id }, DEMO.outsider)).toEqual([404, 'Webhook not found', 'store'])

    const removed = await act(ctx.app, 'store/remove-webhook', { id: webhook.id })
    expect(removed.body).toEqual({ data: { webhook: updated.body.data.webhook } })
    expect(row(ctx.app, 'SELECT * FROM waffo_webhooks WHERE id = ?', webhook.id)).toBeUndefined()
    expect(await refusal(ctx.app, 'store/remove-webhook', { id: webhook.id })).toEqual([404, 'Webhook not found', 'store'])
    expect(await refusal(ctx.app, 'store/remove-webhook', {})).toEqual([400, 'Missing required field: id', 'store'])
  })
})
