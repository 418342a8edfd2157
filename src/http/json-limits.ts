/**
 * One set of limits for every JSON body, of both APIs and the control plane. A body nested
 * ~4,100 levels deep used to be stored, after which `GET /__admin/state` and snapshot restore
 * answered 500; these limits keep whatever is stored exportable and restorable.
 */
export const JSON_LIMITS = {
  /** Objects and arrays inside one another, the outermost counting 1. */
  depth: 32,
  /** Characters of one string (a key or a value), as sent, escapes included. */
  string: 65_536,
  /** Elements of one array. */
  array: 10_000
} as const
export type JsonLimits = { readonly [K in keyof typeof JSON_LIMITS]: number }

/**
 * A whole state document (`POST /__admin/fixtures`, what `GET /__admin/state` exported): arrays as
 * long as the state has rows, and twice the depth. Every row came through a body within
 * JSON_LIMITS, so its strings fit, but the document holds it deeper than its body did (API
 * section, table, row, a delivery's event around an order): metadata 29 levels deep was stored
 * and its export refused. Twice a body's depth bounds that, far below what recursion minds.
 */
export const DOCUMENT_LIMITS: JsonLimits = { ...JSON_LIMITS, depth: 2 * JSON_LIMITS.depth, array: Number.MAX_SAFE_INTEGER }
/** The body limit of a state document: an export of a large catalogue must load back (1 MiB did not). */
export const DOCUMENT_BODY_LIMIT = 256 * 1024 * 1024

/**
 * Why a body that parsed as JSON exceeds a limit, or undefined. One pass over the text, no
 * recursion: the text is valid JSON already, so brackets inside strings are the only trap.
 */
export function jsonLimitViolation (text: string, limits: JsonLimits = JSON_LIMITS): string | undefined {
  if (withinAllLimits(text, limits)) return undefined
  // Per open container: the elements seen so far in an array, -1 for an object.
  const open: number[] = []
  let inString = false
  let escaped = false
  let stringStart = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (inString) {
      if (escaped) escaped = false
      else if (c === 0x5c) escaped = true
      else if (c === 0x22) {
        inString = false
        if (i - stringStart > limits.string) return `JSON string longer than ${limits.string} characters`
      }
      continue
    }
    if (c === 0x22) {
      inString = true
      stringStart = i + 1
    } else if (c === 0x7b || c === 0x5b) {
      if (open.length >= limits.depth) return `JSON nested deeper than ${limits.depth} levels`
      open.push(c === 0x5b ? 0 : -1)
    } else if (c === 0x7d || c === 0x5d) {
      open.pop()
    } else if (c === 0x2c && (open[open.length - 1] ?? -1) >= 0) {
      // A comma in an array: one more element after it.
      const count = open[open.length - 1]! + 1
      open[open.length - 1] = count
      if (count + 1 > limits.array) return `JSON array longer than ${limits.array} elements`
    }
  }
  return undefined
}

/**
 * True when the text is too short to hold a string or an array over the limits and has no more
 * opening brackets (in strings or not) than the depth allows: a typical body, settled by a few
 * native searches instead of a character-by-character pass (~0.5 µs of every signed write).
 */
function withinAllLimits (text: string, limits: JsonLimits): boolean {
  // A string over the limit needs more characters than the limit; an array over it, a comma per element.
  if (text.length > Math.min(limits.string, 2 * limits.array - 2)) return false
  let brackets = 0
  for (const bracket of ['{', '[']) {
    for (let at = text.indexOf(bracket); at !== -1; at = text.indexOf(bracket, at + 1)) {
      if (++brackets > limits.depth) return false
    }
  }
  return true
}
