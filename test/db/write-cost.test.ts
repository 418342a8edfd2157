/**
 * What keeps a soft delete cheap on a large catalogue (issue 21): 16 KiB pages (SQLite sweeps its
 * whole page cache at the commit after a page split) and a partial index of live products, from
 * which a delete removes the entry instead of moving it to a growing run of deleted ones.
 */
import { describe, expect, it } from 'vitest'
import { openDatabase } from '../../src/db/open.js'
import { MIGRATIONS } from '../../src/apis/index.js'
import { useApp } from '../helpers.js'

const mock = useApp()
const plan = (sql: string) => (mock.app.mock.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as Array<{ detail: string }>).map((step) => step.detail)

describe('database write cost', () => {
  it('a new database has 16 KiB pages', () => {
    const { db } = openDatabase(':memory:', MIGRATIONS)
    expect(db.pragma('page_size', { simple: true })).toBe(16_384)
    db.close()
    expect(mock.app.mock.db.pragma('page_size', { simple: true })).toBe(16_384)
  })

  it('the product list walks the partial index of live products, newest or oldest first', () => {
    for (const direction of ['DESC', 'ASC']) {
      expect(plan(`SELECT p.rowid FROM toco_products p WHERE p.store_client_id = 'str_x' AND p.deleted_at IS NULL ORDER BY p.created_at ${direction}, p.rowid ${direction}`))
        .toEqual(['SEARCH p USING INDEX toco_products_live (store_client_id=?)'])
    }
  })

  it('the live index holds only products nobody deleted', () => {
    const { db } = mock.app.mock
    const live = () => db.prepare("SELECT count(*) FROM toco_products INDEXED BY toco_products_live WHERE store_client_id = 'str_TGIxyboe7-Rz' AND deleted_at IS NULL").pluck().get() as number
    const before = live()
    expect(before).toBeGreaterThan(0)
    const { sql } = db.prepare("SELECT sql FROM sqlite_master WHERE name = 'toco_products_live'").get() as { sql: string }
    expect(sql).toContain('WHERE deleted_at IS NULL')
    db.prepare("UPDATE toco_products SET deleted_at = '2026-01-01T00:00:00.000Z' WHERE rowid = (SELECT min(rowid) FROM toco_products WHERE store_client_id = 'str_TGIxyboe7-Rz' AND deleted_at IS NULL)").run()
    expect(live()).toBe(before - 1)
  })
})
