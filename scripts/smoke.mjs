/**
 * `npm run smoke`: starts the mock as users do (`npx toco-waffo-mock`, the package's bin, on a
 * free port), runs examples/smoke.mjs against it — the script docker-compose.yml's consumer
 * runs — and stops the mock. Exits with the smoke script's code.
 */
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
// Its own process group: npx runs the server as a grandchild, and both must stop at the end.
const mock = spawn('npx', ['--no-install', 'toco-waffo-mock', '--port', '0'], { cwd: root, detached: true, stdio: ['ignore', 'pipe', 'inherit'] })
const stopMock = () => { try { process.kill(-mock.pid, 'SIGTERM') } catch {} }

const url = await new Promise((resolve, reject) => {
  let banner = ''
  mock.stdout.on('data', (chunk) => {
    banner += chunk
    const match = banner.match(/listening on (http:\/\/\S+)/)
    if (match) resolve(match[1])
  })
  mock.on('exit', (code) => reject(new Error(`toco-waffo-mock exited ${code} before listening`)))
  setTimeout(() => reject(new Error('toco-waffo-mock did not listen within 30 s')), 30_000).unref()
}).catch((error) => { stopMock(); console.error(`smoke: ${error.message}`); process.exit(1) })

const smoke = spawn(process.execPath, [fileURLToPath(new URL('../examples/smoke.mjs', import.meta.url))], {
  cwd: root, env: { ...process.env, MOCK_URL: url }, stdio: 'inherit'
})
smoke.on('exit', (code) => {
  stopMock()
  process.exitCode = code ?? 1
})
