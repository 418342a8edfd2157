import type { Db } from '../../../db/open.js'

export interface BatchRowRecord {
  id: string
  request_id: string
  store_client_id: string
  kind: string
  status: 'queued' | 'applied'
  accepted_at: string
  due_at: string
  applied_at: string | null
  /** JSON array of BatchRow. */
  rows: string
}

export function batchesRepo (db: Db) {
  const insert = db.prepare<BatchRowRecord>(`INSERT INTO toco_batches
    (id, request_id, store_client_id, kind, status, accepted_at, due_at, applied_at, rows)
    VALUES (@id, @request_id, @store_client_id, @kind, @status, @accepted_at, @due_at, @applied_at, @rows)`)
  const byId = db.prepare<[string], BatchRowRecord>('SELECT * FROM toco_batches WHERE id = ?')
  const ofStore = db.prepare<[string], BatchRowRecord>('SELECT * FROM toco_batches WHERE store_client_id = ? ORDER BY rowid DESC')
  const all = db.prepare<[], BatchRowRecord>('SELECT * FROM toco_batches ORDER BY rowid DESC')
  const due = db.prepare<[string], BatchRowRecord>("SELECT * FROM toco_batches WHERE status = 'queued' AND due_at <= ? ORDER BY due_at, rowid")
  const nextDue = db.prepare<[], string | null>("SELECT min(due_at) FROM toco_batches WHERE status = 'queued'").pluck()
  const finish = db.prepare<[string, string, string]>("UPDATE toco_batches SET status = 'applied', applied_at = ?, rows = ? WHERE id = ?")
  return {
    insert: (row: BatchRowRecord) => { insert.run(row) },
    find: (id: string) => byId.get(id),
    list: (store?: string) => store === undefined ? all.all() : ofStore.all(store),
    /** Queued batches whose time has come (ISO `now`), oldest first. */
    due: (now: string) => due.all(now),
    nextDue: () => nextDue.get() ?? null,
    finish: (id: string, at: string, rows: string) => { finish.run(at, rows, id) }
  }
}
