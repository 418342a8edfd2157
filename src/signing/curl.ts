const quote = (value: string) => `'${value.replaceAll("'", "'\\''")}'`

/** A ready-to-run curl line: one header a line, the body single-quoted for a POSIX shell. */
export function curlLine (method: string, url: string, headers: Record<string, string>, body: string | undefined): string {
  const lines = [`curl -X ${method} "${url}"`, ...Object.entries(headers).map(([name, value]) => `-H "${name}: ${value}"`)]
  if (body !== undefined) lines.push(`--data ${quote(body)}`)
  return lines.join(' \\\n  ')
}

export interface CurlRequest { method: string, url: string, headers: Record<string, string>, body?: string }

/** The inverse of curlLine: the request one of its lines sends. */
export function parseCurlLine (text: string): CurlRequest {
  const line = text.replace(/ \\\n\s*/g, ' ')
  const [, method, url] = line.match(/^curl -X (\S+) "([^"]*)"/) ?? []
  if (!method || url === undefined) throw new Error(`Not a curl line of curlLine: ${text.slice(0, 60)}`)
  const dataAt = line.indexOf(" --data '")
  const head = dataAt === -1 ? line : line.slice(0, dataAt)
  const headers = Object.fromEntries([...head.matchAll(/ -H "([^:"]+): ([^"]*)"/g)].map(([, name, value]) => [name!, value!]))
  const body = dataAt === -1 ? undefined : line.slice(dataAt + " --data '".length, -1).replaceAll("'\\''", "'")
  return { method, url, headers, ...(body === undefined ? {} : { body }) }
}
