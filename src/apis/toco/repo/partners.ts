import type { Db } from '../../../db/open.js'
import { writeStamp } from '../../../db/write-stamp.js'

export interface PartnerRow { client_id: string, secret_key: string, name: string, webhook_url: string | null }

/** What the guard of a store-scoped route checks, read at once: the partner's secret, the store's owner and its live tokens. */
export interface StoreCaller { secret_key: string, owner: string | null, tokens: string[] }

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
  const callers = callerCache(db)
  return {
    find: (clientId: string) => callers.read(`p\0${clientId}`, undefined, () => ({ value: byId.get(clientId), until: null })),
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

/** Entries kept at most: callers are few, but every request names its own partner and store. */
const CALLERS_KEPT = 256

/**
 * What the HMAC guard reads on every request (a partner's secret, a store's owner and live tokens)
 * changes only with a write to these tables or, for a token, when it expires: answered from memory
 * until then instead of a three-table join per request. An entry read at `from` holds while the
 * mock clock stays in [from, until): a clock set back may revive a token that had expired.
 */
function callerCache (db: Db) {
  const written = writeStamp(db, 'toco_callers', ['toco_partners', 'toco_stores', 'toco_store_tokens'])
  const kept = new Map<string, { stamp: number, from: string | undefined, until: string | null, value: unknown }>()
  return {
    read<T> (key: string, now: string | undefined, load: () => { value: T, until: string | null }): T {
      const stamp = written()
      const entry = kept.get(key)
      if (entry !== undefined && entry.stamp === stamp && (now === undefined ||
        (entry.from! <= now && (entry.until === null || now < entry.until)))) return entry.value as T
      const { value, until } = load()
      if (kept.size >= CALLERS_KEPT) kept.clear()
      kept.set(key, { stamp, from: now, until, value })
      return value
    }
  }
}
