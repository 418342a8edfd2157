import { isWebUrl } from '../../../http/url.js'
import { waffoErrors } from '../errors.js'
import type { MediaItem, PriceInfo, ProductContent, ProductType } from './content.js'

/**
 * What create-product / update-product bodies may hold once their schema (routes/bodies.ts) has
 * judged the shapes: the rules left here need more than a shape (name ≤ 64, successUrl ≤ 512 and
 * http(s), metadata ≤ 50 keys, trialDays 1–365, a trial below the price). The wording follows
 * the SDK's client-side messages, at layer "product".
 */
export interface ProductInput {
  name?: string
  prices?: Record<string, { amount: string, taxCategory: string, trialAmount?: string | null }>
  billingPeriod?: ProductContent['billingPeriod']
  description?: string | null
  media?: Array<{ type: MediaItem['type'], url: string, alt?: string | null, thumbnail?: string | null }>
  successUrl?: string | null
  metadata?: Record<string, unknown>
}

const invalid = (message: string) => waffoErrors.invalidField(message, 'product')

function name (value: string): string {
  if (value.trim() === '') throw invalid('Invalid name: expected a non-empty string')
  if (value.length > 64) throw invalid(`Product name must be at most 64 characters, got ${value.length}`)
  return value
}

function prices (value: NonNullable<ProductInput['prices']>, type: ProductType): Record<string, PriceInfo> {
  const result: Record<string, PriceInfo> = {}
  for (const [currency, info] of Object.entries(value)) {
    if (!/^[A-Z]{3}$/.test(currency)) {
      throw invalid(`Invalid prices.${currency} (key): expected 3-letter ISO 4217 currency code (e.g., "USD"), got "${currency}"`)
    }
    const price: PriceInfo = { amount: info.amount, taxCategory: info.taxCategory }
    if (info.trialAmount !== undefined && info.trialAmount !== null) {
      if (type !== 'subscription') throw invalid(`Invalid prices.${currency}.trialAmount: trial prices are for subscription products only`)
      price.trialAmount = info.trialAmount
      if (Number(price.trialAmount) >= Number(price.amount)) throw invalid(`Invalid prices.${currency}.trialAmount: must be lower than amount`)
    }
    result[currency] = price
  }
  return result
}

function media (value: NonNullable<ProductInput['media']>): MediaItem[] {
  return value.map((item) => {
    const result: MediaItem = { type: item.type, url: item.url }
    for (const key of ['alt', 'thumbnail'] as const) {
      const text = item[key]
      if (text !== undefined && text !== null) result[key] = text
    }
    return result
  })
}

function successUrl (value: string | null): string | null {
  if (value === null || value === '') return null
  if (!isWebUrl(value, 512)) {
    throw invalid('Invalid successUrl: expected an http(s) URL of at most 512 characters')
  }
  return value
}

function metadata (value: Record<string, unknown>, type: ProductType): Record<string, unknown> {
  if (Object.keys(value).length > 50) throw invalid('metadata must have at most 50 keys')
  if (type === 'subscription' && value.trialDays !== undefined) {
    const days = value.trialDays
    if (typeof days !== 'number' || !Number.isInteger(days) || days < 1 || days > 365) {
      throw invalid('Invalid metadata.trialDays: expected an integer between 1 and 365')
    }
  }
  return { ...value }
}

/**
 * The content a create (from nothing) or an update (over `current`) asks for: omitted fields
 * keep their value, `null` or "" clears description and successUrl. On create the schema has
 * made name, prices (and billingPeriod) present.
 */
export function productContent (body: ProductInput, type: ProductType, current?: ProductContent): ProductContent {
  const next: ProductContent = current
    ? structuredClone(current)
    : { name: '', description: null, prices: {}, media: [], successUrl: null, metadata: {}, ...(type === 'subscription' ? { billingPeriod: 'monthly' as const } : {}) }
  if (body.name !== undefined) next.name = name(body.name)
  if (body.prices !== undefined) next.prices = prices(body.prices, type)
  if (type === 'subscription' && body.billingPeriod !== undefined) next.billingPeriod = body.billingPeriod
  if (body.description !== undefined) next.description = body.description === '' ? null : body.description
  if (body.media !== undefined) next.media = media(body.media)
  if (body.successUrl !== undefined) next.successUrl = successUrl(body.successUrl)
  if (body.metadata !== undefined) next.metadata = metadata(body.metadata, type)
  return next
}
