/**
 * `toco-waffo-mock [serve|curl|sign] …`: the package's one command line (bin, npm start and the
 * Docker CMD all run it). Returns the exit code; nothing here exits the process.
 */
import { UsageError } from '../core/api.js'
import { reportMistake, type CliIo, type Command } from './args.js'
import { curl } from './curl.js'
import { serve } from './serve.js'
import { sign } from './sign.js'

const COMMANDS = new Map<string, (command: Command) => number | Promise<number>>([
  ['serve', serve],
  ['curl', curl],
  ['sign', sign],
  ['help', (command) => serve({ ...command, argv: ['--help'] })]
])

export async function main (argv: string[], { env = process.env, out = console.log, err = console.error }: CliIo = {}): Promise<number> {
  const [first] = argv
  // No command, or an option first: serve (`toco-waffo-mock --port 0`).
  const named = first !== undefined && !first.startsWith('-')
  const run = named ? COMMANDS.get(first) : serve
  if (!run) {
    return reportMistake(new UsageError(`toco-waffo-mock: unknown command ${first}\nusage: toco-waffo-mock [serve|curl|sign|help] … (toco-waffo-mock --help for more)`), err)
  }
  return run({ argv: named ? argv.slice(1) : argv, env, out, err })
}

export type { CliIo } from './args.js'
