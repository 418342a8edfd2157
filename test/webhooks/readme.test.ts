/** The README's webhook example is the file we run, line for line. */
import { readFileSync } from 'node:fs'
import { expect, it } from 'vitest'

it('README.md shows test/webhooks/readme-example.test.ts as it is', () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8')
  const example = readFileSync(new URL('./readme-example.test.ts', import.meta.url), 'utf8')
  expect(readme).toContain('```ts\n' + example.slice(example.indexOf('\n') + 1).trimEnd() + '\n```')
})
