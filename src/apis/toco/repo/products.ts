import type { Db } from '../../../db/open.js'

export interface ProductRef { id: string, external_id: string }

export function productsRepo (db: Db) {
  const live = db.prepare<[string, string], ProductRef>(
    'SELECT id, external_id FROM toco_products WHERE id = ? AND store_client_id = ? AND deleted_at IS NULL')
  const softDelete = db.prepare<[string, string, string]>('UPDATE toco_products SET deleted_at = ?, updated_at = ? WHERE id = ?')
  return {
    /** A product of this store that is not deleted. */
    findLive: (id: string, storeClientId: string) => live.get(id, storeClientId),
    softDelete: (id: string, at: string) => { softDelete.run(at, at, id) }
  }
}
