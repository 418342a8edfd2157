/** The dashboard's webhook deliveries panel in headless Chromium: event, target, attempts, last status; payload and signature on click. */
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { artifact, hasChromium, useBrowserApp } from '../support/browser.js'
import { startReceiver, type Receiver } from '../webhooks/receiver.js'

describe.skipIf(!hasChromium)('deliveries panel in headless Chromium', () => {
  let receiver: Receiver
  beforeAll(async () => { receiver = await startReceiver({ statuses: [500, 200] }) })
  afterAll(async () => { await receiver?.close() })
  const held = useBrowserApp(() => ({ webhookForwardUrl: receiver.url }))
  let url: string
  let page: Page
  beforeAll(() => { ({ url, page } = held) })

  it('lists a delivery with its attempts and shows its payload and X-Waffo-Signature', async () => {
    await page.goto(`${url}/__admin/`)
    await expect.poll(() => page.locator('#no-deliveries').isVisible(), { timeout: 10_000 }).toBe(true)
    const triggered = await fetch(`${url}/__admin/webhooks/trigger`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ event: 'subscription.canceling', orderId: 'ORD_EverySubActive00000000' })
    })
    expect(triggered.status).toBe(201)
    const rows = page.locator('#deliveries tbody tr')
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(1)
    await expect.poll(() => rows.nth(0).textContent(), { timeout: 10_000 }).toMatch(/waffosubscription\.canceling.*\/hooks1500pending/)
    await rows.nth(0).click()
    const detail = page.locator('#delivery-detail')
    await expect.poll(() => detail.textContent()).toContain('x-waffo-signature')
    expect(await detail.textContent()).toContain('"eventType": "subscription.canceling"')
    expect(await detail.textContent()).toContain('#1 ')

    await page.locator('#deliveries button').first().click()
    await expect.poll(() => rows.nth(0).textContent(), { timeout: 10_000 }).toMatch(/2200delivered/)
    await page.screenshot({ path: artifact('dashboard-deliveries.png'), fullPage: true })
  })
})
