/**
 * The due-checks the tick runs after every write read an index, never a scan of every order:
 * with a large order table a scan was a fifth of a request's CPU (issue 21).
 */
import { describe, expect, it } from 'vitest'
import { useApp } from '../helpers.js'

const mock = useApp()
const plan = (sql: string) => (mock.app.mock.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as Array<{ detail: string }>).map((step) => step.detail)

describe('Waffo due-checks', () => {
  it('the next renewal comes from the renewing index', () => {
    expect(plan("SELECT min(current_period_end) FROM waffo_orders WHERE status = 'active' AND type = 'subscription' AND billing_period IS NOT NULL"))
      .toEqual([expect.stringMatching(/^SEARCH waffo_orders USING (COVERING )?INDEX waffo_orders_renewing\b/)])
  })

  it('the next period end of a canceling subscription comes from the canceling index', () => {
    expect(plan("SELECT min(current_period_end) FROM waffo_orders WHERE status = 'canceling' AND current_period_end IS NOT NULL"))
      .toEqual([expect.stringMatching(/^SEARCH waffo_orders USING (COVERING )?INDEX waffo_orders_canceling\b/)])
  })
})
