import type { Db } from '../../../db/open.js'

export interface WebhookRow {
  id: string
  store_id: string
  channel: string
  url: string
  /** JSON array of event types. */
  events: string
  test_mode: 0 | 1
  secret: string | null
  created_at: string
  updated_at: string
}

/** A store's webhook endpoints: hard-deleted, at most WEBHOOK_LIMIT per store. */
export function webhooksRepo (db: Db) {
  const insert = db.prepare<WebhookRow, WebhookRow>(`
    INSERT INTO waffo_webhooks (id, store_id, channel, url, events, test_mode, secret, created_at, updated_at)
    VALUES (@id, @store_id, @channel, @url, @events, @test_mode, @secret, @created_at, @updated_at) RETURNING *`)
  const byId = db.prepare<[string], WebhookRow>(`
    SELECT w.* FROM waffo_webhooks w JOIN waffo_stores s ON s.id = w.store_id WHERE w.id = ? AND s.deleted_at IS NULL`)
  const ofStore = db.prepare<[string], WebhookRow>('SELECT * FROM waffo_webhooks WHERE store_id = ? ORDER BY created_at, rowid')
  const count = db.prepare<[string], number>('SELECT count(*) FROM waffo_webhooks WHERE store_id = ?').pluck()
  const update = db.prepare<Pick<WebhookRow, 'id' | 'url' | 'events' | 'secret' | 'updated_at'>, WebhookRow>(`
    UPDATE waffo_webhooks SET url = @url, events = @events, secret = @secret, updated_at = @updated_at WHERE id = @id RETURNING *`)
  const remove = db.prepare<[string], WebhookRow>('DELETE FROM waffo_webhooks WHERE id = ? RETURNING *')
  // The endpoints an event goes to: the store's http webhooks of its mode that subscribed to it
  // (events is a JSON array of event names, none a substring of another's quoted form).
  // Only what a target needs: this runs in every state change's transaction.
  const subscribed = db.prepare<[string, number, string], Pick<WebhookRow, 'id' | 'url'>>(`
    SELECT id, url FROM waffo_webhooks
    WHERE store_id = ? AND test_mode = ? AND channel = 'http' AND instr(events, '"' || ? || '"') > 0
    ORDER BY created_at, rowid`)
  return {
    insert: (row: WebhookRow) => insert.get(row)!,
    /** A webhook of a live store. */
    byId: (id: string) => byId.get(id),
    ofStore: (storeId: string) => ofStore.all(storeId),
    count: (storeId: string) => count.get(storeId) ?? 0,
    update: (row: Pick<WebhookRow, 'id' | 'url' | 'events' | 'secret' | 'updated_at'>) => update.get(row)!,
    remove: (id: string) => remove.get(id),
    subscribed: (storeId: string, mode: 'test' | 'prod', event: string) => subscribed.all(storeId, mode === 'test' ? 1 : 0, event)
  }
}
