import type { RequestContext } from '../../../core/context.js'
import { atomically } from '../../../db/atomically.js'
import { newStoreClientId, newStoreToken } from '../ids.js'
import type { OnboardSessionRow } from '../repo/onboarding.js'

/** The authorization periods a seller may pick, in days (ONB step 7: "selects the authorization period"). */
export const PERIODS = [30, 90, 180, 365] as const
export const DEFAULT_PERIOD = 365

/** Why a consent link or form cannot bind a store: shown on an HTML page, nothing written. */
export class ConsentRefusal extends Error {
  constructor (readonly status: number, readonly code: string, readonly title: string, readonly detail: string) {
    super(title)
  }
}

export const refusals = {
  unknown: () => new ConsentRefusal(404, 'ONB_001', 'Onboarding session not found',
    'This link does not belong to any onboarding session. Start again from the partner\'s platform.'),
  expired: (expiresAt: string) => new ConsentRefusal(410, 'ONB_002', 'Onboarding session expired',
    `This link was valid until ${expiresAt}: sessions last 3 minutes. Start again from the partner's platform.`),
  used: () => new ConsentRefusal(409, 'ONB_003', 'Onboarding session already used',
    'A store was already authorized with this link. Start again from the partner\'s platform to connect another one.'),
  store: (detail: string) => new ConsentRefusal(400, 'ONB_004', 'Store cannot be connected', detail),
  redirect: () => new ConsentRefusal(400, 'ONB_006', 'Invalid redirect address',
    'The partner\'s redirectUri cannot be used in a redirect. Nothing was authorized; start again from the partner\'s platform.'),
  period: (given: string) => new ConsentRefusal(400, 'ONB_005', 'Invalid authorization period',
    `"${given.slice(0, 40)}" is not one of ${PERIODS.join(', ')} days.`)
}

/** The session, if it can still be approved now. */
export function openSession (ctx: RequestContext, sessionId: string): OnboardSessionRow {
  const session = ctx.repos.toco.onboarding.find(sessionId)
  if (!session) throw refusals.unknown()
  if (session.completed_at !== null) throw refusals.used()
  if (ctx.clock.iso() >= session.expires_at) throw refusals.expired(session.expires_at)
  return session
}

export interface Approval {
  /** `new` or one of the partner's unbound store ids. */
  store: string
  storeName?: string | undefined
  periodDays: number
}

/**
 * The seller approved: binds a new store, or re-binds one of the partner's unbound stores, with a
 * fresh token valid for the chosen period, and uses the session up — all in one transaction.
 */
export function approve (ctx: RequestContext, sessionId: string, approval: Approval): { storeClientId: string, storeToken: string } {
  const { db, clock, repos: { toco } } = ctx
  return atomically(db, () => {
    const session = openSession(ctx, sessionId)
    const at = clock.iso()
    let storeClientId = approval.store
    if (approval.store === 'new') {
      storeClientId = newStoreClientId()
      toco.stores.create(storeClientId, session.partner_client_id, approval.storeName || `Toko ${storeClientId.slice(4)}`, at)
    } else {
      const store = toco.stores.find(approval.store)
      if (!store || store.partner_client_id !== session.partner_client_id) {
        throw refusals.store(`${approval.store.slice(0, 64)} is not one of this partner's stores.`)
      }
      if (store.bound) throw refusals.store(`${store.store_client_id} is already connected to this partner: unbind it first.`)
    }
    const storeToken = newStoreToken()
    toco.stores.bind(storeClientId, session.partner_client_id, storeToken, at, new Date(clock.now() + approval.periodDays * 86_400_000).toISOString())
    toco.onboarding.complete(session.id, storeClientId, at)
    return { storeClientId, storeToken }
  })
}

/** `redirectUri` with the credentials added; its own query string and fragment kept as sent. */
export function redirectWith (redirectUri: string, sessionId: string, credentials: { storeClientId: string, storeToken: string }): string {
  const hash = redirectUri.indexOf('#')
  const base = hash === -1 ? redirectUri : redirectUri.slice(0, hash)
  const fragment = hash === -1 ? '' : redirectUri.slice(hash)
  const added = new URLSearchParams({ ...credentials, sessionId }).toString()
  const separator = !base.includes('?') ? '?' : base.endsWith('?') || base.endsWith('&') ? '' : '&'
  return `${base}${separator}${added}${fragment}`
}
