/** The start banner's hint for signing a fresh request names where this server listens when the CLI's default would miss it. */
import { expect, it } from 'vitest'
import { banner } from '../../src/banner.js'
import { readFixtures, testConfig } from '../../src/apis/index.js'
import { DEFAULT_FIXTURES } from '../../src/config.js'

const seeding = { database: 'seeded', fixturesDiffer: false } as const

it('adds --base <url> to the curl hint on another port than 8080, and only then', () => {
  const fixtures = readFixtures([DEFAULT_FIXTURES])
  const other = banner(testConfig({ port: 4561 }), fixtures, 'http://127.0.0.1:4561', seeding)
  expect(other).toContain('`npx toco-waffo-mock curl toco|waffo METHOD PATH [BODY] --base http://127.0.0.1:4561` signs a fresh one')
  const usual = banner(testConfig({ port: 8080 }), fixtures, 'http://127.0.0.1:8080', seeding)
  expect(usual).toContain('`npx toco-waffo-mock curl toco|waffo METHOD PATH [BODY]` signs a fresh one')
})
