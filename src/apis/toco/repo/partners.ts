import type { Db } from '../../../db/open.js'

export interface PartnerRow { client_id: string, secret_key: string, name: string }

export function partnersRepo (db: Db) {
  const byId = db.prepare<[string], PartnerRow>('SELECT client_id, secret_key, name FROM toco_partners WHERE client_id = ?')
  return {
    find: (clientId: string) => byId.get(clientId)
  }
}
