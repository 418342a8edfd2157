/** docs/github-actions.md: its workflows are valid YAML and wait on the health route the mock serves. */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import { expect, it } from 'vitest'
import { ROOT } from '../support/process.js'

const text = readFileSync(join(ROOT, 'docs', 'github-actions.md'), 'utf8')
const workflows = [...text.matchAll(/```yaml\n([\s\S]*?)```/g)].map(([, body]) => parse(body!))

it('has the npx job and the service-container job, each waiting for /__admin/health before the tests', () => {
  expect(workflows).toHaveLength(2)
  const [npx, service] = workflows.map((workflow) => workflow.jobs.integration)
  const start = npx.steps.find((step: { name?: string }) => step.name === 'Start the mock').run as string
  expect(start).toMatch(/^npx toco-waffo-mock --port 8080 --fixtures \S+ > mock\.log 2>&1 &$/m)
  expect(start).toContain('curl -fs http://127.0.0.1:8080/__admin/health')
  expect(npx.steps.map((step: { run?: string }) => step.run)).toContain('npm test')
  expect(service.services['toco-waffo-mock'].ports).toEqual(['8080:8080'])
  expect(service.services['toco-waffo-mock'].options).toContain("fetch('http://127.0.0.1:8080/__admin/health')")
  expect(service.services['toco-waffo-mock'].options).toMatch(/^--init --health-cmd /)
})
