const quote = (value: string) => `'${value.replaceAll("'", "'\\''")}'`

/** A ready-to-run curl line: one header a line, the body single-quoted for a POSIX shell. */
export function curlLine (method: string, url: string, headers: Record<string, string>, body: string | undefined): string {
  const lines = [`curl -X ${method} "${url}"`, ...Object.entries(headers).map(([name, value]) => `-H "${name}: ${value}"`)]
  if (body !== undefined) lines.push(`--data ${quote(body)}`)
  return lines.join(' \\\n  ')
}
