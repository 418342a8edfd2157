/**
 * scripts/image-check.ts on small Dockerfiles: it passes a complete image and fails, naming the
 * step, when a needed file is not copied, a COPY names an ignored file, a RUN fails, or CMD is not
 * `npm start`. (`npm run image:check` on the real Dockerfile runs in .ci/run: it takes ~2 min.)
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { checkImage } from '../../scripts/image-check.js'

const context = mkdtempSync(join(tmpdir(), 'image-check-test-'))
afterAll(() => rmSync(context, { recursive: true, force: true }))
writeFileSync(join(context, 'package.json'), JSON.stringify({ name: 'tiny', type: 'module', scripts: { start: 'node server.mjs', build: 'node -e "process.exit(3)"' } }))
writeFileSync(join(context, 'lib.mjs'), "export const answer = JSON.stringify({ status: 'ok' })\n")
writeFileSync(join(context, 'server.mjs'), [
  "import { createServer } from 'node:http'",
  "import { answer } from './lib.mjs'",
  'const server = createServer((request, response) => response.writeHead(request.url === \'/__admin/health\' ? 200 : 404).end(answer)).listen(Number(process.env.PORT))',
  "process.on('SIGTERM', () => server.close(() => process.exit(0)))"
].join('\n'))
writeFileSync(join(context, 'secret.env'), 'TOKEN=x\n')
writeFileSync(join(context, '.dockerignore'), 'secret.env\n')

const HEALTHCHECK = 'HEALTHCHECK --interval=5s CMD ["node", "-e", "fetch(\'http://127.0.0.1:\' + process.env.PORT + \'/__admin/health\').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]'
// The replay runs on this machine's Node, so the tiny images name its major (the suite runs on two).
const dockerfile = (copy: string, extra = '', cmd = '["node", "server.mjs"]') => [
  `FROM node:${process.versions.node.split('.')[0]}-slim`, 'ENV PORT=8080 NODE_ENV=production', 'WORKDIR /app', copy, extra, 'USER node', HEALTHCHECK, `CMD ${cmd}`
].join('\n')

async function check (text: string) {
  const file = join(context, 'Dockerfile')
  writeFileSync(file, text)
  const log: string[] = []
  try {
    await checkImage({ context, file, log: (line) => log.push(line) })
    return { passed: true, log: log.join('\n'), error: '' }
  } catch (error) {
    return { passed: false, log: log.join('\n'), error: (error as Error).message }
  }
}

describe('image:check', () => {
  it('passes an image whose COPY lines bring everything: healthy, then SIGTERM exits 0', async () => {
    const result = await check(dockerfile('COPY package.json server.mjs lib.mjs ./'))
    expect(result.error).toBe('')
    expect(result.log).toContain('✓ line 4: COPY package.json server.mjs lib.mjs ./ (3 files)')
    expect(result.log).toMatch(/✓ CMD node server\.mjs \(ENV PORT, NODE_ENV; PORT \d+\): HEALTHCHECK passed/)
    expect(result.log).toContain('✓ SIGTERM: exit 0')
  })

  it('fails when a file the server needs is missing from the COPY', async () => {
    const result = await check(dockerfile('COPY package.json server.mjs ./'))
    expect(result.passed).toBe(false)
    expect(result.error).toMatch(/^CMD node server\.mjs exited 1 before healthy:[\s\S]*Cannot find module '.*\/app\/lib\.mjs'/)
  })

  it('fails when a COPY names a file .dockerignore keeps out of the context', async () => {
    const result = await check(dockerfile('COPY package.json server.mjs lib.mjs secret.env ./'))
    expect(result.error).toBe('COPY secret.env: not found in the build context (or excluded by .dockerignore)')
  })

  it('fails at a RUN step that fails, and at a RUN it cannot replay', async () => {
    const failing = await check(dockerfile('COPY package.json server.mjs lib.mjs ./', 'RUN npm run build'))
    expect(failing.error).toMatch(/^line 5: RUN npm run build: exit 3\n/)
    const unknown = await check(dockerfile('COPY package.json server.mjs lib.mjs ./', 'RUN curl -o x https://example.com/x'))
    expect(unknown.error).toBe('line 5: RUN curl -o x https://example.com/x: image:check replays npm steps and lists system ones; this is neither')
  })

  it('fails when CMD is not npm start\'s command', async () => {
    const result = await check(dockerfile('COPY package.json server.mjs lib.mjs ./', '', '["node", "--inspect", "server.mjs"]'))
    expect(result.error).toBe('CMD ["node","--inspect","server.mjs"] is not npm start (node server.mjs)')
  })
})
