import type { Db } from '../../../db/open.js'
import { untilWritten } from '../../../db/until-written.js'

export interface PartnerRow { client_id: string, secret_key: string, name: string, webhook_url: string | null }

/** What the guard of a store-scoped route checks, read at once: the partner's secret, the store's owner and its live tokens. */
export interface StoreCaller { readonly secret_key: string, readonly owner: string | null, readonly tokens: readonly string[] }

export function partnersRepo (db: Db) {
  const byId = db.prepare<[string], PartnerRow>('SELECT client_id, secret_key, name, webhook_url FROM toco_partners WHERE client_id = ?')
  const ofStore = db.prepare<[string], PartnerRow>(`
    SELECT p.client_id, p.secret_key, p.name, p.webhook_url FROM toco_partners p JOIN toco_stores s ON s.partner_client_id = p.client_id
    WHERE s.store_client_id = ?`)
  // One row per live token (one with a null token when there is none; a null owner when the store is unknown).
  const withStore = db.prepare<[string, string, string], { secret_key: string, owner: string | null, token: string | null, expires_at: string | null }>(`
    SELECT p.secret_key, s.partner_client_id AS owner, t.token, t.expires_at FROM toco_partners p
    LEFT JOIN toco_stores s ON s.store_client_id = ?
    LEFT JOIN toco_store_tokens t ON t.store_client_id = s.store_client_id AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > ?)
    WHERE p.client_id = ?`)
  const setWebhook = db.prepare<[string | null, string], PartnerRow>(
    'UPDATE toco_partners SET webhook_url = ? WHERE client_id = ? RETURNING client_id, secret_key, name, webhook_url')
  // What the HMAC guard reads on every request: a join per request until a write to these tables or a token's expiry.
  const callers = untilWritten(db, 'toco_callers', ['toco_partners', 'toco_stores', 'toco_store_tokens'])
  return {
    /** Shared with later requests until written: read, never change. */
    find: (clientId: string): Readonly<PartnerRow> | undefined => callers.read(`p\0${clientId}`, undefined, () => ({ value: byId.get(clientId), until: null })),
    /** The partner with a store it claims (any partner's, or none) and the store's tokens live at `now` (ISO); undefined for no such partner. */
    withStore: (clientId: string, storeClientId: string, now: string): StoreCaller | undefined =>
      callers.read(`s\0${clientId}\0${storeClientId}`, now, () => {
        const rows = withStore.all(storeClientId, now, clientId)
        if (rows.length === 0) return { value: undefined, until: null }
        const tokens: string[] = []
        // The tokens stay live until the first of them expires (ISO strings compare as SQL compared them).
        let until: string | null = null
        for (const { token, expires_at: expiresAt } of rows) {
          if (token !== null) tokens.push(token)
          if (expiresAt !== null && (until === null || expiresAt < until)) until = expiresAt
        }
        return { value: { secret_key: rows[0]!.secret_key, owner: rows[0]!.owner, tokens }, until }
      }),
    /** The partner a store belongs to (its webhook URL and the secret its webhooks are signed with). */
    ofStore: (storeClientId: string) => ofStore.get(storeClientId),
    setWebhook: (clientId: string, url: string | null) => setWebhook.get(url, clientId)
  }
}
