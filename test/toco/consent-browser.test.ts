/**
 * The consent page in headless Chromium (Debian `chromium`, driven by playwright-core): open
 * onboardUrl, pick the partner's unbound store, click Authorize, land on the redirect with
 * credentials that work. Screenshots go to test-artifacts/. Without /usr/bin/chromium the suite
 * skips with a loud message (test/support/browser.ts).
 */
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO, toco, useListeningApp } from '../helpers.js'
import { artifact, hasChromium, launchChromium } from '../support/browser.js'

const server = useListeningApp()

describe.skipIf(!hasChromium)('Toco consent page in headless Chromium', () => {
  let browser: Browser
  beforeAll(async () => { browser = await launchChromium() })
  afterAll(async () => { await browser?.close() })

  it('picks the unbound store, authorizes, and lands on redirectUri with working credentials', async () => {
    // The redirect lands on the mock itself so the browser has somewhere real to arrive.
    // Injected with the listening server's Host, so onboardUrl points at it.
    const created = await toco(server.app, {
      path: '/partner/onboard/sessions',
      body: { redirectUri: `${server.url}/__admin/health?from=partner` },
      headers: { host: new URL(server.url).host }
    })
    const session = created.json().data as { sessionId: string, onboardUrl: string }
    expect(session.onboardUrl.startsWith(server.url)).toBe(true)
    const page = await browser.newPage({ viewport: { width: 720, height: 760 } })
    await page.goto(session.onboardUrl)
    expect(await page.locator('h1').innerText()).toBe('Connect your store to Demo Partner (BigSeller-like)')
    await page.check(`input[name="store"][value="${DEMO.unboundStore.storeClientId}"]`)
    await page.selectOption('select[name="period"]', '90')
    await page.screenshot({ path: artifact('toco-consent.png'), fullPage: true })

    await Promise.all([page.waitForURL(/\/__admin\/health\?/), page.click('button:has-text("Authorize")')])
    const landed = new URL(page.url())
    expect(landed.searchParams.get('from')).toBe('partner')
    expect(landed.searchParams.get('sessionId')).toBe(session.sessionId)
    const store = { storeClientId: landed.searchParams.get('storeClientId')!, storeToken: landed.searchParams.get('storeToken')! }
    expect(store.storeClientId).toBe(DEMO.unboundStore.storeClientId)
    expect(store.storeToken).toMatch(/^stkn_[\w-]{16}$/)

    const list = await toco(server.app, { method: 'GET', path: '/partner/stores/products', store })
    expect(list.statusCode).toBe(200)
    expect(list.json().meta.pagination.total).toBe(0)

    // The link is used up: opening it again shows the error page, no second binding.
    await page.goto(session.onboardUrl)
    expect(await page.locator('h1').innerText()).toBe('Onboarding session already used')
    await page.screenshot({ path: artifact('toco-consent-used.png'), fullPage: true })
    await page.close()
  })
})
