/** Header values of every kind: garbage, empty, huge, numbers, repeated, and plausible ones. */
import fc from 'fast-check'

/** What inject accepts for a header: numbers are sent as text, an array is the header repeated. */
export type HeaderValue = string | number | string[]
export type Headers = Record<string, HeaderValue>

/** The value the server reads, repeated headers joined the way Node joins them. */
export const asSent = (value: HeaderValue) => Array.isArray(value) ? value.join(', ') : String(value)

// What can travel in an HTTP/1.1 header value: tab, visible ASCII, space, obs-text (0x80–0xFF).
const headerChars = ['\t', ...Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i)),
  ...Array.from({ length: 0x80 }, (_, i) => String.fromCharCode(0x80 + i))]
export const headerText = fc.string({ unit: fc.constantFrom(...headerChars), maxLength: 40 })

export const garbageHeader: fc.Arbitrary<HeaderValue> = fc.oneof(
  { arbitrary: headerText, weight: 4 },
  { arbitrary: fc.constant(''), weight: 2 },
  { arbitrary: fc.integer({ min: 1_000, max: 20_000 }).map((length) => 'A'.repeat(length)), weight: 1 },
  { arbitrary: fc.oneof(fc.integer(), fc.double()), weight: 1 },
  { arbitrary: fc.array(headerText, { minLength: 2, maxLength: 3 }), weight: 1 }
)

/** A plausible value, the same sent twice, or garbage. */
export const plausibleOr = (...values: string[]): fc.Arbitrary<HeaderValue> => fc.oneof(
  { arbitrary: fc.constantFrom(...values), weight: 4 },
  { arbitrary: fc.constantFrom(...values).map((value) => [value, value]), weight: 1 },
  { arbitrary: garbageHeader, weight: 2 }
)

/** Media types the APIs must treat alike (they read raw bytes whatever the type). */
export const MEDIA_TYPES = [
  'application/json', 'application/json; charset=utf-8', 'APPLICATION/JSON', 'text/plain',
  'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/octet-stream'
]
export const mediaType = fc.constantFrom(...MEDIA_TYPES)
/** undefined: no Content-Type header at all. */
export const contentType = fc.oneof(
  { arbitrary: fc.constant(undefined), weight: 2 },
  { arbitrary: mediaType, weight: 4 },
  { arbitrary: headerText, weight: 1 }
)

/** Usually present: a request missing several headers only ever meets the first check. */
export const mostly = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined, freq: 6 })

/** Unrelated headers a proxy or client might add; never ones that change framing. */
export const extraHeaders = fc.dictionary(fc.stringMatching(/^x-[a-z0-9-]{1,12}$/), garbageHeader, { maxKeys: 2 })

/** A timestamp header: an offset from the app's clock, or any raw value. */
export type Skewed<Unit extends string> = { [K in Unit]: number } | { raw: HeaderValue }

/** The request an auth plan is turned into headers for. */
export interface SignedRequest {
  method: string
  /** The URL as the server will see it (path and query). */
  url: string
  raw: string | undefined
  nowMs: number
}
