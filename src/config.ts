import { fileURLToPath } from 'node:url'
import { resolve } from 'node:path'
import { envSchema } from 'env-schema'
import Type from 'typebox'

/** The bundled demo fixture set, used when FIXTURES is not given. */
export const DEFAULT_FIXTURES = fileURLToPath(new URL('../fixtures/default.json', import.meta.url))

/** Every environment variable the server reads; the CLI derives one flag per variable from it. */
export const EnvSchema = Type.Object({
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 8080 }),
  HOST: Type.String({ minLength: 1, default: '127.0.0.1' }),
  DB_PATH: Type.String({ minLength: 1, default: ':memory:' }),
  FIXTURES: Type.String({ default: '' }),
  LOG_LEVEL: Type.Enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { default: 'info' }),
  TIMESTAMP_WINDOW_SECONDS: Type.Integer({ minimum: 1, maximum: 31_536_000, default: 300 }),
  TOCO_SIGNATURE_PATH: Type.Enum(['strip-prefix', 'full'], { default: 'strip-prefix' }),
  // env-schema only coerces "true"/"false" to booleans; users write 1/0 too.
  MOCK_DEBUG_SIGNATURES: Type.Enum(['0', '1', 'false', 'true', 'off', 'on'], { default: '0' }),
  TOCO_MAX_BATCH: Type.Integer({ minimum: 1, maximum: 10_000, default: 100 }),
  TOCO_BATCH_DELAY_MS: Type.Integer({ minimum: 0, maximum: 86_400_000, default: 0, description: 'ms after acceptance a Toco bulk/stock/price batch applies, on the mock clock' }),
  JOURNAL_SIZE: Type.Integer({ minimum: 0, maximum: 100_000, default: 1000 }),
  ADMIN_TOKEN: Type.Optional(Type.String({ minLength: 1 })),
  RESET_ON_START: Type.Enum(['0', '1', 'false', 'true', 'off', 'on'], { default: '0' }),
  WEBHOOK_FORWARD_URL: Type.Optional(Type.String({ pattern: '^https?://', description: 'Every webhook event is also POSTed here, registered or not' })),
  WEBHOOK_TIMEOUT_MS: Type.Integer({ minimum: 1, maximum: 600_000, default: 5000, description: 'How long one webhook delivery attempt waits for an answer (real ms)' }),
  WAFFO_WEBHOOK_PRIVATE_KEY: Type.Optional(Type.String({ minLength: 1, description: 'PEM RSA private key Waffo webhooks are signed with; generated at start when absent' })),
  // auto: pretty (pino-pretty, when installed) on a terminal outside production, JSON otherwise.
  LOG_FORMAT: Type.Enum(['auto', 'json', 'pretty'], { default: 'auto' })
})

type Env = Type.Static<typeof EnvSchema>

export interface Config {
  port: number
  host: string
  dbPath: string
  /** Absolute paths, in load order. */
  fixtures: string[]
  logLevel: Env['LOG_LEVEL']
  timestampWindowSeconds: number
  tocoSignaturePath: Env['TOCO_SIGNATURE_PATH']
  debugSignatures: boolean
  tocoMaxBatch: number
  /** How long after acceptance a Toco batch applies, on the mock's clock (0: before the next request). */
  tocoBatchDelayMs: number
  /** Requests the journal keeps (0: off). */
  journalSize: number
  adminToken: string | undefined
  /** Reseed an existing database file from the fixtures at start. */
  resetOnStart: boolean
  logFormat: Env['LOG_FORMAT']
  /** Every webhook event is also sent here (no registration needed). */
  webhookForwardUrl: string | undefined
  /** One delivery attempt's timeout, real ms. */
  webhookTimeoutMs: number
  /** PEM; undefined: a key pair is generated when first needed. */
  waffoWebhookPrivateKey: string | undefined
}

export class ConfigError extends Error {
  override name = 'ConfigError'
}

/** Reads and validates the environment once; throws a ConfigError whose message is one line. */
export function loadConfig (env: NodeJS.ProcessEnv = process.env): Config {
  // Empty values count as unset, so `PORT= npm start` falls back to the default.
  const data = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''))
  let parsed: Env
  try {
    // env: false — only `data` counts, so empty values really fall back and tests never see the shell's env.
    parsed = envSchema<Env>({ schema: EnvSchema, data, env: false, dotenv: false })
  } catch (error) {
    throw new ConfigError(describe(error, data))
  }
  return {
    port: parsed.PORT,
    host: parsed.HOST,
    dbPath: parsed.DB_PATH,
    fixtures: parsed.FIXTURES === ''
      ? [DEFAULT_FIXTURES]
      : parsed.FIXTURES.split(',').map((file) => resolve(file.trim())).filter(Boolean),
    logLevel: parsed.LOG_LEVEL,
    timestampWindowSeconds: parsed.TIMESTAMP_WINDOW_SECONDS,
    tocoSignaturePath: parsed.TOCO_SIGNATURE_PATH,
    debugSignatures: isOn(parsed.MOCK_DEBUG_SIGNATURES),
    tocoMaxBatch: parsed.TOCO_MAX_BATCH,
    tocoBatchDelayMs: parsed.TOCO_BATCH_DELAY_MS,
    journalSize: parsed.JOURNAL_SIZE,
    adminToken: parsed.ADMIN_TOKEN,
    resetOnStart: isOn(parsed.RESET_ON_START),
    logFormat: parsed.LOG_FORMAT,
    webhookForwardUrl: parsed.WEBHOOK_FORWARD_URL,
    webhookTimeoutMs: parsed.WEBHOOK_TIMEOUT_MS,
    // A PEM in one env line has its newlines written as \n.
    waffoWebhookPrivateKey: parsed.WAFFO_WEBHOOK_PRIVATE_KEY?.replace(/\\n/g, '\n')
  }
}

const isOn = (value: string) => ['1', 'true', 'on'].includes(value)

/** The configuration tests start from: defaults, quiet, in memory. */
export function testConfig (overrides: Partial<Config> = {}): Config {
  return { ...loadConfig({}), logLevel: 'silent', ...overrides }
}

interface AjvIssue { instancePath: string, message?: string, params: Record<string, unknown> }

function describe (error: unknown, data: Record<string, unknown>): string {
  const issues = (error as { errors?: AjvIssue[] }).errors
  const first = issues?.[0]
  if (!first) return `Invalid configuration: ${(error as Error).message}`
  const name = first.instancePath.replace(/^\//, '')
  const schema = EnvSchema.properties[name as keyof Env] as { enum?: string[] } | undefined
  const rule = schema?.enum ? `must be one of ${schema.enum.join(', ')}` : first.message
  return `Invalid configuration: ${name} ${rule} (got ${JSON.stringify(data[name])})`
}
