import { execFileSync, spawn } from 'node:child_process'
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { call, freePort, ROOT, stopChild, track, type Server } from './servers.js'

/** The WireMock issue 21 compares with; its standalone jar is published on npm. */
export const WIREMOCK_VERSION = '3.13.2'
/** The JVM compiles as it runs: WireMock's first seconds are far slower than its steady state, which is what we compare with. */
export const WIREMOCK_WARMUP_SECONDS = 10

export interface Stub { method: string, url: string, status: number, contentType: string, body: string }

/**
 * A quiet WireMock (request journal and request logging off) answering one route with fixed
 * bytes: the contender issue 21 measures throughput against. Needs `java` on the PATH; the jar
 * comes from npm (`npm pack wiremock`) into node_modules/.cache once. Undefined, with the reason
 * logged, when either is missing: the rest of the bench runs without it.
 */
export async function startWireMock (stub: Stub, dir: string, log: (message: string) => void): Promise<Server | undefined> {
  try {
    execFileSync('java', ['-version'], { stdio: 'ignore' })
  } catch {
    log('no java on the PATH: WireMock skipped')
    return undefined
  }
  const cache = join(ROOT, 'node_modules', '.cache', 'toco-waffo-bench', `wiremock-${WIREMOCK_VERSION}`)
  const jar = join(cache, 'package', 'build', `wiremock-standalone-${WIREMOCK_VERSION}.jar`)
  if (!existsSync(jar)) {
    log(`fetching WireMock ${WIREMOCK_VERSION} (npm pack wiremock) into ${cache}`)
    try {
      mkdirSync(cache, { recursive: true })
      execFileSync('npm', ['pack', `wiremock@${WIREMOCK_VERSION}`, '--pack-destination', cache], { cwd: cache, stdio: 'ignore' })
      execFileSync('tar', ['xzf', `wiremock-${WIREMOCK_VERSION}.tgz`], { cwd: cache })
    } catch (error) {
      log(`WireMock skipped: ${(error as Error).message}`)
      return undefined
    }
  }
  mkdirSync(join(dir, 'mappings'), { recursive: true })
  writeFileSync(join(dir, 'mappings', 'stub.json'), JSON.stringify({
    request: { method: stub.method, urlPath: stub.url },
    response: { status: stub.status, headers: { 'Content-Type': stub.contentType }, body: stub.body }
  }))
  const port = await freePort()
  const child = track(spawn('java', ['-jar', jar, '--port', String(port), '--bind-address', '127.0.0.1', '--root-dir', dir, '--no-request-journal', '--disable-request-logging', '--disable-banner'], { stdio: 'ignore' }))
  const url = `http://127.0.0.1:${port}`
  const deadline = Date.now() + 60_000
  while ((await call(`${url}/__admin/health`).then((answer) => answer.status, () => 0)) !== 200) {
    if (child.exitCode !== null || Date.now() > deadline) {
      log('WireMock did not start: skipped')
      await stopChild(child)
      return undefined
    }
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  return { kind: 'wiremock', url, child, stop: () => stopChild(child) }
}
