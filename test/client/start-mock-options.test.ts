// startMock()'s options are the configuration's keys, checked as their environment variables are,
// and a start that fails (a port in use) leaves nothing behind.
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { startMock } from 'toco-waffo-mock/client'
import { tempDir } from '../durability/support.js'

const tmp = tempDir()
afterAll(() => tmp.remove())

describe('startMock options', () => {
  it.each([
    [{ timestampWindowSeconds: -5 }, 'Invalid option: timestampWindowSeconds must be >= 1 (got -5)'],
    [{ journalSize: 'lots' }, 'Invalid option: journalSize must be integer (got "lots")'],
    [{ authClock: 'sometimes' }, 'Invalid option: authClock must be one of either, mock (got "sometimes")'],
    [{ tocoMaxBatch: 0 }, 'Invalid option: tocoMaxBatch must be >= 1 (got 0)'],
    [{ debugSignatures: 'yes' }, 'Invalid option: debugSignatures must be a boolean (got "yes")'],
    [{ webhookForwardUrl: 'not a url' }, expect.stringMatching(/^Invalid option: webhookForwardUrl /)],
    [{ nope: 1 }, 'Invalid option: nope is not a configuration key (README: "Configuration")']
  ])('%j is refused with one line naming the option', async (options, message) => {
    await expect(startMock(options as never)).rejects.toMatchObject({ name: 'ConfigError', message })
  })

  it('valid options start it; a second mock on a port in use fails and is closed (its database and deliverer too)', async () => {
    const first = await startMock({ timestampWindowSeconds: 60, debugSignatures: true })
    const port = Number(new URL(first.url).port)
    // A built app on a database file holds its descriptors (the file, -wal, -shm) until closed.
    const dbPath = join(tmp.dir, 'failed.db')
    const held = () => readdirSync('/proc/self/fd').length
    const before = held()
    for (let i = 0; i < 3; i++) await expect(startMock({ port, dbPath })).rejects.toMatchObject({ code: 'EADDRINUSE' })
    expect(held()).toBe(before)
    await first.close()
  })
})
