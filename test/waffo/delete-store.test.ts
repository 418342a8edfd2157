/** Delete Store (DESIGN §4.2): evaluation order, the six 409 categories, soft delete. */
import { describe, expect, it } from 'vitest'
import { DEMO, snapshot, useApp, waffo } from '../helpers.js'

const mock = useApp()

const { waffoStores: stores } = DEMO
const AI_HINT = 'AI assistant: stop this action and escalate to a human operator. Do not retry, mutate inputs, or attempt workarounds.'
const storeRow = (id: string) => mock.app.mock.db.prepare('SELECT * FROM waffo_stores WHERE id = ?').get(id) as Record<string, unknown>
const run = (sql: string, ...params: unknown[]) => mock.app.mock.db.prepare(sql).run(...params)
const firstError = async (body: unknown, merchant = DEMO.owner) => {
  const response = await waffo(mock.app, { body, merchant })
  return { status: response.statusCode, ...response.json().errors[0] }
}

describe('POST /v1/actions/store/delete-store', () => {
  it('soft-deletes: 200 with the store, the row stays with deletedAt, and the store is gone afterwards', async () => {
    mock.app.mock.clock.freeze(Date.parse('2026-04-01T08:00:00.000Z'))
    const response = await waffo(mock.app, { body: { id: stores.clean } })
    expect(response.statusCode).toBe(200)
    expect(response.json().data.store).toMatchObject({ id: stores.clean, deletedAt: '2026-04-01T08:00:00.000Z', updatedAt: '2026-04-01T08:00:00.000Z' })
    expect(response.json().errors).toBeUndefined()
    expect(storeRow(stores.clean)).toMatchObject({ id: stores.clean, name: 'My Digital Store', deleted_at: '2026-04-01T08:00:00.000Z' })
    expect(await firstError({ id: stores.clean })).toEqual({ status: 404, message: 'Store not found', layer: 'store' })
  })

  describe('evaluation order', () => {
    it.each([
      ['no body fields', {}, 400, 'Missing required field: id'],
      ['a null id', { id: null }, 400, 'Missing required field: id'],
      ['an empty id', { id: '' }, 400, 'Missing required field: id'],
      ['a body that is a JSON string', '"STO_2aUyqjCzEIiEcYMKj7TZtw"', 400, 'Missing required field: id'],
      ['a wrong prefix', { id: 'PROD_2aUyqjCzEIiEcYMKj7TZtw' }, 400, 'Expected format: STO_xxx, got "PROD_2aUyqjCzEIiEcYMKj7TZtw"'],
      ['a short id', { id: 'STO_abc' }, 400, 'Expected format: STO_xxx, got "STO_abc"'],
      ['a number', { id: 42 }, 400, 'Expected format: STO_xxx, got "42"'],
      ['an unknown store', { id: 'STO_0000000000000000000000' }, 404, 'Store not found'],
      ['a store the merchant is not a member of', { id: stores.othersOnly }, 404, 'Store not found'],
      ['an already deleted store', { id: stores.deleted }, 404, 'Store not found'],
      ['a store where the merchant is admin', { id: stores.ownerIsAdmin }, 403, 'Not authorized to delete this store, only owner can delete'],
      ['a store where the merchant is member', { id: stores.ownerIsMember }, 403, 'Not authorized to delete this store, only owner can delete']
    ])('%s → %i %s, nothing written', async (_name, body, status, message) => {
      const before = snapshot(mock.app)
      const response = await waffo(mock.app, { body })
      expect(response.statusCode).toBe(status)
      expect(response.json()).toEqual({ data: null, errors: [{ message, layer: 'store' }] })
      expect(snapshot(mock.app)).toEqual(before)
    })

    it('checks the role before the blockers: an admin of a blocked store gets 403, not 409', async () => {
      run('INSERT INTO waffo_sender_bindings (store_id, kind, value, created_at) VALUES (?, ?, ?, ?)',
        stores.ownerIsAdmin, 'email', 'a@example.com', '2026-01-01T00:00:00.000Z')
      const before = snapshot(mock.app)
      expect(await firstError({ id: stores.ownerIsAdmin })).toEqual({
        status: 403, message: 'Not authorized to delete this store, only owner can delete', layer: 'store'
      })
      expect(await firstError({ id: stores.ownerIsAdmin }, DEMO.admin)).toEqual({
        status: 409,
        message: 'Store still has 1 bound email(s); revoke email binding first',
        layer: 'store',
        reason: 'bound_emails',
        count: 1,
        aiHint: AI_HINT
      })
      expect(snapshot(mock.app)).toEqual(before)
    })
  })

  describe('409 blockers', () => {
    it('lists every non-zero category in the documented order, and leaves the store untouched', async () => {
      const before = snapshot(mock.app)
      const response = await waffo(mock.app, { body: { id: stores.blockedEverywhere } })
      expect(response.statusCode).toBe(409)
      const entry = (reason: string, count: number, message: string) => ({ message, layer: 'store', reason, count, aiHint: AI_HINT })
      expect(response.json()).toEqual({
        data: null,
        errors: [
          entry('active_products', 2, 'Store has 2 active product(s); archive or delete them first'),
          entry('pending_orders', 3, 'Store has 3 pending order(s); wait for completion or cancel them first'),
          entry('active_subscriptions', 2, 'Store has 2 active subscription(s); cancel them first'),
          entry('pending_tickets', 1, 'Store has 1 pending KYB ticket(s); resolve them first'),
          entry('bound_emails', 1, 'Store still has 1 bound email(s); revoke email binding first'),
          entry('bound_domains', 1, 'Store still has 1 bound domain(s); revoke domain binding first')
        ]
      })
      expect(snapshot(mock.app)).toEqual(before)
      expect(storeRow(stores.blockedEverywhere).deleted_at).toBeNull()
    })

    it('clears category by category until the delete goes through', async () => {
      const id = stores.blockedEverywhere
      // Before the past-due subscription's period ends (2026-01-01): a canceling one stays canceling.
      mock.app.mock.clock.freeze(Date.parse('2025-12-01T00:00:00.000Z'))
      const reasons = async () => {
        const response = await waffo(mock.app, { body: { id } })
        return response.statusCode === 200 ? [] : response.json().errors.map((e: { reason: string, count: number }) => `${e.reason}:${e.count}`)
      }
      run("UPDATE waffo_products SET test_status = 'inactive', prod_status = 'inactive' WHERE store_id = ?", id)
      expect(await reasons()).toEqual(['pending_orders:3', 'active_subscriptions:2', 'pending_tickets:1', 'bound_emails:1', 'bound_domains:1'])
      // canceling is still an active subscription, and still pending
      run("UPDATE waffo_orders SET status = 'canceling' WHERE id = 'ORD_EverySubPastDue0000000'")
      expect(await reasons()).toEqual(['pending_orders:3', 'active_subscriptions:2', 'pending_tickets:1', 'bound_emails:1', 'bound_domains:1'])
      run("UPDATE waffo_orders SET status = 'canceled' WHERE type = 'subscription' AND store_id = ?", id)
      expect(await reasons()).toEqual(['pending_orders:1', 'pending_tickets:1', 'bound_emails:1', 'bound_domains:1'])
      run("UPDATE waffo_orders SET status = 'completed' WHERE type = 'onetime' AND store_id = ?", id)
      run("UPDATE waffo_kyb_tickets SET status = 'under_review' WHERE store_id = ?", id)
      expect(await reasons()).toEqual(['pending_tickets:2', 'bound_emails:1', 'bound_domains:1'])
      run("UPDATE waffo_kyb_tickets SET status = 'rejected' WHERE store_id = ?", id)
      run("DELETE FROM waffo_sender_bindings WHERE kind = 'email' AND store_id = ?", id)
      expect(await reasons()).toEqual(['bound_domains:1'])
      run('DELETE FROM waffo_sender_bindings WHERE store_id = ?', id)
      expect(storeRow(id).deleted_at).toBeNull()
      mock.app.mock.clock.advance(60_000)
      expect(await reasons()).toEqual([])
      expect(storeRow(id).deleted_at).toBe('2025-12-01T00:01:00.000Z')
    })

    it('counts a pending subscription and closed/expired ones as documented', async () => {
      const id = stores.clean
      const insert = (orderId: string, status: string) => run(
        "INSERT INTO waffo_orders (id, store_id, type, status, created_at, updated_at) VALUES (?, ?, 'subscription', ?, 'x', 'x')",
        orderId, id, status)
      insert('ORD_a', 'pending')
      insert('ORD_b', 'closed')
      insert('ORD_c', 'expired')
      insert('ORD_d', 'past_due')
      const before = snapshot(mock.app)
      const response = await waffo(mock.app, { body: { id } })
      expect(response.statusCode).toBe(409)
      expect(response.json().errors.map((e: { reason: string, count: number, message: string }) => [e.reason, e.count, e.message])).toEqual([
        ['pending_orders', 2, 'Store has 2 pending order(s); wait for completion or cancel them first'],
        ['active_subscriptions', 1, 'Store has 1 active subscription(s); cancel them first']
      ])
      expect(snapshot(mock.app)).toEqual(before)
      expect(storeRow(id).deleted_at).toBeNull()
    })
  })
})
