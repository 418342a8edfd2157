/** Every dependency the package declares has its reason in README's "Dependencies and why" table. */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { ROOT } from '../support/process.js'

it('names every dependency, dev and optional ones included, in the dependencies table', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8')
  // The section up to the next heading.
  const table = readme.split(/^### Dependencies and why$/m)[1]!.split(/^#/m)[0]!
  const named = new Set([...table.matchAll(/`([^`\s]+)`/g)].map(([, name]) => name))
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Record<string, Record<string, string> | undefined>
  const declared = ['dependencies', 'devDependencies', 'optionalDependencies'].flatMap((kind) => Object.keys(pkg[kind] ?? {}))
  expect(declared.length).toBeGreaterThan(10)
  expect(declared.filter((name) => !named.has(name))).toEqual([])
})
