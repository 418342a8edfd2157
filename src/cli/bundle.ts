/**
 * The built program is one CommonJS file (dist/program.cjs) run with a V8 code cache the build
 * made for it: V8 then deserializes what start-up runs instead of parsing and compiling 3 MB of
 * JavaScript (≈ 40 ms of a 210 ms cold start, docs/benchmarks.md). Node 20 caches no ES module's
 * code (`module.enableCompileCache()` arrived in Node 22.1), hence CommonJS through `vm.Script`.
 * V8 takes a cache only from its own version and under the V8 flags it was made with, so there is
 * one per command line (`npm start`'s and the bin's plain `node`: the build writes both); any other
 * finds none, or one V8 refuses, and compiles as usual: the same program, slower to start.
 */
import { createHash } from 'node:crypto'
import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname } from 'node:path'
import { constants, Script } from 'node:vm'
import type { CliIo } from './args.js'

/** The code cache beside the program for this process's command-line flags (`<file>.<digest of the flags>.v8-cache`). */
export function codeCacheFile (file: string, execArgv: readonly string[] = process.execArgv): string {
  return `${file}.${createHash('sha256').update(JSON.stringify(execArgv)).digest('hex').slice(0, 12)}.v8-cache`
}

/** What writing the cache needs of the program: its command line. */
interface CommandLine { main (argv: string[], io?: CliIo): Promise<number> }

export interface LoadedProgram<T> {
  program: T
  script: Script
  /** Whether V8 refused the cache for these flags; undefined when there was none. */
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
    cachedData = readFileSync(codeCacheFile(file))
  } catch {
    // None for these flags: compile.
  }
  const source = `(function (exports, require, module, __filename, __dirname) {${readFileSync(file, 'utf8')}\n})`
  const script = new Script(source, { filename: file, cachedData, importModuleDynamically: constants.USE_MAIN_CONTEXT_DEFAULT_LOADER })
  const module = { exports: {} as T }
  ;(script.runInThisContext() as (...args: unknown[]) => void)(module.exports, createRequire(file), module, file, dirname(file))
  return { program: module.exports, script, cacheRejected: cachedData === undefined ? undefined : script.cachedDataRejected }
}

/**
 * Writes the code cache of the bundled program for this process's flags: compiles it afresh, starts
 * the mock as the entry does (demo fixtures, a free port on 127.0.0.1), has it answer its health
 * route, and saves what V8 compiled by then. Run under the command line the cache is meant for, with
 * the heap flags the entry would set already set; the server is left running (the caller exits).
 */
export async function writeCodeCache (file: string): Promise<void> {
  rmSync(codeCacheFile(file), { force: true })
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
  writeFileSync(codeCacheFile(file), script.createCachedData())
}
