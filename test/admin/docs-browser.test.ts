/** The docs page in headless Chromium, at the URL the README gives and with the trailing slash: every asset loads. */
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { App } from '../../src/app.js'
import { artifact, hasChromium, launchChromium } from '../support/browser.js'
import { createApp } from '../helpers.js'

describe.skipIf(!hasChromium)('/__admin/docs in headless Chromium', () => {
  let app: App
  let url: string
  let browser: Browser
  beforeAll(async () => {
    app = await createApp()
    url = await app.listen({ port: 0, host: '127.0.0.1' })
    browser = await launchChromium()
  }, 60_000)
  afterAll(async () => {
    await browser?.close()
    await app?.close()
  })

  for (const path of ['/__admin/docs', '/__admin/docs/']) {
    it(`${path} renders both APIs' operations and every asset answers 200`, async () => {
      const page = await browser.newPage({ viewport: { width: 1366, height: 900 } })
      const answers: Array<[string, number]> = []
      page.on('response', (response) => { answers.push([new URL(response.url()).pathname, response.status()]) })
      await page.goto(`${url}${path}`)
      await page.locator('.opblock-tag-section').first().waitFor({ timeout: 20_000 })
      expect(page.url()).toBe(`${url}/__admin/docs/`)
      const tags = await page.locator('.opblock-tag').allTextContents()
      expect(tags.map((tag) => tag.split(/(API|plane)/)[0])).toEqual(['Toco Partner ', 'Waffo Pancake ', 'control '])
      expect(await page.locator('.opblock-summary-path').allTextContents()).toContain('/api/v1/partner/stores/{storeId}/unbind')
      expect(await page.locator('.btn.authorize').count()).toBe(1)
      const assets = answers.filter(([pathname]) => pathname.startsWith('/__admin/docs/static/') || pathname.endsWith('/json'))
      expect(assets.map(([pathname]) => pathname)).toEqual(expect.arrayContaining([
        '/__admin/docs/static/swagger-ui.css', '/__admin/docs/static/swagger-ui-bundle.js', '/__admin/docs/static/swagger-initializer.js', '/__admin/docs/json'
      ]))
      expect(answers.filter(([, status]) => status >= 400)).toEqual([])
      await page.screenshot({ path: artifact(`docs${path.endsWith('/') ? '-slash' : ''}.png`) })
      await page.close()
    }, 60_000)
  }
})
