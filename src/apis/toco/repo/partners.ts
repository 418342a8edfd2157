import type { Db } from '../../../db/open.js'

export interface PartnerRow { client_id: string, secret_key: string, name: string, webhook_url: string | null }

export function partnersRepo (db: Db) {
  const byId = db.prepare<[string], PartnerRow>('SELECT client_id, secret_key, name, webhook_url FROM toco_partners WHERE client_id = ?')
  const ofStore = db.prepare<[string], PartnerRow>(`
    SELECT p.client_id, p.secret_key, p.name, p.webhook_url FROM toco_partners p JOIN toco_stores s ON s.partner_client_id = p.client_id
    WHERE s.store_client_id = ?`)
  const setWebhook = db.prepare<[string | null, string], PartnerRow>(
    'UPDATE toco_partners SET webhook_url = ? WHERE client_id = ? RETURNING client_id, secret_key, name, webhook_url')
  return {
    find: (clientId: string) => byId.get(clientId),
    /** The partner a store belongs to (its webhook URL and the secret its webhooks are signed with). */
    ofStore: (storeClientId: string) => ofStore.get(storeClientId),
    setWebhook: (clientId: string, url: string | null) => setWebhook.get(url, clientId)
  }
}
