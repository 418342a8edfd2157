/**
 * Builds an error without capturing a stack trace. API refusals are answers, not bugs: under
 * Fastify's deep stacks the capture alone was 7–10 % of a refused request's CPU.
 */
export function withoutStack<T> (create: () => T): T {
  const limit = Error.stackTraceLimit
  Error.stackTraceLimit = 0
  try {
    return create()
  } finally {
    Error.stackTraceLimit = limit
  }
}

/** The Content-Type of a JSON answer sent as text already serialized (Fastify's own for objects). */
export const JSON_TYPE = 'application/json; charset=utf-8'

/**
 * The control plane's error body, and the answer to a path no API owns (a fault there, bytes Node
 * could not parse), built only here: `{"error":{"code","message","path"?}}`.
 */
export function adminError (code: string, message: string, path?: string) {
  return { error: path === undefined ? { code, message } : { code, message, path } }
}
