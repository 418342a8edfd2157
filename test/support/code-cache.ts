/**
 * `node <flags> --import tsx test/support/code-cache.ts write|probe|throw <program.cjs>`, with the
 * heap flags set as the entry sets them: writes the program's code cache for these flags as the
 * build does; loads the program (without starting it) and prints whether V8 took the cache for these
 * flags; or runs it as the entry does and prints the stack of what its main throws.
 */
import { loadProgram, runProgram, writeCodeCache } from '../../src/cli/bundle.js'
import { setMissingHeapFlags } from '../../src/cli/heap-flags.js'

const [command, file] = process.argv.slice(2)
await setMissingHeapFlags()
if (command === 'write') {
  await writeCodeCache(file!)
  process.exit(0)
}
if (command === 'throw') {
  // tsx turns source maps on for itself: as plain node would have them, from the command line.
  process.setSourceMapsEnabled(process.execArgv.includes('--enable-source-maps'))
  try {
    await runProgram<{ main: (argv: string[]) => Promise<number> }>(file!).main([])
  } catch (error) {
    process.stdout.write(`${(error as Error).stack}\n`)
  }
  process.exit(0)
}
const { program, cacheRejected } = loadProgram<{ main: unknown }>(file!)
process.stdout.write(JSON.stringify({ cacheRejected, main: typeof program.main }) + '\n')
