import type { MerchantContext } from './auth.js'
import { waffoErrors } from './errors.js'

/** The store service's first check: the gateway must have forwarded a merchant. */
export function requireMerchant (context: MerchantContext | undefined): MerchantContext {
  if (!context?.merchantId) throw waffoErrors.missingMerchantContext()
  return context
}

/** `Missing required field: <field>` when absent, null or empty. */
export function requireField (body: unknown, field: string, layer = 'store'): unknown {
  const value = fieldOf(body, field)
  if (value === undefined || value === null || value === '') throw waffoErrors.missingField(field, layer)
  return value
}

/** The body's own property (never one inherited from Object.prototype), or undefined. */
export function fieldOf (body: unknown, field: string): unknown {
  return isObject(body) && Object.hasOwn(body, field) ? body[field] : undefined
}

export const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** `Expected format: PREFIX_xxx, got "<value>"` unless value is PREFIX_ + 22 base62 characters. */
export function requireShortId (value: unknown, prefix: string, layer = 'store'): string {
  if (isShortId(value, prefix)) return value
  throw waffoErrors.expectedFormat(prefix, shown(value), layer)
}

export const isShortId = (value: unknown, prefix: string): value is string =>
  typeof value === 'string' && value.length === prefix.length + 23 && value.startsWith(`${prefix}_`) && /^[0-9A-Za-z]{22}$/.test(value.slice(prefix.length + 1))

/** A non-string value as JSON; a client can nest it deeper than JSON.stringify's stack. */
export function shown (value: unknown): string {
  if (typeof value === 'string') return value
  try {
    return JSON.stringify(value)
  } catch {
    return Array.isArray(value) ? '[array]' : '[object]'
  }
}
