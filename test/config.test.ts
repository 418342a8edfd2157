import fc from 'fast-check'
import Value from 'typebox/value'
import { describe, expect, it } from 'vitest'
import { CONFIG_SLICES } from '../src/apis/index.js'
import Type from 'typebox'
import { ConfigError, DEFAULT_FIXTURES, envSchemaOf, loadConfig, setting, settingsOf } from '../src/config.js'
import { seed } from './fuzz/settings.js'

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

  it('skips empty FIXTURES entries (not the current directory); a list of none is one line', () => {
    expect(loadConfig({ FIXTURES: '/a.json,, /b.json,' }, CONFIG_SLICES).fixtures).toEqual(['/a.json', '/b.json'])
    expect(() => loadConfig({ FIXTURES: ' , ' }, CONFIG_SLICES)).toThrow('Invalid configuration: FIXTURES names no file (got " , ")')
  })

  it('WEBHOOK_FORWARD_URL must be a URL a delivery can reach', () => {
    expect(loadConfig({ WEBHOOK_FORWARD_URL: 'http://127.0.0.1:9999/hooks' }, CONFIG_SLICES).webhookForwardUrl).toBe('http://127.0.0.1:9999/hooks')
    for (const bad of ['http:// x', 'https://[::1', 'http://127.0.0.1:99999/']) {
      expect(() => loadConfig({ WEBHOOK_FORWARD_URL: bad }, CONFIG_SLICES)).toThrow(`Invalid configuration: WEBHOOK_FORWARD_URL must be an absolute http(s) URL of printable ASCII (got ${JSON.stringify(bad)})`)
    }
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

/** What TypeBox's Value alone makes of an environment: the oracle for the plain values read without it. */
function readByValue (env: Record<string, string>): Record<string, unknown> | 'refused' {
  const schema = envSchemaOf(SLICES)
  const data = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''))
  const parsed = Value.Convert(schema, Value.Default(schema, Value.Clean(schema, data))) as Record<string, unknown>
  if (!Value.Check(schema, parsed)) return 'refused'
  // A setting's own reading may refuse what its schema lets through (FIXTURES of only blanks and commas names no file).
  try {
    return Object.fromEntries(Object.entries(settingsOf(SLICES)).map(([key, { env: name, read }]) => [key, read(parsed[name])]))
  } catch (error) {
    if (error instanceof ConfigError) return 'refused'
    throw error
  }
}

/** The real slices, and one with rules no real setting has yet (a longer minLength, a negative bound, keywords the plain reading leaves to Value). */
const SLICES = [...CONFIG_SLICES, {
  code: setting('MOCK_TEST_CODE', Type.Optional(Type.String({ minLength: 3 })), 'test only'),
  offset: setting('MOCK_TEST_OFFSET', Type.Integer({ minimum: -5, maximum: 5, default: -1 }), 'test only'),
  tag: setting('MOCK_TEST_TAG', Type.Optional(Type.String({ maxLength: 2 })), 'test only'),
  step: setting('MOCK_TEST_STEP', Type.Integer({ multipleOf: 5, default: 5 }), 'test only')
}] as const

it('reads every environment as TypeBox\'s Value does: values, defaults and refusals', () => {
  const names = Object.values(settingsOf(SLICES)).map((variable) => variable.env)
  const value = fc.oneof(
    fc.constantFrom('', '0', '1', '007', '100', '65535', '65536', '-1', '1e3', ' 12', '12 ', '0x10', '1.5', '86400000', '9007199254740993',
      '-0', '-5', '-6', 'abc', 'ab', 'a😀', 'true', 'on', 'yes', 'full', 'strip-prefix', 'warn', 'mock', 'pretty', 'x', 'é', '😀', 'http://hooks.test/in', 'ftp://x'),
    fc.string({ maxLength: 6 }))
  fc.assert(fc.property(fc.dictionary(fc.constantFrom(...names), value, { maxKeys: 6 }), (env) => {
    let read: unknown
    try { read = loadConfig(env, SLICES) } catch (error) {
      expect(error).toBeInstanceOf(ConfigError)
      read = 'refused'
    }
    expect(read).toEqual(readByValue(env))
  }), {
    numRuns: 400,
    seed,
    // The edges, every run: a bound on each side, a string one character (or one surrogate pair) short, a FIXTURES of blanks.
    examples: [[{ MOCK_TEST_CODE: 'ab' }], [{ MOCK_TEST_CODE: 'a😀' }], [{ MOCK_TEST_CODE: 'abc' }], [{ MOCK_TEST_OFFSET: '5' }],
      [{ MOCK_TEST_OFFSET: '6' }], [{ MOCK_TEST_OFFSET: '-5' }], [{ TOCO_MAX_BATCH: '0' }], [{ PORT: '65536' }], [{ PORT: '007' }],
      [{ MOCK_TEST_TAG: 'abc' }], [{ MOCK_TEST_TAG: 'ab' }], [{ MOCK_TEST_STEP: '7' }], [{ MOCK_TEST_STEP: '10' }],
      [{ FIXTURES: ' ' }], [{ FIXTURES: ' , ' }]]
  })
})
