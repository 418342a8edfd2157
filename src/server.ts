#!/usr/bin/env node
// The package's bin (`toco-waffo-mock`), `npm start` and the Docker CMD: one entry, bundled to dist/server.js.
import { main } from './cli/main.js'
import { heapFlagsToSet } from './cli/heap-flags.js'

const unset = heapFlagsToSet(process.execArgv)
// node:v8 takes ~6 ms of the cold start to load: only plain `node` (the bin) needs it.
if (unset.length > 0) {
  const { setFlagsFromString } = await import('node:v8')
  for (const flag of unset) setFlagsFromString(flag)
}

process.exitCode = await main(process.argv.slice(2))
