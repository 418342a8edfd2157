/**
 * `toco-waffo-mock sign toco POST /partner/stores/<id>/unbind` prints the signed headers, one
 * `Name: value` a line, for a client of your own; `--json` prints the whole request as JSON
 * ({ method, url, headers, body }). The same request `curl` would print, from the same code.
 */
import { parseCurlLine } from '../signing/curl.js'
import { reportMistake, type Command } from './args.js'
import { signedCurlLine } from './curl.js'

export function sign (command: Command): number {
  try {
    const signed = signedCurlLine('sign', 'Prints the signed headers of one request (valid for TIMESTAMP_WINDOW_SECONDS), one "Name: value" a line.', command, {
      options: { json: { type: 'boolean' } },
      usage: '[--json]',
      help: ['  --json       print the whole request as JSON: { method, url, headers, body }']
    })
    if (!signed) return 0
    const request = parseCurlLine(signed.line)
    command.out(signed.values.json
      ? JSON.stringify(request, null, 2)
      : Object.entries(request.headers).map(([name, value]) => `${name}: ${value}`).join('\n'))
    return 0
  } catch (error) {
    return reportMistake(error, command.err)
  }
}
