import { describe, expect, it } from 'vitest'
import { CONFIG_SLICES } from '../src/apis/index.js'
import { ConfigError, DEFAULT_FIXTURES, loadConfig } from '../src/config.js'

describe('loadConfig', () => {
  it('defaults to the documented values', () => {
    expect(loadConfig({}, CONFIG_SLICES)).toEqual({
      port: 8080,
      host: '127.0.0.1',
      dbPath: ':memory:',
      fixtures: [DEFAULT_FIXTURES],
      logLevel: 'info',
      timestampWindowSeconds: 300,
      authClock: 'either',
      tocoSignaturePath: 'strip-prefix',
      debugSignatures: false,
      tocoMaxBatch: 100,
      tocoBatchDelayMs: 0,
      journalSize: 1000,
      adminToken: undefined,
      adminAllowedHosts: [],
      snapshotLimit: 20,
      resetOnStart: false,
      logFormat: 'auto',
      webhookForwardUrl: undefined,
      webhookTimeoutMs: 5000,
      waffoWebhookPrivateKey: undefined
    })
  })

  it('reads every variable', () => {
    const config = loadConfig({
      PORT: '9000',
      HOST: '0.0.0.0',
      DB_PATH: '/tmp/mock.db',
      FIXTURES: '/a.json, /b.json',
      LOG_LEVEL: 'warn',
      TIMESTAMP_WINDOW_SECONDS: '60',
      TOCO_SIGNATURE_PATH: 'full',
      MOCK_DEBUG_SIGNATURES: '1',
      TOCO_MAX_BATCH: '10',
      JOURNAL_SIZE: '0',
      ADMIN_TOKEN: 'secret',
      RESET_ON_START: 'true',
      LOG_FORMAT: 'pretty'
    }, CONFIG_SLICES)
    expect(config).toMatchObject({
      port: 9000,
      host: '0.0.0.0',
      dbPath: '/tmp/mock.db',
      fixtures: ['/a.json', '/b.json'],
      logLevel: 'warn',
      timestampWindowSeconds: 60,
      tocoSignaturePath: 'full',
      debugSignatures: true,
      tocoMaxBatch: 10,
      journalSize: 0,
      adminToken: 'secret',
      resetOnStart: true,
      logFormat: 'pretty'
    })
  })

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ PORT: '', FIXTURES: '' }, CONFIG_SLICES)).toMatchObject({ port: 8080, fixtures: [DEFAULT_FIXTURES] })
  })

  it.each([
    [{ PORT: 'abc' }, 'Invalid configuration: PORT must be integer (got "abc")'],
    [{ PORT: '70000' }, 'Invalid configuration: PORT must be <= 65535 (got "70000")'],
    [{ TOCO_SIGNATURE_PATH: 'stripped' }, 'Invalid configuration: TOCO_SIGNATURE_PATH must be one of strip-prefix, full (got "stripped")'],
    [{ MOCK_DEBUG_SIGNATURES: 'yes' }, 'Invalid configuration: MOCK_DEBUG_SIGNATURES must be one of 0, 1, false, true, off, on (got "yes")'],
    [{ TIMESTAMP_WINDOW_SECONDS: '0' }, 'Invalid configuration: TIMESTAMP_WINDOW_SECONDS must be >= 1 (got "0")'],
    [{ LOG_LEVEL: 'loud' }, 'Invalid configuration: LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "loud")']
  ])('rejects %j with one line', (env, message) => {
    expect(() => loadConfig(env, CONFIG_SLICES)).toThrow(ConfigError)
    expect(() => loadConfig(env, CONFIG_SLICES)).toThrow(message)
    try { loadConfig(env, CONFIG_SLICES) } catch (error) { expect((error as Error).message).not.toContain('\n') }
  })
})

it('ignores the process environment when given one explicitly (an empty PORT in the shell included)', () => {
  const saved = process.env.PORT
  process.env.PORT = ''
  try {
    expect(loadConfig({ ...process.env }, CONFIG_SLICES).port).toBe(8080)
    process.env.PORT = '1234'
    expect(loadConfig({}, CONFIG_SLICES).port).toBe(8080)
  } finally {
    if (saved === undefined) delete process.env.PORT
    else process.env.PORT = saved
  }
})
