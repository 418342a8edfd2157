import type { FastifyInstance, RouteOptions } from 'fastify'

/** One registered route, as the contract tests and the CLI see it. */
export interface RouteInfo {
  method: string
  url: string
  auth: string | undefined
  public: string | undefined
  /** Status codes with a response schema. */
  responses: string[]
  /** The route declares a body schema. */
  body: boolean
}

/** Records every route registered after this call (in any child scope) into `table`. */
export function recordRoutes (app: FastifyInstance, table: RouteInfo[]): void {
  app.addHook('onRoute', (route: RouteOptions) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method]
    // Read lazily: a later onRoute hook in a child scope may still complete the declaration.
    for (const method of methods) {
      table.push({
        method,
        url: route.url,
        get auth () { return route.config?.auth },
        get public () { return route.config?.public },
        get responses () { return Object.keys((route.schema?.response ?? {}) as object) },
        get body () { return route.schema?.body !== undefined }
      })
    }
  })
}
