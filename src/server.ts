#!/usr/bin/env node
// The package's bin (`toco-waffo-mock`), `npm start` and the Docker CMD: one entry, bundled to dist/server.js.
import { main } from './cli/main.js'

process.exitCode = await main(process.argv.slice(2))
