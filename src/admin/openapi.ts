import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import type { FastifyInstance, FastifyPluginAsync } from 'fastify'
import Type from 'typebox'

/** Collects every route's schema from here on (so register it before the APIs). */
export async function collectOpenApi (app: FastifyInstance, product: string, apis: ReadonlyArray<{ title: string, prefix: string }>): Promise<void> {
  await app.register(swagger, {
    openapi: {
      info: {
        title: product,
        version: '0.1.0',
        description: `Mock of ${apis.map((api) => `the ${api.title} (${api.prefix})`).join(' and ')}, and its control plane (/__admin).`
      }
    }
  })
}

/** /__admin/openapi.json and the browsable UI at /__admin/docs, both behind the admin guard. */
export const openApiRoutes: FastifyPluginAsync = async (app) => {
  app.get('/openapi.json', {
    config: { auth: 'admin' },
    schema: { hide: true, response: { 200: Type.Object({}, { additionalProperties: true }) } }
  }, async () => app.swagger())

  await app.register(async (docs) => {
    // The UI plugin's own routes (page, assets, its json/yaml copies) get the admin declaration.
    docs.addHook('onRoute', (route) => {
      route.config = { ...route.config, auth: 'admin' }
      route.schema = { ...route.schema, hide: true, response: { 200: Type.Unknown() } }
    })
    await docs.register(swaggerUi, { routePrefix: '/docs' })
  })
}
