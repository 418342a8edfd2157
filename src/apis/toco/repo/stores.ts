import type { Db } from '../../../db/open.js'

export interface StoreRow { store_client_id: string, partner_client_id: string, bound: 0 | 1 }

export function storesRepo (db: Db) {
  const byId = db.prepare<[string], StoreRow>(`
    SELECT s.store_client_id, s.partner_client_id, (a.store_client_id IS NOT NULL) AS bound
    FROM toco_stores s LEFT JOIN toco_store_authorizations a USING (store_client_id)
    WHERE s.store_client_id = ?`)
  const activeTokens = db.prepare<[string], string>(
    'SELECT token FROM toco_store_tokens WHERE store_client_id = ? AND revoked_at IS NULL').pluck()
  const deleteAuthorizations = db.prepare<[string]>('DELETE FROM toco_store_authorizations WHERE store_client_id = ?')
  const revokeTokens = db.prepare<[string, string]>(
    'UPDATE toco_store_tokens SET revoked_at = ? WHERE store_client_id = ? AND revoked_at IS NULL')
  const touch = db.prepare<[string, string]>('UPDATE toco_stores SET updated_at = ? WHERE store_client_id = ?')

  return {
    find: (storeClientId: string) => byId.get(storeClientId),
    activeTokens: (storeClientId: string) => activeTokens.all(storeClientId),
    /** Deletes the authorization and revokes every token; the catalogue stays. */
    unbind (storeClientId: string, at: string) {
      deleteAuthorizations.run(storeClientId)
      revokeTokens.run(at, storeClientId)
      touch.run(at, storeClientId)
    }
  }
}
