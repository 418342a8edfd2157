import type { FastifyInstance } from 'fastify'

/**
 * Declares fields a hook or guard may set later, on every request up front (undefined until set):
 * all request objects then share one shape. A field added later costs V8 a map transition, and
 * the hooks' reads of it go megamorphic (docs/benchmarks.md, issue 21's fifth cut).
 */
export function declareRequestFields (app: FastifyInstance, names: readonly string[]): void {
  for (const name of names) app.decorateRequest(name, undefined)
}
