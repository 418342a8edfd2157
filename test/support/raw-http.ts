import { connect } from 'node:net'

/** Writes the bytes in one go over a raw TCP socket and reads until the server closes the connection. */
export function exchange (url: string, bytes: string): Promise<string> {
  const { hostname, port } = new URL(url)
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write(bytes, 'latin1'))
    let received = ''
    socket.setEncoding('utf8')
    socket.on('data', (chunk: string) => { received += chunk })
    socket.on('close', () => resolve(received))
    socket.on('error', reject)
    socket.setTimeout(10_000, () => { socket.destroy(); reject(new Error(`timeout; got ${JSON.stringify(received)}`)) })
  })
}

/** One raw answer split into its status line, headers (lowercase names) and body. */
export function parseAnswer (raw: string) {
  const end = raw.indexOf('\r\n\r\n')
  const [statusLine, ...lines] = raw.slice(0, end).split('\r\n')
  const headers = Object.fromEntries(lines.map((line) => {
    const colon = line.indexOf(':')
    return [line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim()]
  }))
  return { statusLine, headers, body: raw.slice(end + 4) }
}
