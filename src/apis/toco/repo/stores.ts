import type { Db } from '../../../db/open.js'

export interface StoreRow { store_client_id: string, partner_client_id: string, name: string, bound: 0 | 1 }
export interface WarehouseRow { client_id: string, name: string }

export function storesRepo (db: Db) {
  const byId = db.prepare<[string], StoreRow>(`
    SELECT s.store_client_id, s.partner_client_id, s.name, (a.store_client_id IS NOT NULL) AS bound
    FROM toco_stores s LEFT JOIN toco_store_authorizations a USING (store_client_id)
    WHERE s.store_client_id = ?`)
  const unboundOf = db.prepare<[string], StoreRow>(`
    SELECT s.store_client_id, s.partner_client_id, s.name, 0 AS bound FROM toco_stores s
    WHERE s.partner_client_id = ? AND NOT EXISTS (SELECT 1 FROM toco_store_authorizations a WHERE a.store_client_id = s.store_client_id)
    ORDER BY s.rowid`)
  const warehouses = db.prepare<[string], WarehouseRow>('SELECT client_id, name FROM toco_warehouses WHERE store_client_id = ? ORDER BY rowid')
  const deleteAuthorizations = db.prepare<[string]>('DELETE FROM toco_store_authorizations WHERE store_client_id = ?')
  const revokeTokens = db.prepare<[string, string]>(
    'UPDATE toco_store_tokens SET revoked_at = ? WHERE store_client_id = ? AND revoked_at IS NULL')
  const touch = db.prepare<[string, string]>('UPDATE toco_stores SET updated_at = ? WHERE store_client_id = ?')
  const insertStore = db.prepare<[string, string, string, string, string]>(
    'INSERT INTO toco_stores (store_client_id, partner_client_id, name, created_at, updated_at) VALUES (?, ?, ?, ?, ?)')
  const authorize = db.prepare<[string, string, string]>(
    'INSERT INTO toco_store_authorizations (store_client_id, partner_client_id, granted_at) VALUES (?, ?, ?)')
  const issueToken = db.prepare<[string, string, string, string | null]>(
    'INSERT INTO toco_store_tokens (token, store_client_id, issued_at, expires_at) VALUES (?, ?, ?, ?)')

  return {
    find: (storeClientId: string) => byId.get(storeClientId),
    /** The partner's stores a seller may connect again. */
    unboundOf: (partnerClientId: string) => unboundOf.all(partnerClientId),
    warehouses: (storeClientId: string) => warehouses.all(storeClientId),
    /** Deletes the authorization and revokes every token; the catalogue stays. */
    unbind (storeClientId: string, at: string) {
      deleteAuthorizations.run(storeClientId)
      revokeTokens.run(at, storeClientId)
      touch.run(at, storeClientId)
    },
    create (storeClientId: string, partnerClientId: string, name: string, at: string) {
      insertStore.run(storeClientId, partnerClientId, name, at, at)
    },
    /** Binds an unbound store to its partner with a fresh token; old tokens stay revoked. */
    bind (storeClientId: string, partnerClientId: string, token: string, at: string, expiresAt: string) {
      authorize.run(storeClientId, partnerClientId, at)
      issueToken.run(token, storeClientId, at, expiresAt)
      touch.run(at, storeClientId)
    }
  }
}
