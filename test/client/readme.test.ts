/** The README's consumer suite is the file we run, line for line. */
import { readFileSync } from 'node:fs'
import { expect, it } from 'vitest'

it('README.md shows test/client/consumer-suite.test.ts as it is', () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8')
  const suite = readFileSync(new URL('./consumer-suite.test.ts', import.meta.url), 'utf8')
  const body = suite.slice(suite.indexOf('\n') + 1).trimEnd()
  expect(readme).toContain('```ts\n' + body + '\n```')
})
