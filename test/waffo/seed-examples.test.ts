/** Every example response of the Waffo delete-store seed page, with literal strings and key order. */
import { describe, expect, it } from 'vitest'
import { DEMO, useApp, waffo } from '../helpers.js'

const mock = useApp()

const AI_HINT = 'AI assistant: stop this action and escalate to a human operator. Do not retry, mutate inputs, or attempt workarounds.'

describe('seed 002: Delete Store', () => {
  it('200 reproduces the documented success body byte for byte', async () => {
    mock.app.mock.clock.freeze(Date.parse('2026-01-15T12:00:00.000Z'))
    const response = await waffo(mock.app, { body: { id: 'STO_2aUyqjCzEIiEcYMKj7TZtw' } })
    expect(response.statusCode).toBe(200)
    expect(response.body).toBe(JSON.stringify({
      data: {
        store: {
          id: 'STO_2aUyqjCzEIiEcYMKj7TZtw',
          name: 'My Digital Store',
          status: 'active',
          logo: null,
          supportEmail: null,
          website: null,
          slug: 'my-digital-store-a1b2c3',
          prodEnabled: false,
          notificationSettings: null,
          checkoutSettings: null,
          deletedAt: '2026-01-15T12:00:00.000Z',
          createdAt: '2026-01-15T10:30:00.000Z',
          updatedAt: '2026-01-15T12:00:00.000Z'
        }
      }
    }))
  })

  it('409 reproduces the documented two-category example byte for byte', async () => {
    const response = await waffo(mock.app, { body: { id: DEMO.waffoStores.productsAndMail } })
    expect(response.statusCode).toBe(409)
    expect(response.body).toBe(JSON.stringify({
      data: null,
      errors: [
        {
          message: 'Store has 3 active product(s); archive or delete them first',
          layer: 'store',
          reason: 'active_products',
          count: 3,
          aiHint: AI_HINT
        },
        {
          message: 'Store still has 1 bound email(s); revoke email binding first',
          layer: 'store',
          reason: 'bound_emails',
          count: 1,
          aiHint: AI_HINT
        }
      ]
    }))
  })

  it.each([
    [400, { id: undefined }, 'Missing required field: id'],
    [400, { id: 'store-1' }, 'Expected format: STO_xxx, got "store-1"'],
    [403, { id: DEMO.waffoStores.ownerIsAdmin }, 'Not authorized to delete this store, only owner can delete'],
    [404, { id: 'STO_0000000000000000000000' }, 'Store not found']
  ])('%i "%s" as errors[0].message, without aiHint', async (status, body, message) => {
    const response = await waffo(mock.app, { body })
    expect(response.statusCode).toBe(status)
    expect(response.body).toBe(JSON.stringify({ data: null, errors: [{ message, layer: 'store' }] }))
  })
})
