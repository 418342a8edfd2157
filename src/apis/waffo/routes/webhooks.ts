import { randomUUID } from 'node:crypto'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { isWebUrl, URL_MAX } from '../../../http/url.js'
import { waffoErrors } from '../errors.js'
import { Envelope } from '../format.js'
import type { WaffoRepos } from '../repo/index.js'
import { formatWebhook, StoreWebhook } from '../webhooks/events.js'
import { INVALID_WEBHOOK_URL } from './bodies.js'
import { merchantAction, WAFFO_ROUTES } from './table.js'

/** "At most 20 webhooks per store." */
export const WEBHOOK_LIMIT = 20
const WebhookResponse = { 200: Envelope(Type.Object({ webhook: StoreWebhook })) }
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** Store webhook actions: owner or admin of the store; the id is a UUID. */
export const webhookRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const editable = (storeId: string, merchantId: string, repos: WaffoRepos) => {
    const role = repos.stores.memberRole(storeId, merchantId)
    if (role === undefined) throw waffoErrors.storeNotFound()
    if (role === 'member') throw waffoErrors.notWebhookEditor()
  }
  /** A URL a delivery can reach (`https://[::1` or port 99999 passed the schema, then failed every delivery). */
  const receivable = (url: string) => {
    if (!isWebUrl(url, URL_MAX)) throw waffoErrors.invalidField(INVALID_WEBHOOK_URL, 'store')
  }
  /** A webhook of a store this merchant may edit. */
  const ownWebhook = (id: string, merchantId: string, repos: WaffoRepos) => {
    const hook = UUID.test(id) ? repos.webhooks.byId(id) : undefined
    if (!hook || repos.stores.memberRole(hook.store_id, merchantId) === undefined) throw waffoErrors.webhookNotFound()
    editable(hook.store_id, merchantId, repos)
    return hook
  }

  merchantAction(app, WAFFO_ROUTES.addWebhook, WebhookResponse, (body, { merchantId }, { clock, repos: { waffo } }) => {
    const { storeId, channel, url, events, testMode, secret } = body
    receivable(url)
    editable(storeId, merchantId, waffo)
    if (waffo.webhooks.count(storeId) >= WEBHOOK_LIMIT) throw waffoErrors.webhookLimit()
    const at = clock.iso()
    const hook = waffo.webhooks.insert({
      id: randomUUID(), store_id: storeId, channel, url, events: JSON.stringify([...new Set(events)]), test_mode: testMode ? 1 : 0, secret: secret ?? null, created_at: at, updated_at: at
    })
    return { data: { webhook: formatWebhook(hook) } }
  })

  merchantAction(app, WAFFO_ROUTES.updateWebhook, WebhookResponse, (body, { merchantId }, { clock, repos: { waffo } }) => {
    const { id, url, events, secret, channel, testMode } = body
    if (channel !== undefined) throw waffoErrors.immutableWebhookField('channel')
    if (testMode !== undefined) throw waffoErrors.immutableWebhookField('testMode')
    if (url !== undefined) receivable(url)
    const current = ownWebhook(id, merchantId, waffo)
    const next = {
      id,
      url: url ?? current.url,
      events: events === undefined ? current.events : JSON.stringify([...new Set(events)]),
      secret: secret === undefined ? current.secret : secret
    }
    const changed = next.url !== current.url || next.events !== current.events || next.secret !== current.secret
    return { data: { webhook: formatWebhook(changed ? waffo.webhooks.update({ ...next, updated_at: clock.iso() }) : current) } }
  })

  merchantAction(app, WAFFO_ROUTES.removeWebhook, WebhookResponse, ({ id }, { merchantId }, { repos: { waffo } }) => {
    ownWebhook(id, merchantId, waffo)
    return { data: { webhook: formatWebhook(waffo.webhooks.remove(id)!) } }
  })
}
