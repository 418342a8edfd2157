import Fastify, { type FastifyInstance, type FastifyPluginAsync, type FastifyReply, type FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import Type from 'typebox'
import { pathOf } from '../http/url.js'
import { lazyRequire } from '../http/lazy-require.js'

/** Headers of the inner answer that describe its own connection, not the content. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'date'])

/**
 * The browsable OpenAPI UI at <prefix>/docs. swagger-ui and the static file server it brings
 * (yaml, @fastify/static, glob) cost ~45 ms of module loading, a tenth of the start-up, for a
 * page most runs never open: they start on the first visit, on a Fastify instance of their own
 * that these routes forward to, reading the app's OpenAPI document (openapi.ts).
 */
export function docsUi (prefix: string): FastifyPluginAsync {
  return async (app) => {
    let ui: Promise<FastifyInstance> | undefined
    const forward = async (request: FastifyRequest, reply: FastifyReply) => {
      const path = pathOf(request.url)
      // Without the trailing slash the page would ask for its assets at /docs/static/… (404): the
      // bare URL redirects to the slashed one, relatively, so it also works behind a path prefix.
      if (path.endsWith('/docs')) return reply.redirect(`docs/${request.url.slice(path.length)}`)
      ui ??= startUi(app, `${prefix}/docs`)
      const answer = await (await ui).inject({ method: request.method as 'GET' | 'HEAD', url: request.url, headers: request.headers })
      for (const [name, value] of Object.entries(answer.headers)) {
        if (value !== undefined && !HOP_BY_HOP.has(name)) reply.header(name, value)
      }
      return reply.code(answer.statusCode).send(answer.rawPayload)
    }
    const route = { config: { auth: 'admin' }, schema: { hide: true, response: { 200: Type.Unknown() } }, handler: forward }
    app.route({ method: ['GET', 'HEAD'], url: '/docs', ...route })
    app.route({ method: ['GET', 'HEAD'], url: '/docs/*', ...route })
  }
}

async function startUi (app: FastifyInstance, routePrefix: string): Promise<FastifyInstance> {
  const { default: swaggerUi } = lazyRequire('@fastify/swagger-ui') as typeof import('@fastify/swagger-ui')
  const ui = Fastify()
  // swagger-ui requires @fastify/swagger and reads the document through its decorator: the app's.
  const swagger = await app.openApi()
  await ui.register(fp(async (instance) => { instance.decorate('swagger', swagger) }, { name: '@fastify/swagger' }))
  await ui.register(swaggerUi, { routePrefix })
  await ui.ready()
  return ui
}
