import { Format } from 'typebox/format'

// `date-time` also asks that JavaScript can read the value: RFC 3339 allows a leap second
// (`…T23:59:60Z`) and RFC 9557 a `[zone]` suffix, which `new Date` cannot read, and the seeds'
// `toISOString()` then failed with a 500 after the fixture had passed its check.
Format.Set('date-time', (value) => Format.IsDateTime(value) && Number.isFinite(Date.parse(value)))

/**
 * A copy of a JSON Schema (TypeBox) that refuses what a typo or an overflow would slip through:
 * every object that lists its properties gets `additionalProperties: false` (so `"stauts"` or a
 * top-level `"wafo"` fails at load with its JSON path instead of being ignored), and every
 * integer without bounds is kept within ±Number.MAX_SAFE_INTEGER (an id of 1e20 reached SQLite
 * as a float and failed with SQLITE_MISMATCH). Maps (`patternProperties`) stay open.
 */
export function strictSchema<T> (schema: T): T {
  return tighten(structuredClone(schema)) as T
}

function tighten (node: unknown): unknown {
  if (Array.isArray(node)) {
    for (const item of node) tighten(item)
    return node
  }
  if (typeof node !== 'object' || node === null) return node
  const schema = node as Record<string, unknown>
  if (schema.type === 'object' && typeof schema.properties === 'object' && schema.additionalProperties === undefined && schema.patternProperties === undefined) {
    schema.additionalProperties = false
  }
  if (schema.type === 'integer') {
    schema.maximum ??= Number.MAX_SAFE_INTEGER
    schema.minimum ??= -Number.MAX_SAFE_INTEGER
  }
  for (const value of Object.values(schema)) tighten(value)
  return schema
}
