/**
 * Headless Chromium from Debian's `chromium` package, driven by playwright-core (never a
 * downloaded browser). Without the package, browser tests skip with a loud message, never silently.
 */
import { existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { chromium, type Browser } from 'playwright-core'

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
