/**
 * What one immutable version of a product holds. The test version is what create/update-product
 * write; publish-product copies it to prod. Stored as JSON, always in this key order.
 */
export const BILLING_PERIODS = ['weekly', 'monthly', 'quarterly', 'yearly'] as const
export type BillingPeriod = typeof BILLING_PERIODS[number]
export type ProductType = 'onetime' | 'subscription'

export interface PriceInfo { amount: string, taxCategory: string, trialAmount?: string }
export interface MediaItem { type: 'image' | 'video', url: string, alt?: string, thumbnail?: string }

export interface ProductContent {
  name: string
  description: string | null
  prices: Record<string, PriceInfo>
  media: MediaItem[]
  successUrl: string | null
  metadata: Record<string, unknown>
  /** Subscription products only. */
  billingPeriod?: BillingPeriod
}

export type ContentFields = Partial<Omit<ProductContent, 'name'>> & { name: string }

/** A version's content with every field present (defaults where a fixture left one out). */
export function contentOf (type: ProductType, fields: ContentFields): ProductContent {
  return {
    name: fields.name,
    description: fields.description ?? null,
    prices: fields.prices ?? {},
    media: fields.media ?? [],
    successUrl: fields.successUrl ?? null,
    metadata: fields.metadata ?? {},
    ...(type === 'subscription' ? { billingPeriod: fields.billingPeriod ?? 'monthly' } : {})
  }
}

/** JSON with object keys sorted: two contents are the same version when these are equal. */
export function canonicalJson (value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) => inner !== null && typeof inner === 'object' && !Array.isArray(inner)
    ? Object.fromEntries(Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0))
    : inner)
}

export const parseContent = (json: string) => JSON.parse(json) as ProductContent
