import { randomUUID } from 'node:crypto'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { atomically } from '../../../db/atomically.js'
import { waffoErrors } from '../errors.js'
import { Envelope } from '../format.js'
import type { WaffoRepos } from '../repo/index.js'
import { merchant } from '../auth.js'
import { formatWebhook, StoreWebhook } from '../webhooks/events.js'
import { declared, WAFFO_ROUTES } from './table.js'

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
  /** A webhook of a store this merchant may edit. */
  const ownWebhook = (id: string, merchantId: string, repos: WaffoRepos) => {
    const hook = UUID.test(id) ? repos.webhooks.byId(id) : undefined
    if (!hook || repos.stores.memberRole(hook.store_id, merchantId) === undefined) throw waffoErrors.webhookNotFound()
    editable(hook.store_id, merchantId, repos)
    return hook
  }

  app.route({
    ...declared(WAFFO_ROUTES.addWebhook),
    schema: { body: WAFFO_ROUTES.addWebhook.body, response: WebhookResponse },
    handler: async (request) => {
      const { merchantId } = merchant(request)
      const { storeId, channel, url, events, testMode, secret } = request.body
      const { db, clock, repos: { waffo } } = request.ctx
      const hook = atomically(db, () => {
        editable(storeId, merchantId, waffo)
        if (waffo.webhooks.count(storeId) >= WEBHOOK_LIMIT) throw waffoErrors.webhookLimit()
        const at = clock.iso()
        return waffo.webhooks.insert({
          id: randomUUID(), store_id: storeId, channel, url, events: JSON.stringify([...new Set(events)]), test_mode: testMode ? 1 : 0, secret: secret ?? null, created_at: at, updated_at: at
        })
      })
      return { data: { webhook: formatWebhook(hook) } }
    }
  })

  app.route({
    ...declared(WAFFO_ROUTES.updateWebhook),
    schema: { body: WAFFO_ROUTES.updateWebhook.body, response: WebhookResponse },
    handler: async (request) => {
      const { merchantId } = merchant(request)
      const { id, url, events, secret, channel, testMode } = request.body
      if (channel !== undefined) throw waffoErrors.immutableWebhookField('channel')
      if (testMode !== undefined) throw waffoErrors.immutableWebhookField('testMode')
      const { db, clock, repos: { waffo } } = request.ctx
      const hook = atomically(db, () => {
        const current = ownWebhook(id, merchantId, waffo)
        const next = {
          id,
          url: url ?? current.url,
          events: events === undefined ? current.events : JSON.stringify([...new Set(events)]),
          secret: secret === undefined ? current.secret : secret
        }
        const changed = next.url !== current.url || next.events !== current.events || next.secret !== current.secret
        return changed ? waffo.webhooks.update({ ...next, updated_at: clock.iso() }) : current
      })
      return { data: { webhook: formatWebhook(hook) } }
    }
  })

  app.route({
    ...declared(WAFFO_ROUTES.removeWebhook),
    schema: { body: WAFFO_ROUTES.removeWebhook.body, response: WebhookResponse },
    handler: async (request) => {
      const { merchantId } = merchant(request)
      const { db, repos: { waffo } } = request.ctx
      const removed = atomically(db, () => {
        ownWebhook(request.body.id, merchantId, waffo)
        return waffo.webhooks.remove(request.body.id)!
      })
      return { data: { webhook: formatWebhook(removed) } }
    }
  })
}
