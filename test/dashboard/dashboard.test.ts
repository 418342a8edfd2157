/** The dashboard at /__admin/ in headless Chromium: state, live journal with verdicts, details, reset. */
import type { Browser, Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import type { App } from '../../src/app.js'
import { signTocoRequest } from '../../src/signing/index.js'
import { artifact, hasChromium, useBrowserApp } from '../support/browser.js'
import { DEMO } from '../helpers.js'

describe.skipIf(!hasChromium)('dashboard in headless Chromium', () => {
  const held = useBrowserApp(() => ({ adminToken: 'dash-token' }))
  let app: App
  let url: string
  let browser: Browser
  let page: Page
  beforeAll(() => { ({ app, url, browser, page } = held) })

  const unbind = (body?: string, tamper = false) => {
    const path = `/partner/stores/${DEMO.unbindStore.storeClientId}/unbind`
    const headers = signTocoRequest({ secretKey: DEMO.partner.secretKey, method: 'POST', path, partnerClientId: DEMO.partner.clientId, body })
    return fetch(`${url}/api/v1${path}`, { method: 'POST', headers, body: tamper ? `${body} ` : body })
  }
  const storeCardOf = (on: Page) => on.locator(`[data-store="${DEMO.unbindStore.storeClientId}"]`).first()
  const storeCard = () => storeCardOf(page)

  it('asks for the admin token, then shows both APIs\' stores and no secret', async () => {
    const unauthorized: string[] = []
    page.on('response', (response) => { if (response.status() === 401) unauthorized.push(response.url()) })
    await page.goto(`${url}/__admin/`)
    await page.locator('#token.shown').waitFor()
    // While the form waits, the page stops polling: the 401s of its first round, then none.
    await page.waitForTimeout(300)
    const first = unauthorized.length
    await page.waitForTimeout(2_500)
    expect(unauthorized.length).toBe(first)
    await page.fill('#token-input', 'dash-token')
    await page.click('#token button')
    await expect.poll(() => storeCard().textContent(), { timeout: 10_000 }).toContain('bound')
    const text = await page.locator('#state').textContent()
    expect(text).toContain('Toko Unbind Me')
    expect(text).toContain('My Digital Store')
    expect(text).not.toContain(DEMO.partner.secretKey)
    expect(text).not.toContain(DEMO.unbindStore.storeToken)
  })

  it('shows a signed call with its verdict, a refused one with its reason, and the new state', async () => {
    expect((await unbind('{"reason":"test"}', true)).status).toBe(401)
    expect((await unbind()).status).toBe(200)
    const rows = page.locator('#journal tbody tr')
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(2)
    expect(await rows.nth(0).textContent()).toMatch(/POST \/api\/v1\/partner\/stores\/str_bG7SUfKOqSQt\/unbind.*200.*ok/)
    expect(await rows.nth(1).textContent()).toMatch(/401.*refused AUTH_004/)
    await expect.poll(() => storeCard().textContent(), { timeout: 10_000 }).toContain('unbound')

    await rows.nth(1).click()
    const detail = page.locator('#detail')
    await expect.poll(() => detail.textContent()).toContain('expected base string')
    expect(await detail.textContent()).toContain('[redacted]')
    expect(await detail.textContent()).not.toContain(DEMO.partner.secretKey)
    expect(await detail.textContent()).not.toMatch(/null(Request|Why)/)
    await page.screenshot({ path: artifact('dashboard.png'), fullPage: true })
  })

  it('resets from the button: the store is bound again', async () => {
    await page.click('#reset')
    await expect.poll(() => storeCard().textContent(), { timeout: 10_000 }).not.toContain('unbound')
    const row = app.mock.db.prepare('SELECT granted_at FROM toco_store_authorizations WHERE store_client_id = ?').pluck().get(DEMO.unbindStore.storeClientId)
    expect(row).not.toBeUndefined()
    // The reset emptied the journal, and the detail of the request it listed went with it.
    await expect.poll(() => page.locator('#journal tbody tr').count(), { timeout: 10_000 }).toBe(0)
    expect(await page.locator('#detail').textContent()).toBe('')
    await page.screenshot({ path: artifact('dashboard-after-reset.png'), fullPage: true })
  })

  it('follows a write no API call made (a control-plane KYB ticket): the state panel asks with its ETag and re-renders on change', async () => {
    const store = `[data-store="${DEMO.waffoStores.clean}"]`
    expect(await page.locator(store).first().textContent()).not.toContain('pending KYB ticket')
    const ticket = await fetch(`${url}/__admin/waffo/kyb-tickets`, {
      method: 'POST', headers: { authorization: 'Bearer dash-token', 'content-type': 'application/json' }, body: JSON.stringify({ storeId: DEMO.waffoStores.clean })
    })
    expect(ticket.status).toBe(201)
    await expect.poll(() => page.locator(store).first().textContent(), { timeout: 10_000 }).toContain('1 pending KYB ticket(s)')
    // The journal never saw it: the control plane is not journaled.
    expect(await page.locator('#journal tbody tr').count()).toBe(0)
    await page.click('#reset')
    await expect.poll(() => page.locator(store).first().textContent(), { timeout: 10_000 }).not.toContain('KYB')
  })

  it('draws at most 50 products of a store, and says how many there are', async () => {
    const auth = { authorization: 'Bearer dash-token', 'content-type': 'application/json' }
    const state = await (await fetch(`${url}/__admin/state`, { headers: auth })).json() as { toco: { products: Array<Record<string, unknown>> } }
    const [first] = state.toco.products
    const more = Array.from({ length: 60 }, (_, i) => ({ ...first, id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, externalId: `dash-${i}`, sku: `DASH-${i}`, warehouses: undefined }))
    const merged = await fetch(`${url}/__admin/fixtures`, { method: 'POST', headers: auth, body: JSON.stringify({ toco: { products: more } }) })
    expect(merged.status).toBe(200)
    const card = page.locator(`[data-store="${first!.storeClientId as string}"]`).first()
    await expect.poll(() => card.locator('[data-shown="products"]').textContent(), { timeout: 10_000 }).toMatch(/^first 50 of \d+ products$/)
    expect(await card.locator('table').first().locator('tbody tr').count()).toBe(50)
  })

  it('shows the clock (frozen, offset), active faults and snapshots, and fits 1366 px without scrolling sideways', async () => {
    const admin = (method: string, path: string, body?: unknown) => fetch(`${url}/__admin${path}`, {
      method,
      headers: { authorization: 'Bearer dash-token', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body)
    })
    expect((await unbind()).status).toBe(200)
    expect((await admin('POST', '/clock', { freeze: '2030-05-01T09:30:00.000Z' })).status).toBe(200)
    const fault = await (await admin('POST', '/faults', { api: 'waffo', path: '/v1/actions/store/delete-store', times: 2, respond: { status: 503 } })).json() as { id: string }
    expect((await admin('PUT', '/snapshots/before-checkout')).status).toBe(200)
    // Long unbroken paths and tenants in the journal: the columns must wrap them, not widen the page.
    for (let i = 0; i < 3; i++) await fetch(`${url}/api/v1/partner/stores/${'str_' + 'x'.repeat(120)}/unbind`, { method: 'POST' })

    const wide = await browser.newPage({ viewport: { width: 1366, height: 900 } })
    await wide.addInitScript("sessionStorage.setItem('mockAdminToken', 'dash-token')")
    await wide.goto(`${url}/__admin/`)
    await expect.poll(() => wide.locator('#clock-panel').textContent(), { timeout: 10_000 }).toContain('2030-05-01T09:30:00.000Z')
    expect(await wide.locator('#clock-panel').textContent()).toContain('frozen')
    expect(await wide.locator('#clock').textContent()).toBe('mock time 2030-05-01T09:30:00.000Z (frozen)')
    await expect.poll(() => wide.locator(`[data-fault="${fault.id}"]`).textContent()).toBe(`${fault.id}waffo /v1/actions/store/delete-storeanswer 50320`)
    expect(await wide.locator('#fault-count').textContent()).toBe('(1 active)')
    expect(await wide.locator('[data-snapshot="before-checkout"]').textContent()).toBe('before-checkout2030-05-01T09:30:00.000Z')
    await expect.poll(() => wide.locator('#journal tbody tr').count()).toBeGreaterThanOrEqual(4)
    await expect.poll(() => storeCardOf(wide).textContent(), { timeout: 10_000 }).toContain('unbound')
    const widths = await wide.evaluate<{ scroll: number, client: number }>('({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth })')
    expect(widths.scroll).toBeLessThanOrEqual(widths.client)
    // The tenant column is inside the viewport.
    const tenant = await wide.locator('#journal thead th.c-tenant').boundingBox()
    expect(tenant!.x + tenant!.width).toBeLessThanOrEqual(1366)
    await wide.screenshot({ path: artifact('dashboard-1366.png'), fullPage: true })

    await admin('POST', '/clock', { offsetMs: 3_723_000 })
    await expect.poll(() => wide.locator('#clock-panel').textContent()).toContain('offset +1 h 2 min 3 s')

    // Reset state: no faults, real time, the snapshot kept.
    await wide.click('#reset')
    await expect.poll(() => wide.locator('#faults').textContent(), { timeout: 10_000 }).toBe('No fault rules: every request is answered normally.')
    await expect.poll(() => wide.locator('#clock-panel').textContent()).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Zreal time$/)
    expect(await wide.locator('#snapshots').textContent()).toContain('before-checkout')
    await wide.screenshot({ path: artifact('dashboard-1366-after-reset.png'), fullPage: true })
    await wide.close()
  }, 60_000)

  it('serves the page at /__admin/ and /__admin with a strict content security policy', async () => {
    const response = await fetch(`${url}/__admin/`)
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(response.headers.get('content-security-policy')).toContain("connect-src 'self'")
    const bare = await fetch(`${url}/__admin`)
    expect([bare.status, await bare.text()]).toEqual([200, await response.text()])
  })
})
