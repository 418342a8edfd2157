import { randomInt } from 'node:crypto'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { shortId } from '../ids.js'
import { ESCALATE_HINT, waffoErrors, type Notice } from '../errors.js'
import { Envelope, formatStore, Store, success } from '../format.js'
import type { BlockerCounts, StoreRow } from '../repo/stores.js'
import { DEFAULT_CHECKOUT, DEFAULT_NOTIFICATIONS, mergeCheckout, mergeNotifications } from '../store-settings.js'
import type { UpdateStoreBody } from './bodies.js'
import { merchantAction, WAFFO_ROUTES } from './table.js'

/** "Each merchant can own up to 20 stores." */
export const STORE_LIMIT = 20
const STORE_STATUSES = ['active', 'inactive', 'suspended']
/** update-store's writable keys; anything else is ignored with a warning. */
const UPDATABLE = new Set(['id', 'name', 'status', 'logo', 'notificationSettings', 'checkoutSettings'])
const READ_ONLY_HINTS: Record<string, string> = {
  webhookSettings: 'Switch to client.webhooks.add / update / remove',
  supportEmail: 'supportEmail is set by support-email binding (or KYB approval), not by update-store',
  website: 'website is set by domain verification (or KYB approval), not by update-store'
}

/** A store name: 1–48 characters once trimmed. */
function storeName (value: string | null): string {
  const name = (value ?? '').trim()
  if (name.length < 1 || name.length > 48) throw waffoErrors.storeNameLength()
  return name
}

const SLUG_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789'
/** `My Digital Store` → `my-digital-store-` + 6 random lowercase letters and digits. */
function newSlug (name: string, taken: (slug: string) => boolean): string {
  const base = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'store'
  for (;;) {
    const slug = `${base}-${Array.from({ length: 6 }, () => SLUG_ALPHABET[randomInt(SLUG_ALPHABET.length)]).join('')}`
    if (!taken(slug)) return slug
  }
}

/** Each blocking category, in the documented order, with its verbatim message ("(s)" included). */
const BLOCKERS: ReadonlyArray<[keyof BlockerCounts, (count: number) => string]> = [
  ['active_products', (n) => `Store has ${n} active product(s); archive or delete them first`],
  ['pending_orders', (n) => `Store has ${n} pending order(s); wait for completion or cancel them first`],
  ['active_subscriptions', (n) => `Store has ${n} active subscription(s); cancel them first`],
  ['pending_tickets', (n) => `Store has ${n} pending KYB ticket(s); resolve them first`],
  ['bound_emails', (n) => `Store still has ${n} bound email(s); revoke email binding first`],
  ['bound_domains', (n) => `Store still has ${n} bound domain(s); revoke domain binding first`]
]

export function blockingNotices (counts: BlockerCounts): Notice[] {
  return BLOCKERS
    .filter(([reason]) => counts[reason] > 0)
    .map(([reason, message]) => ({
      message: message(counts[reason]), layer: 'store', reason, count: counts[reason], aiHint: ESCALATE_HINT
    }))
}

const StoreResponse = { 200: Envelope(Type.Object({ store: Store })) }

/** Store actions (POST /v1/actions/store/…). */
export const storeRoutes: FastifyPluginAsyncTypebox = async (app) => {
  merchantAction(app, WAFFO_ROUTES.createStore, StoreResponse, (body, { merchantId }, { clock, repos: { waffo } }) => {
    const name = storeName(body.name)
    if (waffo.stores.ownedLiveCount(merchantId) >= STORE_LIMIT) throw waffoErrors.storeLimit()
    const store = waffo.stores.create({
      id: shortId('STO'),
      name,
      slug: newSlug(name, waffo.stores.slugTaken),
      notificationSettings: JSON.stringify(DEFAULT_NOTIFICATIONS),
      checkoutSettings: JSON.stringify(DEFAULT_CHECKOUT),
      at: clock.iso()
    }, merchantId)
    return { data: { store: formatStore(store) } }
  })

  merchantAction(app, WAFFO_ROUTES.updateStore, StoreResponse, (body, { merchantId }, { clock, repos: { waffo } }) => {
    const role = waffo.stores.memberRole(body.id, merchantId)
    if (role === undefined) throw waffoErrors.storeNotFound()
    if (role === 'member') throw waffoErrors.notStoreEditor()
    const current = waffo.stores.byId(body.id)!
    const warnings: Notice[] = []
    const next = applyStoreUpdate(current, body, warnings)
    const changed = JSON.stringify(next) !== JSON.stringify(current)
    const store = changed ? waffo.stores.update({ ...next, updated_at: clock.iso() }) : current
    return success({ store: formatStore(store) }, warnings)
  })

  // Evaluation order as documented: merchant → id present → id format (the gateway and the body
  // schema) → membership → role → blockers.
  merchantAction(app, WAFFO_ROUTES.deleteStore, StoreResponse, ({ id }, { merchantId, environment }, { clock, repos: { waffo } }) => {
    const role = waffo.stores.memberRole(id, merchantId)
    if (role === undefined) throw waffoErrors.storeNotFound()
    if (role !== 'owner') throw waffoErrors.notStoreOwner()
    const notices = blockingNotices(waffo.stores.blockers(id, environment))
    if (notices.length > 0) throw waffoErrors.blocked(notices)
    return { data: { store: formatStore(waffo.stores.softDelete(id, clock.iso())) } }
  })
}

/** The row update-store would write: validated fields applied, ignored ones named in warnings. */
function applyStoreUpdate (current: StoreRow, body: Type.Static<typeof UpdateStoreBody>, warnings: Notice[]): StoreRow {
  const next = { ...current }
  for (const key of Object.keys(body)) {
    if (!UPDATABLE.has(key)) warnings.push({ message: `${key} field ignored`, layer: 'store', aiHint: READ_ONLY_HINTS[key] ?? 'Not a writable store field' })
  }
  if (body.name !== undefined) next.name = storeName(body.name)
  if (body.status !== undefined) next.status = storeStatus(current.status, body.status)
  if (body.logo !== undefined) next.logo = body.logo
  if (body.notificationSettings !== undefined) {
    next.notification_settings = JSON.stringify(mergeNotifications(parsed(current.notification_settings), body.notificationSettings, warnings))
  }
  if (body.checkoutSettings !== undefined) {
    const merged = mergeCheckout(parsed(current.checkout_settings), body.checkoutSettings, warnings)
    next.checkout_settings = merged === null ? null : JSON.stringify(merged)
  }
  return next
}

const parsed = (json: string | null) => json === null ? null : JSON.parse(json) as Record<string, unknown>

/** active ↔ inactive is the merchant's; suspended is set and lifted by the platform only. */
function storeStatus (current: string, wanted: string): string {
  if (!STORE_STATUSES.includes(wanted)) {
    throw waffoErrors.invalidField('Invalid status: expected one of active, inactive', 'store')
  }
  if (current === 'suspended' && wanted !== 'suspended') throw waffoErrors.suspendedByPlatform()
  if (wanted === 'suspended' && current !== 'suspended') throw waffoErrors.invalidField('Invalid status: suspended is set by the platform only', 'store')
  return wanted
}
