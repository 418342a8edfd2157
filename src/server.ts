#!/usr/bin/env node
// The package's bin (`toco-waffo-mock`), `npm start` and the Docker CMD: one entry, bundled to dist/server.js.
import { setFlagsFromString } from 'node:v8'
import { main } from './cli/main.js'

// A mock's live heap is small and its garbage short-lived: growing the old generation 20 % per
// full GC (instead of V8's up to 4×) keeps RSS after load near its idle size (docs/benchmarks.md).
// Set here rather than on the command line so the bin gets it too; an explicit flag wins.
if (!process.execArgv.some((flag) => flag.startsWith('--heap-growing-percent'))) setFlagsFromString('--heap-growing-percent=20')

process.exitCode = await main(process.argv.slice(2))
