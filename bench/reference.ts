import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
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
  withoutDeclarations(dir)
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

/**
 * Turns off the reference's declaration output: nothing reads a reference's .d.ts, and tsc cannot
 * name a type from a dependency of a checkout that lies inside node_modules (TS2742), which failed
 * the build of every commit whose exports infer TypeBox types (f79db88).
 */
function withoutDeclarations (dir: string): void {
  const file = join(dir, 'tsconfig.json')
  if (!existsSync(file)) return
  const config = JSON.parse(readFileSync(file, 'utf8')) as { compilerOptions?: Record<string, unknown> }
  config.compilerOptions = { ...config.compilerOptions, declaration: false, declarationMap: false }
  writeFileSync(file, JSON.stringify(config, null, 2))
}
