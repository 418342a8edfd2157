import { STATUS_CODES, type ServerResponse } from 'node:http'
import type { Socket } from 'node:net'

/**
 * Node's `clientError` (bytes that are not HTTP) with one difference from Fastify's default:
 * when the malformed bytes follow a complete request on the same connection (pipelining), that
 * request's answer is sent — and journaled — before the 400, instead of the socket being
 * destroyed under it. Before, the request committed while its client saw only the 400.
 */
export function answerClientError (error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return
  const status = error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : error.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400
  const message = status === 408 ? 'Client Timeout' : status === 431 ? 'Exceeded maximum allowed HTTP header size' : 'Client Error'
  const body = JSON.stringify({ error: STATUS_CODES[status], message, statusCode: status })
  const answer = () => {
    if (socket.destroyed) return
    if (socket.writable) {
      socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n${body}`)
    } else {
      socket.destroy()
    }
  }
  // The answer Node is writing on this socket for the request that parsed before the garbage.
  const inFlight = (socket as Socket & { _httpMessage?: ServerResponse | null })._httpMessage
  if (inFlight && !inFlight.writableFinished) {
    inFlight.once('finish', answer)
    inFlight.once('close', answer)
    return
  }
  answer()
}
