/**
 * Product versions as the mock keeps them: the current test version and the published prod
 * version (one entry when they are the same number). Older versions are not retained, so an
 * order's `productVersion` is null once its version has been superseded in both environments.
 */
import { parseContent } from '../catalog/content.js'
import type { ProductRow } from '../repo/products.js'

function versionObject (row: ProductRow, versionNumber: number, content: string) {
  const parsed = parseContent(content)
  return {
    id: `${row.id}_v${versionNumber}`,
    productId: row.id,
    versionNumber,
    name: parsed.name,
    description: parsed.description,
    prices: Object.entries(parsed.prices).map(([currency, priceInfo]) => ({ currency, priceInfo })),
    media: parsed.media,
    successUrl: parsed.successUrl,
    metadata: parsed.metadata,
    ...(row.type === 'subscription' ? { billingPeriod: parsed.billingPeriod ?? 'monthly' } : {}),
    isTestVersion: versionNumber === row.test_version,
    isProdVersion: versionNumber === row.prod_version,
    // The mock keeps no per-version timestamp: the product's last change stands in.
    createdAt: row.updated_at
  }
}

/** Newest first. */
export function versionsOf (row: ProductRow) {
  const versions = [versionObject(row, row.test_version, row.test_content)]
  if (row.prod_version !== null && row.prod_content !== null && row.prod_version !== row.test_version) {
    versions.push(versionObject(row, row.prod_version, row.prod_content))
  }
  return versions.sort((a, b) => b.versionNumber - a.versionNumber)
}

export function versionOf (row: ProductRow, versionNumber: number | null) {
  return versionsOf(row).find((version) => version.versionNumber === versionNumber) ?? null
}
