import { isWebUrl } from '../../../http/url.js'
import { waffoErrors } from '../errors.js'
import { fieldOf, isObject, shown } from '../validate.js'
import { BILLING_PERIODS, type BillingPeriod, type MediaItem, type PriceInfo, type ProductContent, type ProductType } from './content.js'

/**
 * create-product / update-product bodies. The rules are the SDK's and the docs' (name ≤ 64,
 * successUrl ≤ 512 and http(s), metadata ≤ 50 keys, trialDays 1–365, display-string amounts);
 * the wording follows the SDK's client-side messages, at layer "product".
 */
export const TAX_CATEGORIES = ['digital_goods', 'saas', 'software', 'ebook', 'online_course', 'consulting', 'professional_service']
const invalid = (message: string) => waffoErrors.invalidField(message, 'product')
const AMOUNT = /^\d+(\.\d+)?$/

function name (value: unknown): string {
  if (value === undefined || value === null || value === '') throw waffoErrors.missingField('name', 'product')
  if (typeof value !== 'string' || value.trim() === '') throw invalid('Invalid name: expected a non-empty string')
  if (value.length > 64) throw invalid(`Product name must be at most 64 characters, got ${value.length}`)
  return value
}

function amount (field: string, value: unknown): string {
  if (typeof value !== 'string' || !AMOUNT.test(value)) {
    throw invalid(`Invalid ${field}: expected numeric string in display format (e.g., "9.99", "1000"), got "${shown(value)}"`)
  }
  return value
}

function prices (value: unknown, type: ProductType): Record<string, PriceInfo> {
  if (value === undefined || value === null) throw waffoErrors.missingField('prices', 'product')
  if (!isObject(value) || Object.keys(value).length === 0) throw invalid('prices must contain at least one currency')
  const result: Record<string, PriceInfo> = {}
  for (const [currency, info] of Object.entries(value)) {
    if (!/^[A-Z]{3}$/.test(currency)) {
      throw invalid(`Invalid prices.${currency} (key): expected 3-letter ISO 4217 currency code (e.g., "USD"), got "${currency}"`)
    }
    if (!isObject(info)) throw invalid(`Invalid prices.${currency}: expected an object with amount and taxCategory`)
    const price: PriceInfo = { amount: amount(`prices.${currency}.amount`, info.amount), taxCategory: '' }
    if (info.taxCategory === undefined || info.taxCategory === null) throw waffoErrors.missingField(`prices.${currency}.taxCategory`, 'product')
    if (typeof info.taxCategory !== 'string' || !TAX_CATEGORIES.includes(info.taxCategory)) {
      throw invalid(`Invalid prices.${currency}.taxCategory: expected one of [${TAX_CATEGORIES.join(', ')}], got "${shown(info.taxCategory)}"`)
    }
    price.taxCategory = info.taxCategory
    if (info.trialAmount !== undefined && info.trialAmount !== null) {
      if (type !== 'subscription') throw invalid(`Invalid prices.${currency}.trialAmount: trial prices are for subscription products only`)
      price.trialAmount = amount(`prices.${currency}.trialAmount`, info.trialAmount)
      if (Number(price.trialAmount) >= Number(price.amount)) throw invalid(`Invalid prices.${currency}.trialAmount: must be lower than amount`)
    }
    result[currency] = price
  }
  return result
}

function media (value: unknown): MediaItem[] {
  if (!Array.isArray(value)) throw invalid('Invalid media: expected an array')
  return value.map((item, i) => {
    if (!isObject(item) || (item.type !== 'image' && item.type !== 'video') || typeof item.url !== 'string' || item.url === '') {
      throw invalid(`Invalid media[${i}]: expected {type: "image"|"video", url, alt?, thumbnail?}`)
    }
    const result: MediaItem = { type: item.type, url: item.url }
    for (const key of ['alt', 'thumbnail'] as const) {
      if (item[key] === undefined || item[key] === null) continue
      if (typeof item[key] !== 'string') throw invalid(`Invalid media[${i}].${key}: expected a string`)
      result[key] = item[key]
    }
    return result
  })
}

function successUrl (value: unknown): string | null {
  if (value === null || value === '') return null
  if (!isWebUrl(value, 512)) {
    throw invalid('Invalid successUrl: expected an http(s) URL of at most 512 characters')
  }
  return value
}

function metadata (value: unknown, type: ProductType): Record<string, unknown> {
  if (!isObject(value)) throw invalid('Invalid metadata: expected an object')
  if (Object.keys(value).length > 50) throw invalid('metadata must have at most 50 keys')
  if (type === 'subscription' && value.trialDays !== undefined) {
    const days = value.trialDays
    if (typeof days !== 'number' || !Number.isInteger(days) || days < 1 || days > 365) {
      throw invalid('Invalid metadata.trialDays: expected an integer between 1 and 365')
    }
  }
  return { ...value }
}

function billingPeriod (value: unknown): BillingPeriod {
  if (value === undefined || value === null) throw waffoErrors.missingField('billingPeriod', 'product')
  if (typeof value !== 'string' || !(BILLING_PERIODS as readonly string[]).includes(value)) {
    throw invalid(`Invalid billingPeriod: expected one of [${BILLING_PERIODS.join(', ')}], got "${shown(value)}"`)
  }
  return value as BillingPeriod
}

/**
 * The content a create (from nothing) or an update (over `current`) asks for: omitted fields
 * keep their value, `null` or "" clears description and successUrl.
 */
export function productContent (body: Record<string, unknown>, type: ProductType, current?: ProductContent): ProductContent {
  const given = (key: string) => fieldOf(body, key) !== undefined
  const next: ProductContent = current
    ? structuredClone(current)
    : { name: '', description: null, prices: {}, media: [], successUrl: null, metadata: {}, ...(type === 'subscription' ? { billingPeriod: 'monthly' as const } : {}) }
  if (!current || given('name')) next.name = name(body.name)
  if (!current || given('prices')) next.prices = prices(body.prices, type)
  if (type === 'subscription' && (!current || given('billingPeriod'))) next.billingPeriod = billingPeriod(body.billingPeriod)
  if (given('description') || body.description === null) {
    if (body.description !== null && typeof body.description !== 'string') throw invalid('Invalid description: expected a string or null')
    next.description = body.description === '' ? null : body.description as string | null
  }
  if (given('media')) next.media = media(body.media)
  if (given('successUrl') || body.successUrl === null) next.successUrl = successUrl(body.successUrl)
  if (given('metadata')) next.metadata = metadata(body.metadata, type)
  return next
}
