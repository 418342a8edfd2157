import type { Db } from '../../../db/open.js'

export interface IdempotencyRow {
  merchant_id: string
  environment: 'test' | 'prod'
  key: string
  request_hash: string
  status: number
  content_type: string | null
  body: string
  /** Mock time, epoch ms. */
  created_at: number
}

/** The answers remembered under an X-Idempotency-Key, per merchant and environment. */
export function idempotencyRepo (db: Db) {
  const find = db.prepare<[string, string, string], IdempotencyRow>('SELECT * FROM waffo_idempotency_keys WHERE merchant_id = ? AND environment = ? AND key = ?')
  const save = db.prepare<IdempotencyRow>(`
    INSERT INTO waffo_idempotency_keys (merchant_id, environment, key, request_hash, status, content_type, body, created_at)
    VALUES (@merchant_id, @environment, @key, @request_hash, @status, @content_type, @body, @created_at)
    ON CONFLICT (merchant_id, environment, key) DO UPDATE SET request_hash = excluded.request_hash, status = excluded.status,
      content_type = excluded.content_type, body = excluded.body, created_at = excluded.created_at`)
  return {
    find: (merchantId: string, environment: string, key: string) => find.get(merchantId, environment, key),
    save: (row: IdempotencyRow) => { save.run(row) }
  }
}
