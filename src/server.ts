#!/usr/bin/env node
// The package's bin (`toco-waffo-mock`), `npm start` and the Docker CMD: one small entry (dist/server.js)
// that runs the program bundled beside it (src/cli/bundle.ts), or the sources when there is none (npm run dev).
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { runProgram } from './cli/bundle.js'
import { setMissingHeapFlags } from './cli/heap-flags.js'

await setMissingHeapFlags()

type Program = typeof import('./program.js')
const bundled = fileURLToPath(new URL('program.cjs', import.meta.url))
// Not a literal specifier: the build must not inline the sources into this entry.
const sources = './program.js'
const { main } = existsSync(bundled) ? runProgram<Program>(bundled) : await import(sources) as Program
process.exitCode = await main(process.argv.slice(2))
