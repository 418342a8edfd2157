import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { NoticeSchema } from '../format.js'
import { declared, WAFFO_ROUTES } from '../routes/table.js'

const GraphQLNotice = Type.Object({
  message: Type.String(),
  layer: Type.String(),
  locations: Type.Optional(Type.Array(Type.Object({ line: Type.Integer(), column: Type.Integer() }))),
  path: Type.Optional(Type.Array(Type.Union([Type.String(), Type.Integer()])))
})

/**
 * POST /v1/graphql: an API key's signature, as the actions, or a buyer session token. The engine
 * (graphql-js, mercurius, the schema) is loaded by the first query, not at start-up: it was a
 * fifth of the cold start, and most runs never ask one.
 */
export const graphqlRoute: FastifyPluginAsyncTypebox = async (app) => {
  let engine: ReturnType<typeof import('./engine.js')['createEngine']> | undefined
  app.route({
    ...declared(WAFFO_ROUTES.graphql),
    schema: {
      body: WAFFO_ROUTES.graphql.body,
      response: {
        200: Type.Object({
          data: Type.Unknown(),
          errors: Type.Optional(Type.Array(GraphQLNotice)),
          // A query whose cost nears the limit still runs, with a warning (the SDK's GraphQLResponse.warnings).
          warnings: Type.Optional(Type.Array(NoticeSchema))
        })
      }
    },
    handler: async (request, reply) => {
      const run = await (engine ??= import('./engine.js').then(({ createEngine }) => createEngine()))
      return run(request, reply)
    }
  })
}
