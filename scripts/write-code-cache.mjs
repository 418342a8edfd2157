/**
 * `node <npm start's flags> scripts/write-code-cache.mjs dist/program.cjs`: writes the program's V8
 * code cache (src/cli/bundle.ts) under the flags it is meant for, then exits (the started mock with it).
 */
import { writeCodeCache } from '../dist/cli/bundle.js'

await writeCodeCache(process.argv[2])
process.exit(0)
