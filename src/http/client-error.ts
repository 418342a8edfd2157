import { maxHeaderSize, STATUS_CODES, type ServerResponse } from 'node:http'
import type { Socket } from 'node:net'

/** Bytes Node could not parse as HTTP, as whoever answers them needs to know it. */
export interface ParseFailure {
  status: 400 | 408 | 431
  /** Node's code: the parser's (`HPE_INVALID_METHOD`…) or `ERR_HTTP_REQUEST_TIMEOUT`. */
  code: string
  message: string
  /** The request line's path, when the bytes Node kept begin with one; it says which API was meant. */
  path: string | undefined
}

/** The answer to a parse failure: the owning API's envelope, or the control plane's. */
export type ParseFailureAnswer = (failure: ParseFailure) => { status: number, body: unknown }

/** Node's error: `rawPacket` is the chunk being parsed (a Buffer, though Fastify's types say otherwise), when there is one. */
type ParseError = Error & { code?: string, rawPacket?: unknown, reason?: string }

/** How much of the packet is read for a request line: enough for any prefix, bounded however long the line. */
const REQUEST_LINE_BYTES = 4096

/** `METHOD target …`, any method spelling (a lowercase one is a parse error too): the target's path. */
export function requestPath (packet: unknown): string | undefined {
  if (!Buffer.isBuffer(packet)) return undefined
  const line = packet.subarray(0, REQUEST_LINE_BYTES).toString('latin1').split(/\r|\n/, 1)[0]!
  const target = /^[!-~]+ +([!-~]+)/.exec(line)?.[1]
  // The absolute form (`GET http://host/v1/… HTTP/1.1`) names the path after its authority.
  return target?.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, '') || undefined
}

function failureOf (error: ParseError): ParseFailure {
  const path = requestPath(error.rawPacket)
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') return { status: 408, code: error.code, message: 'The request was not received in time', path }
  if (error.code === 'HPE_HEADER_OVERFLOW') return { status: 431, code: error.code, message: `Request headers exceed ${maxHeaderSize} bytes`, path }
  return { status: 400, code: error.code ?? 'HPE_ERROR', message: `Malformed HTTP request: ${error.reason ?? error.message}`, path }
}

/**
 * Node's `clientError` (bytes that are not HTTP), answered in the envelope of the API the request
 * line names (else the control plane's), on the socket, which then closes. When the malformed bytes
 * follow a complete request on the same connection (pipelining), that request's answer is sent —
 * and journaled — first, instead of the socket being destroyed under it.
 */
export function answerClientError (answerFor: ParseFailureAnswer) {
  return function onClientError (error: ParseError, socket: Socket): void {
    if (error.code === 'ECONNRESET' || socket.destroyed) return
    const { status, body } = answerFor(failureOf(error))
    const json = JSON.stringify(body)
    let answered = false
    const answer = () => {
      if (answered || socket.destroyed) return
      answered = true
      if (!socket.writable) {
        socket.destroy()
        return
      }
      socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(json)}\r\nConnection: close\r\n\r\n${json}`,
        () => socket.destroy())
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
}
