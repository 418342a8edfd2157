// startMock does not wait for the Waffo webhook key (RSA, 0.1–0.4 s): it is made on libuv's pool
// while the tests start, and close() waits for it before closing the database it is written to.
import { createPublicKey } from 'node:crypto'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { startMock } from 'toco-waffo-mock/client'
import { tempDir } from '../durability/support.js'

describe('startMock and the webhook key', () => {
  it('closes at once, before the key is made: the key is in the database file, no error left behind', async () => {
    const unhandled: unknown[] = []
    const collect = (reason: unknown) => { unhandled.push(reason) }
    process.on('unhandledRejection', collect)
    const dir = tempDir()
    try {
      const dbPath = join(dir.dir, 'mock.db')
      const mock = await startMock({ dbPath })
      await expect(mock.close()).resolves.toBeUndefined()
      // close() waited for the key: a file database keeps it for the next start.
      const db = new Database(dbPath, { readonly: true })
      const kept = db.prepare("SELECT value FROM mock_meta WHERE key = 'waffo_webhook_private_key'").pluck().get() as string | undefined
      db.close()
      expect(kept).toMatch(/^-----BEGIN PRIVATE KEY-----/)
      // Long enough for a key still being made after close to land on the closed database.
      await new Promise((resolve) => setTimeout(resolve, 1500))
    } finally {
      process.off('unhandledRejection', collect)
      dir.remove()
    }
    expect(unhandled).toEqual([])
  })

  it('a key read at once is a usable RSA public key, the one the admin API serves, and stays the same', async () => {
    const mock = await startMock()
    try {
      const pem = mock.webhookPublicKey
      expect(createPublicKey(pem).asymmetricKeyType).toBe('rsa')
      expect((await mock.admin.waffo.webhookKey()).publicKey).toBe(pem)
      await new Promise((resolve) => setTimeout(resolve, 500)) // the background key, if any, has landed by now
      expect(mock.webhookPublicKey).toBe(pem)
      expect((await mock.admin.waffo.webhookKey()).publicKey).toBe(pem)
    } finally {
      await mock.close()
    }
  })
})
