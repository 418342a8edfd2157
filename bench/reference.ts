import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, rmSync, symlinkSync } from 'node:fs'
import { join } from 'node:path'
import { ROOT } from './servers.js'

/**
 * A fixed reference commit, built beside HEAD so every figure can say HEAD/reference from the same
 * run: small steps measured only against the commit before hid a doubling in the second wave.
 * Extracted with `git archive` into node_modules/.cache (ignored by git, lint and npm pack) and
 * built once with HEAD's node_modules; if that build fails, with its own lockfile (`npm ci`).
 * Returns the built checkout's directory.
 */
export function prepareReference (commit: string, log: (message: string) => void): string {
  const git = (...args: string[]) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim()
  const sha = git('rev-parse', '--short', `${commit}^{commit}`)
  const dir = join(ROOT, 'node_modules', '.cache', 'toco-waffo-bench', `ref-${sha}`)
  if (existsSync(join(dir, 'dist', 'server.js'))) return dir
  log(`building the reference ${sha} in ${dir}`)
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  execFileSync('sh', ['-c', `git archive ${sha} | tar -x -C "${dir}"`], { cwd: ROOT, stdio: 'inherit' })
  const npm = (...args: string[]) => execFileSync('npm', args, { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] })
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'))
  try {
    npm('run', 'build')
  } catch {
    log(`the reference does not build with HEAD's dependencies: npm ci in ${dir}`)
    rmSync(join(dir, 'node_modules'))
    npm('ci', '--ignore-scripts', '--no-audit', '--no-fund')
    npm('rebuild', 'better-sqlite3')
    npm('run', 'build')
  }
  return dir
}
