import type { Db } from '../../../db/open.js'

export interface OnboardSessionRow {
  id: string
  partner_client_id: string
  redirect_uri: string
  created_at: string
  expires_at: string
  completed_at: string | null
  store_client_id: string | null
}

export function onboardingRepo (db: Db) {
  const insert = db.prepare<OnboardSessionRow>(`INSERT INTO toco_onboard_sessions
    (id, partner_client_id, redirect_uri, created_at, expires_at, completed_at, store_client_id)
    VALUES (@id, @partner_client_id, @redirect_uri, @created_at, @expires_at, @completed_at, @store_client_id)`)
  const byId = db.prepare<[string], OnboardSessionRow>('SELECT * FROM toco_onboard_sessions WHERE id = ?')
  const complete = db.prepare<[string, string, string]>(
    'UPDATE toco_onboard_sessions SET completed_at = ?, store_client_id = ? WHERE id = ? AND completed_at IS NULL')
  return {
    insert: (row: OnboardSessionRow) => { insert.run(row) },
    find: (id: string) => byId.get(id),
    /** Marks the session used; false when it already was. */
    complete: (id: string, storeClientId: string, at: string) => complete.run(at, storeClientId, id).changes === 1
  }
}
