#!/usr/bin/env node
// The package's bin (`toco-waffo-mock`), `npm start` and the Docker CMD: one entry, bundled to dist/server.js.
import { setFlagsFromString } from 'node:v8'
import { main } from './cli/main.js'
import { tuneHeap } from './cli/heap-flags.js'

tuneHeap(process.execArgv, setFlagsFromString)

process.exitCode = await main(process.argv.slice(2))
