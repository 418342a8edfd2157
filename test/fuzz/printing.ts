import fc from 'fast-check'

const LONG = 160

/** A long string as its head, its length and its tail. */
export function abbreviate (text: string): string {
  if (text.length <= LONG) return text
  return `${text.slice(0, 100)}…(${text.length} chars)…${text.slice(-40)}`
}

/**
 * Gives a generated value a printer that abbreviates long strings, so a counterexample with a
 * 1 MiB body or a 20 000-character header still fits on a screen.
 */
export function printable<T extends object> (value: T): T {
  Object.defineProperty(value, fc.toStringMethod, {
    value: () => JSON.stringify(value, (_key, item: unknown) => typeof item === 'string' ? abbreviate(item) : item),
    enumerable: false
  })
  return value
}
