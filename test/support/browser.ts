/**
 * Headless Chromium from Debian's `chromium` package, driven by playwright-core (never a
 * downloaded browser). Without the package, browser tests skip with a loud message, never silently.
 */
import { existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'
import { afterAll, beforeAll } from 'vitest'
import type { App } from '../../src/app.js'
import type { Config } from '../../src/config.js'
import { createApp } from '../helpers.js'

export const CHROMIUM = '/usr/bin/chromium'
export const hasChromium = existsSync(CHROMIUM)
if (!hasChromium) {
  process.stderr.write(`\n*** SKIPPING BROWSER TESTS: ${CHROMIUM} is missing. Install the Debian package: apt-get install -y chromium ***\n\n`)
}

export function launchChromium (): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run']
  })
}

/** Where screenshots go (gitignored): look at them. */
export function artifact (name: string): string {
  const dir = join(process.cwd(), 'test-artifacts')
  mkdirSync(dir, { recursive: true })
  return join(dir, name)
}

/**
 * One listening app (demo fixtures; `config` is read when the file starts, after earlier
 * beforeAll hooks), one Chromium and one 1400×1000 page for a file's browser tests, closed after it.
 */
export function useBrowserApp (config: () => Partial<Config> = () => ({})) {
  const held = { app: undefined as unknown as App, url: '', browser: undefined as unknown as Browser, page: undefined as unknown as Page }
  beforeAll(async () => {
    held.app = await createApp(config())
    held.url = await held.app.listen({ port: 0, host: '127.0.0.1' })
    held.browser = await launchChromium()
    held.page = await held.browser.newPage({ viewport: { width: 1400, height: 1000 } })
  }, 60_000)
  afterAll(async () => {
    await held.browser?.close()
    await held.app?.close()
  })
  return held
}
