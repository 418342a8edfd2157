/**
 * The amplification query of issue 15: a chain of fragments `Store → onetimeProducts → store →
 * …`, each level with several aliases of the same list, so the answer grows as
 * (aliases × products)^levels while the query stays about a kilobyte. Shared by the tests, the
 * fuzz properties and `npm run soak`.
 */
export function amplificationQuery (levels = 7, aliases = 6): string {
  const name = (level: number) => String.fromCharCode(64 + level)
  const fragments: string[] = []
  for (let level = 1; level <= levels; level++) {
    const inner = level === levels
      ? 'id name'
      : Array.from({ length: aliases }, (_, i) => `${String.fromCharCode(97 + i)}:onetimeProducts{store{...${name(level + 1)}}}`).join('')
    fragments.push(`fragment ${name(level)} on Store{${inner}}`)
  }
  return `query Amplify{stores{...${name(1)}}}\n${fragments.join('\n')}`
}
