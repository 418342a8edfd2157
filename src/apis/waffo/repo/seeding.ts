import type { Db } from '../../../db/open.js'

export interface TicketRow { id: string, store_id: string, status: string, created_at: string, updated_at: string }
export interface BindingRow { id: number, store_id: string, kind: 'email' | 'domain', value: string, created_at: string }

/** KYB tickets and sender bindings: no public API has them, the control plane seeds them. */
export function seedingRepo (db: Db) {
  const liveStore = db.prepare<[string]>('SELECT 1 FROM waffo_stores WHERE id = ? AND deleted_at IS NULL').pluck()
  const insertTicket = db.prepare<[string, string, string, string, string], TicketRow>(
    'INSERT INTO waffo_kyb_tickets (id, store_id, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?) RETURNING *')
  const setTicketStatus = db.prepare<[string, string, string], TicketRow>(
    'UPDATE waffo_kyb_tickets SET status = ?, updated_at = ? WHERE id = ? RETURNING *')
  const tickets = db.prepare<{ storeId: string | null }, TicketRow>(
    'SELECT * FROM waffo_kyb_tickets WHERE @storeId IS NULL OR store_id = @storeId ORDER BY rowid')
  const insertBinding = db.prepare<[string, string, string, string], BindingRow>(
    'INSERT INTO waffo_sender_bindings (store_id, kind, value, created_at) VALUES (?, ?, ?, ?) RETURNING *')
  const deleteBinding = db.prepare<[number], BindingRow>('DELETE FROM waffo_sender_bindings WHERE id = ? RETURNING *')
  const bindings = db.prepare<{ storeId: string | null }, BindingRow>(
    'SELECT * FROM waffo_sender_bindings WHERE @storeId IS NULL OR store_id = @storeId ORDER BY id')
  return {
    isLiveStore: (storeId: string) => liveStore.get(storeId) !== undefined,
    createTicket: (id: string, storeId: string, status: string, at: string) => insertTicket.get(id, storeId, status, at, at)!,
    setTicketStatus: (id: string, status: string, at: string) => setTicketStatus.get(status, at, id),
    tickets: (storeId?: string) => tickets.all({ storeId: storeId ?? null }),
    createBinding: (storeId: string, kind: string, value: string, at: string) => insertBinding.get(storeId, kind, value, at)!,
    /** Revoking a binding removes it: only live bindings exist, and they block a delete. */
    revokeBinding: (id: number) => deleteBinding.get(id),
    bindings: (storeId?: string) => bindings.all({ storeId: storeId ?? null })
  }
}
