/**
 * package-lock.json as `npm install` would write it for package.json: its root entry declares the
 * same dependencies, so a fresh clone's `npm install` leaves it unchanged (.ci/run checks the
 * install itself). A stale entry (pino-pretty listed as a plain dependency) once made it rewrite.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { ROOT } from '../support/process.js'

const read = (file: string) => JSON.parse(readFileSync(join(ROOT, file), 'utf8'))

it('the lockfile\'s root entry is package.json\'s dependencies, engines and bin', () => {
  const pkg = read('package.json')
  const root = read('package-lock.json').packages['']
  const pick = (entry: Record<string, unknown>) => Object.fromEntries(
    ['name', 'version', 'license', 'engines', 'bin', 'dependencies', 'devDependencies', 'optionalDependencies'].map((key) => [key, entry[key]]))
  expect(pick(root)).toEqual(pick(pkg))
  expect(pkg.private).toBeUndefined()
})
