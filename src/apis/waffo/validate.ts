import type { MerchantContext } from './auth.js'
import { waffoErrors } from './errors.js'

/** The store service's first check: the gateway must have forwarded a merchant. */
export function requireMerchant (context: MerchantContext | undefined): MerchantContext {
  if (!context?.merchantId) throw waffoErrors.missingMerchantContext()
  return context
}

/** `Missing required field: <field>` when absent, null or empty. */
export function requireField (body: unknown, field: string): unknown {
  const value = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[field] : undefined
  if (value === undefined || value === null || value === '') throw waffoErrors.missingField(field)
  return value
}

/** `Expected format: PREFIX_xxx, got "<value>"` unless value is PREFIX_ + 22 base62 characters. */
export function requireShortId (value: unknown, prefix: string): string {
  if (typeof value === 'string' && new RegExp(`^${prefix}_[0-9A-Za-z]{22}$`).test(value)) return value
  throw waffoErrors.expectedFormat(prefix, shown(value))
}

/** A non-string value as JSON; a client can nest it deeper than JSON.stringify's stack. */
function shown (value: unknown): string {
  if (typeof value === 'string') return value
  try {
    return JSON.stringify(value)
  } catch {
    return Array.isArray(value) ? '[array]' : '[object]'
  }
}
