import { randomUUID } from 'node:crypto'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifySchemaValidationError } from 'fastify'
import Type from 'typebox'
import { atomically } from '../../../db/atomically.js'
import { waffoErrors } from '../errors.js'
import { Envelope } from '../format.js'
import type { WaffoRepos } from '../repo/index.js'
import { requireMerchant, requireShortId } from '../validate.js'
import { CHANNELS, formatWebhook, StoreWebhook, WEBHOOK_EVENTS } from '../webhooks/events.js'

/** "At most 20 webhooks per store." */
export const WEBHOOK_LIMIT = 20
/** Our bounds (upstream documents none): a URL a browser would take, a Telegram chat id or bot secret. */
const MAX_URL = 2048
const MAX_SECRET = 512

const Events = Type.Array(Type.Enum(WEBHOOK_EVENTS), { minItems: 1, maxItems: WEBHOOK_EVENTS.length })
const Url = Type.String({ minLength: 1, maxLength: MAX_URL, pattern: '^https?://[^\\s]+$' })
const Secret = Type.Union([Type.String({ maxLength: MAX_SECRET }), Type.Null()])

/** AddWebhookParams. */
export const AddWebhookBody = Type.Object({
  storeId: Type.String(),
  channel: Type.Enum(CHANNELS),
  url: Url,
  events: Events,
  testMode: Type.Boolean(),
  secret: Type.Optional(Secret)
})

/** UpdateWebhookParams; channel and testMode are named only to refuse them. */
export const UpdateWebhookBody = Type.Object({
  id: Type.String(),
  url: Type.Optional(Url),
  events: Type.Optional(Events),
  secret: Type.Optional(Secret),
  channel: Type.Optional(Type.Unknown()),
  testMode: Type.Optional(Type.Unknown())
})

/** RemoveWebhookParams. */
export const RemoveWebhookBody = Type.Object({ id: Type.String() })

/** What each field must be, in the store service's "Invalid <field>: expected …" wording. */
const EXPECTED: Record<string, string> = {
  storeId: 'a string',
  id: 'a string',
  channel: `one of ${CHANNELS.join(', ')}`,
  url: `an http(s) URL of at most ${MAX_URL} characters`,
  events: `a non-empty array of event types among ${WEBHOOK_EVENTS.join(', ')}`,
  testMode: 'a boolean',
  secret: `a string of at most ${MAX_SECRET} characters or null`
}

/** A body that fails its schema: Waffo's 400 with one Notice, layer store, naming the first field at fault. */
export function webhookBodyError (errors: FastifySchemaValidationError[]) {
  const required = errors.find((error) => error.keyword === 'required')
  const missing = required?.params as { requiredProperties?: string[], missingProperty?: string } | undefined
  const field = missing?.requiredProperties?.[0] ?? missing?.missingProperty
  if (field) return waffoErrors.missingField(field)
  const at = errors[0]?.instancePath.split('/')[1]
  if (!at) return waffoErrors.invalidField('Invalid body: expected a JSON object', 'store')
  return waffoErrors.invalidField(`Invalid ${at}: expected ${EXPECTED[at] ?? 'a valid value'}`, 'store')
}

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

  app.post('/actions/store/add-webhook', {
    config: { auth: 'apiKey' },
    schema: { body: AddWebhookBody, response: WebhookResponse },
    schemaErrorFormatter: webhookBodyError
  }, async (request) => {
    const { merchantId } = requireMerchant(request.merchantContext)
    const { storeId, channel, url, events, testMode, secret } = request.body
    requireShortId(storeId, 'STO')
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
  })

  app.post('/actions/store/update-webhook', {
    config: { auth: 'apiKey' },
    schema: { body: UpdateWebhookBody, response: WebhookResponse },
    schemaErrorFormatter: webhookBodyError
  }, async (request) => {
    const { merchantId } = requireMerchant(request.merchantContext)
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
  })

  app.post('/actions/store/remove-webhook', {
    config: { auth: 'apiKey' },
    schema: { body: RemoveWebhookBody, response: WebhookResponse },
    schemaErrorFormatter: webhookBodyError
  }, async (request) => {
    const { merchantId } = requireMerchant(request.merchantContext)
    const { db, repos: { waffo } } = request.ctx
    const removed = atomically(db, () => {
      ownWebhook(request.body.id, merchantId, waffo)
      return waffo.webhooks.remove(request.body.id)!
    })
    return { data: { webhook: formatWebhook(removed) } }
  })
}
