/** docs/github-actions.md: its workflows are valid YAML and wait on the health route the mock serves, with a deadline. */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse } from 'yaml'
import { describe, expect, it } from 'vitest'
import { DEFAULT_FIXTURES } from '../../src/config.js'
import { bundledServer } from '../support/bundle.js'
import { freePort, ROOT } from '../support/process.js'

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

/**
 * The wait recipes (the Actions doc's "Start the mock" step and the README's CI block), run as
 * written with only the command, port and fixture swapped: a mock that exits stops the wait at
 * once, with its log; a healthy one ends it. Neither can wait past its deadline.
 */
describe('the wait recipes', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8')
  const readmeBlock = readme.slice(readme.indexOf('## Use it in CI')).match(/```sh\n([\s\S]*?)```/)![1]!
  const recipes = {
    'docs/github-actions.md': workflows[0].jobs.integration.steps.find((step: { name?: string }) => step.name === 'Start the mock').run as string,
    'README.md': readmeBlock.split('\n').filter((line) => !line.startsWith('MOCK_URL=')).join('\n')
  }

  for (const [where, recipe] of Object.entries(recipes)) {
    it(`${where}: stops within seconds when the mock exits, and shows why`, async () => {
      expect(recipe).toContain('timeout 60 bash -c')
      expect(recipe).toContain('kill -0 $MOCK_PID')
      const { file } = await bundledServer()
      const port = String(await freePort())
      const script = recipe
        .replaceAll('npx toco-waffo-mock', `node ${file}`)
        .replaceAll('8080', port)
      const missing = script.includes('--fixtures ')
        ? script.replace(/--fixtures \S+/, '--fixtures /nonexistent/shop.json')
        : script.replace(/--port \d+/, '$& --fixtures /nonexistent/shop.json')
      const dir = mkdtempSync(join(tmpdir(), 'wait-recipe-'))
      const started = Date.now()
      const result = spawnSync('bash', ['-c', missing], { cwd: dir, encoding: 'utf8', timeout: 70_000 })
      const seconds = (Date.now() - started) / 1000
      expect(result.status).toBe(1)
      expect(seconds).toBeLessThan(10)
      expect(result.stdout).toContain('/nonexistent/shop.json')
    }, 80_000)

    it(`${where}: ends as soon as the mock is healthy`, async () => {
      const { file } = await bundledServer()
      const port = String(await freePort())
      const script = recipe.replaceAll('npx toco-waffo-mock', `node ${file}`).replaceAll('8080', port)
        .replace(/--fixtures \S+/, `--fixtures ${DEFAULT_FIXTURES}`) + '\necho "mock pid $MOCK_PID"\n'
      const dir = mkdtempSync(join(tmpdir(), 'wait-recipe-'))
      const result = spawnSync('bash', ['-c', script], { cwd: dir, encoding: 'utf8', timeout: 70_000 })
      const pid = Number(result.stdout.match(/mock pid (\d+)/)?.[1])
      try {
        expect(result.status).toBe(0)
        expect(await (await fetch(`http://127.0.0.1:${port}/__admin/health`)).json()).toEqual({ status: 'ok' })
      } finally {
        if (pid) process.kill(pid, 'SIGTERM')
      }
    }, 80_000)
  }
})
