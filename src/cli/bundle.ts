/**
 * The built program is one CommonJS file (dist/program.cjs) run with the V8 code cache the build
 * made for it (dist/program.cjs.v8-cache): V8 then deserializes what start-up runs instead of
 * parsing and compiling 3 MB of JavaScript (≈ 40 ms of a 210 ms cold start, docs/benchmarks.md).
 * Node 20 caches no ES module's code (`module.enableCompileCache()` arrived in Node 22.1), hence
 * CommonJS through `vm.Script`. V8 refuses a cache made by another V8 or under other V8 flags
 * (the build makes it under `npm start`'s): the program then compiles as usual, only slower to start.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname } from 'node:path'
import { constants, Script } from 'node:vm'
import type { CliIo } from './args.js'

export const CODE_CACHE_SUFFIX = '.v8-cache'

/** What writing the cache needs of the program: its command line. */
interface CommandLine { main (argv: string[], io?: CliIo): Promise<number> }

export interface LoadedProgram<T> {
  program: T
  script: Script
  /** Whether V8 refused the cache beside the file; undefined when there was none. */
  cacheRejected: boolean | undefined
}

/**
 * The bundled program, as the entry runs it: through its code cache, or through Node's own loader
 * when stack traces are to be source-mapped (`node --enable-source-maps`: Node maps only what its
 * loader compiled, never a vm.Script).
 */
export function runProgram<T> (file: string): T {
  return process.sourceMapsEnabled ? createRequire(file)(file) as T : loadProgram<T>(file).program
}

/** Compiles (with the cache beside it, if any) and runs the bundled program, as Node runs a CommonJS module. */
export function loadProgram<T> (file: string): LoadedProgram<T> {
  let cachedData: Buffer | undefined
  try {
    cachedData = readFileSync(file + CODE_CACHE_SUFFIX)
  } catch {
    // No cache (a build that made none): compile.
  }
  const source = `(function (exports, require, module, __filename, __dirname) {${readFileSync(file, 'utf8')}\n})`
  const script = new Script(source, { filename: file, cachedData, importModuleDynamically: constants.USE_MAIN_CONTEXT_DEFAULT_LOADER })
  const module = { exports: {} as T }
  ;(script.runInThisContext() as (...args: unknown[]) => void)(module.exports, createRequire(file), module, file, dirname(file))
  return { program: module.exports, script, cacheRejected: cachedData === undefined ? undefined : script.cachedDataRejected }
}

/**
 * Writes the code cache of the bundled program: compiles it afresh, starts the mock as `npm start`
 * does (demo fixtures, a free port on 127.0.0.1), has it answer its health route, and saves what V8
 * compiled by then. Run under the V8 flags the cache is meant for; the server is left running (the
 * caller exits).
 */
export async function writeCodeCache (file: string): Promise<void> {
  rmSync(file + CODE_CACHE_SUFFIX, { force: true })
  const { program, script } = loadProgram<CommandLine>(file)
  let url: string | undefined
  const lines: string[] = []
  const code = await program.main([], {
    env: { HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'warn' },
    out: (text: string) => { url ??= /listening on (http:\/\/\S+)/.exec(text)?.[1] },
    err: (text: string) => { lines.push(text) }
  })
  if (code !== 0 || url === undefined) throw new Error(`the bundled program did not start (exit code ${code}): ${lines.join('\n')}`)
  const health = await fetch(`${url}/__admin/health`)
  if (health.status !== 200) throw new Error(`the bundled program answered its health route ${health.status}`)
  writeFileSync(file + CODE_CACHE_SUFFIX, script.createCachedData())
}
