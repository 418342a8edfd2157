/** `*` matches any run of characters (slashes included); everything else is literal. */
export function globMatcher (pattern: string): (value: string) => boolean {
  if (!pattern.includes('*')) return (value) => value === pattern
  const source = pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')
  const regex = new RegExp(`^${source}$`, 's')
  return (value) => regex.test(value)
}
