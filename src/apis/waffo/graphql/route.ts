import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import { getOperationAST, parse, type GraphQLError } from 'graphql'
import mercurius, { type IResolvers } from 'mercurius'
import Type from 'typebox'
import { waffoErrors, type Notice } from '../errors.js'
import { requireMerchant } from '../validate.js'
import { resolvers, type ReadContext } from './resolvers.js'
import { SCHEMA } from './schema.js'

/** "GraphQL queries have a maximum depth of 7" (deeper → 400). */
export const MAX_DEPTH = 7

const GraphQLNotice = Type.Object({
  message: Type.String(),
  layer: Type.String(),
  locations: Type.Optional(Type.Array(Type.Object({ line: Type.Integer(), column: Type.Integer() }))),
  path: Type.Optional(Type.Array(Type.Union([Type.String(), Type.Integer()])))
})

/** graphql-js errors in Waffo's envelope: `{message, layer: "graphql", locations?, path?}`. */
function notices (errors: ReadonlyArray<Pick<GraphQLError, 'message' | 'locations' | 'path'>>): Notice[] {
  return errors.map((error) => ({
    // mercurius quotes its depth message in backticks.
    message: error.message.replace(/^`(.*)`$/s, '$1'),
    layer: 'graphql',
    ...(error.locations ? { locations: error.locations.map(({ line, column }) => ({ line, column })) } : {}),
    ...(error.path ? { path: [...error.path] } : {})
  }))
}

/** Only the selected operation's kind matters; a document that does not parse is mercurius' to report. */
function isWrite (query: string, operationName: string | undefined): boolean {
  if (!/\b(mutation|subscription)\b/.test(query)) return false
  try {
    const operation = getOperationAST(parse(query), operationName)?.operation
    return operation !== undefined && operation !== 'query'
  } catch {
    return false
  }
}

/** The newest deliveries a Store.webhookDeliveries list pages through. */
const MAX_DELIVERIES = 1000

/** The merchant's view (API key), or a buyer's (session token: its store, its own orders). */
function readContext (request: FastifyRequest): ReadContext {
  const repos = request.ctx.repos.waffo
  const { outbox } = request.ctx
  const deliveries = (storeId: string) => outbox.list({ api: 'waffo', store: storeId, limit: MAX_DELIVERIES })
  const buyer = request.buyerContext
  if (buyer) return { repos, deliveries, merchantId: buyer.merchantId, environment: buyer.environment, buyer: { identity: buyer.buyerIdentity, storeId: buyer.storeId } }
  const { merchantId, environment } = requireMerchant(request.merchantContext)
  return { repos, deliveries, merchantId, environment }
}

interface GraphQLBody { query?: unknown, variables?: unknown, operationName?: unknown }

/**
 * POST /v1/graphql, signed like the actions. mercurius (with its own routes off) parses,
 * validates, caches and runs the query; this route owns auth, the envelope and status codes:
 * a mutation → 403, a syntax/validation/depth error → 400, a resolver error → `errors` next to
 * whatever data resolved.
 */
export const graphqlRoute: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(mercurius, { schema: SCHEMA, resolvers: resolvers as unknown as IResolvers, routes: false, queryDepth: MAX_DEPTH, graphiql: false, jit: 1 })

  app.post('/graphql', {
    config: { auth: 'apiKeyOrSession' },
    schema: {
      response: {
        200: Type.Object({ data: Type.Unknown(), errors: Type.Optional(Type.Array(GraphQLNotice)) })
      }
    }
  }, async (request, reply) => {
    const context = readContext(request)
    const body = (request.body ?? {}) as GraphQLBody
    if (typeof body.query !== 'string' || body.query.trim() === '') throw waffoErrors.missingField('query', 'graphql')
    const operationName = typeof body.operationName === 'string' ? body.operationName : undefined
    const variables = body.variables === undefined || body.variables === null ? undefined : body.variables
    if (variables !== undefined && (typeof variables !== 'object' || Array.isArray(variables))) {
      throw waffoErrors.graphql(400, [{ message: 'Variables must be an object', layer: 'graphql' }])
    }
    if (isWrite(body.query, operationName)) throw waffoErrors.mutationsForbidden()

    let result
    try {
      result = await app.graphql(body.query, context as never, variables as Record<string, unknown> | undefined, operationName)
    } catch (error) {
      const invalid = error as { errors?: GraphQLError[], statusCode?: number }
      if (invalid.statusCode === 400 && Array.isArray(invalid.errors)) throw waffoErrors.graphql(400, notices(invalid.errors))
      throw error
    }
    if (!result.errors?.length) return { data: result.data }
    // Nothing resolved: the request was wrong (a bad limit, say). Partial data stays a 200.
    if (result.data === null || result.data === undefined) throw waffoErrors.graphql(400, notices(result.errors))
    return reply.code(200).send({ data: result.data, errors: notices(result.errors) })
  })
}
