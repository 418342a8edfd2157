import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { atomically } from '../../../db/atomically.js'
import { ESCALATE_HINT, waffoErrors, type Notice } from '../errors.js'
import { Envelope, formatStore, Store } from '../format.js'
import type { BlockerCounts } from '../repo/stores.js'
import { requireField, requireMerchant, requireShortId } from '../validate.js'

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

/** Store actions (POST /v1/actions/store/…). */
export const storeRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post('/actions/store/delete-store', {
    config: { auth: 'apiKey' },
    schema: { response: { 200: Envelope(Type.Object({ store: Store })) } }
  }, async (request) => {
    // Evaluation order as documented: merchant → id present → id format → membership → role → blockers.
    const { merchantId } = requireMerchant(request.merchantContext)
    const id = requireShortId(requireField(request.body, 'id'), 'STO')
    const { db, clock, repos: { waffo } } = request.ctx
    const deleted = atomically(db, () => {
      const role = waffo.stores.memberRole(id, merchantId)
      if (role === undefined) throw waffoErrors.storeNotFound()
      if (role !== 'owner') throw waffoErrors.notStoreOwner()
      const notices = blockingNotices(waffo.stores.blockers(id))
      if (notices.length > 0) throw waffoErrors.blocked(notices)
      return waffo.stores.softDelete(id, clock.iso())
    })
    return { data: { store: formatStore(deleted) } }
  })
}
