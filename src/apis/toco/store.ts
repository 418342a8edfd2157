import type { Db } from '../../db/open.js'

export interface PartnerRow { client_id: string, secret_key: string }
export interface StoreRow { store_client_id: string, partner_client_id: string, bound: 0 | 1 }
export interface ProductRef { id: string, external_id: string }

/** Every SQL statement of the Toco API, prepared once. */
export function createTocoStore (db: Db) {
  const partner = db.prepare<[string], PartnerRow>(
    'SELECT client_id, secret_key FROM toco_partners WHERE client_id = ?')
  const store = db.prepare<[string], StoreRow>(`
    SELECT s.store_client_id, s.partner_client_id, (a.store_client_id IS NOT NULL) AS bound
    FROM toco_stores s LEFT JOIN toco_store_authorizations a USING (store_client_id)
    WHERE s.store_client_id = ?`)
  const activeTokens = db.prepare<[string], string>(
    'SELECT token FROM toco_store_tokens WHERE store_client_id = ? AND revoked_at IS NULL').pluck()
  const deleteAuthorizations = db.prepare<[string]>(
    'DELETE FROM toco_store_authorizations WHERE store_client_id = ?')
  const revokeTokens = db.prepare<[string, string]>(
    'UPDATE toco_store_tokens SET revoked_at = ? WHERE store_client_id = ? AND revoked_at IS NULL')
  const touchStore = db.prepare<[string, string]>(
    'UPDATE toco_stores SET updated_at = ? WHERE store_client_id = ?')
  const liveProduct = db.prepare<[string, string], ProductRef>(
    'SELECT id, external_id FROM toco_products WHERE id = ? AND store_client_id = ? AND deleted_at IS NULL')
  const softDeleteProduct = db.prepare<[string, string, string]>(
    'UPDATE toco_products SET deleted_at = ?, updated_at = ? WHERE id = ?')

  // Built once: wrapping a new function per request costs more than the statements it runs.
  const transaction = db.transaction((fn: () => unknown) => fn())

  return {
    /**
     * Runs fn in one SQLite transaction (each request's writes are atomic). IMMEDIATE takes the
     * write lock up front, so two processes sharing a file database queue instead of failing.
     */
    atomically: <T>(fn: () => T): T => transaction.immediate(fn) as T,
    findPartner: (clientId: string) => partner.get(clientId),
    findStore: (storeClientId: string) => store.get(storeClientId),
    activeTokens: (storeClientId: string) => activeTokens.all(storeClientId),
    /** Deletes the authorization and revokes every token; the catalogue stays. */
    unbind (storeClientId: string, at: string) {
      deleteAuthorizations.run(storeClientId)
      revokeTokens.run(at, storeClientId)
      touchStore.run(at, storeClientId)
    },
    findLiveProduct: (id: string, storeClientId: string) => liveProduct.get(id, storeClientId),
    softDeleteProduct: (id: string, at: string) => { softDeleteProduct.run(at, at, id) }
  }
}

export type TocoStore = ReturnType<typeof createTocoStore>
