/**
 * `node [flags] scripts/write-code-cache.mjs dist/program.cjs`: writes the program's V8 code cache
 * (src/cli/bundle.ts) for this command line's flags, with the heap flags set as the entry sets them,
 * then exits (the started mock with it).
 */
import { writeCodeCache } from '../dist/cli/bundle.js'
import { setMissingHeapFlags } from '../dist/cli/heap-flags.js'

await setMissingHeapFlags()
await writeCodeCache(process.argv[2])
process.exit(0)
