/** The README's consumer suite is the file we run, line for line, and it names every MockAdmin method. */
import { readFileSync } from 'node:fs'
import { expect, it } from 'vitest'
import { MockAdmin } from 'toco-waffo-mock/client'

it('README.md shows test/client/consumer-suite.test.ts as it is', () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8')
  const suite = readFileSync(new URL('./consumer-suite.test.ts', import.meta.url), 'utf8')
  const body = suite.slice(suite.indexOf('\n') + 1).trimEnd()
  expect(readme).toContain('```ts\n' + body + '\n```')
})

it('README.md names every MockAdmin method, grouped ones included', () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8')
  const section = readme.slice(readme.indexOf('## Use it from JavaScript'), readme.indexOf('```ts', readme.indexOf('## Use it from JavaScript')))
  const admin = new MockAdmin('http://127.0.0.1:1')
  const methods = Object.getOwnPropertyNames(MockAdmin.prototype).filter((name) => name !== 'constructor' && name !== 'call')
  const groups = Object.entries(admin).filter(([, value]) => typeof value === 'object' && value !== null)
    .flatMap(([group, members]) => Object.keys(members as object).map((member) => `${group}.${member}`))
  expect(groups).toContain('webhooks.redeliver')
  const missing = [...methods, ...groups].filter((name) => {
    const [group, member] = name.includes('.') ? name.split('.') : [undefined, name]
    const word = new RegExp(`[\`./]${member}[\`(/ ]`)
    return !word.test(section) || (group !== undefined && !section.includes(`${group}.`))
  })
  expect(missing).toEqual([])
})
