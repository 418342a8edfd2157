import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify'
import { getOperationAST, parse, type ExecutionResult, type GraphQLError } from 'graphql'
import mercurius, { type IResolvers } from 'mercurius'
import type { Static } from 'typebox'
import { waffoErrors, type Notice } from '../errors.js'
import { caller } from '../auth.js'
import type { GraphQLBody } from '../routes/bodies.js'
import { COST_HINT, MAX_ANSWER_BYTES, MAX_COST, queryCost, readSchema, WARN_COST } from './cost.js'
import { retypedIdVariables } from './leniency.js'
import { REFUND_TABLES, refundResolvers } from './refunds.js'
import { resolvers, type ReadContext } from './resolvers.js'
import { prepared } from './statements.js'
import { SCHEMA } from './schema.js'
import { JSON_TYPE } from '../../../http/answer.js'

/** "GraphQL queries have a maximum depth of 7" (deeper → 400). */
export const MAX_DEPTH = 7

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

/** `{"data":` and `}` around the data's own bytes. */
const ENVELOPE_BYTES = Buffer.byteLength('{"data":}')

/** The newest deliveries a Store.webhookDeliveries list pages through. */
const MAX_DELIVERIES = 1000

/** The merchant's view (API key), or a buyer's (session token: its store, its own orders). */
function readContext (request: FastifyRequest): ReadContext {
  const repos = request.ctx.repos.waffo
  const { outbox } = request.ctx
  const deliveries = (storeId: string) => outbox.list({ api: 'waffo', store: storeId, limit: MAX_DELIVERIES })
  const { db, clock } = request.ctx
  const who = caller(request)
  const base = { repos, db, now: clock.now(), deliveries, merchantId: who.merchantId, environment: who.environment }
  return who.kind === 'buyer' ? { ...base, buyer: { identity: who.buyerIdentity, storeId: who.storeId } } : base
}

const TABLE_OF: Record<string, string> = {
  Store: 'waffo_stores',
  OnetimeProduct: 'waffo_products',
  SubscriptionProduct: 'waffo_products',
  OnetimeOrder: 'waffo_orders',
  SubscriptionOrder: 'waffo_orders',
  SubscriptionProductGroup: 'waffo_product_groups',
  Payment: 'waffo_payments',
  WebhookDelivery: 'mock_deliveries',
  StoreMerchant: 'waffo_store_members',
  ApiKey: 'waffo_api_keys',
  // The mock sends no email: the list is always empty.
  EmailDelivery: '',
  ...REFUND_TABLES
}

/** The read schema's resolvers with the refunds' (graphql/refunds.ts), type by type. */
const RESOLVERS = Object.fromEntries([...new Set([...Object.keys(resolvers), ...Object.keys(refundResolvers)])].map((type) =>
  [type, { ...(resolvers as Record<string, object>)[type], ...(refundResolvers as Record<string, object>)[type] }]))

/** How many rows a list of this type could hold at most: the table's largest rowid (O(log n)). */
function tableRows (request: FastifyRequest) {
  const seen = new Map<string, number>()
  return (typeName: string): number => {
    const table = TABLE_OF[typeName]
    if (table === undefined) return Infinity
    if (table === '') return 0
    let rows = seen.get(table)
    if (rows === undefined) {
      rows = prepared<[], { n: number }>(request.ctx.db, `SELECT coalesce(max(rowid), 0) AS n FROM ${table}`).get()!.n
      seen.set(table, rows)
    }
    return rows
  }
}

/**
 * Runs POST /v1/graphql's query (route.ts loads this module on the first one). mercurius, on a
 * Fastify instance of its own with its routes off, parses, validates, caches and runs the query;
 * this answers in Waffo's envelope and status codes: a mutation → 403, a syntax/validation/depth
 * error → 400, a resolver error → `errors` next to whatever data resolved.
 */
export async function createEngine () {
  const engine = Fastify()
  await engine.register(mercurius, { schema: SCHEMA, resolvers: RESOLVERS as unknown as IResolvers, routes: false, queryDepth: MAX_DEPTH, graphiql: false, jit: 1 })
  await engine.ready()

  return async (request: FastifyRequest & { body: Static<typeof GraphQLBody> }, reply: FastifyReply) => {
    const context = readContext(request)
    const { body } = request
    const operationName = typeof body.operationName === 'string' ? body.operationName : undefined
    const variables = body.variables ?? undefined
    if (isWrite(body.query, operationName)) throw waffoErrors.mutationsForbidden()
    // Before anything runs: an amplifying query is refused in microseconds, for buyers too.
    const cost = queryCost(body.query, operationName, variables, tableRows(request))
    if (!cost.ok) throw waffoErrors.graphql(400, cost.syntax ? notices([cost.syntax]) : [{ message: cost.message, layer: 'graphql' }])
    const warnings: Notice[] | undefined = cost.cost >= WARN_COST
      ? [{ message: `Query cost (${cost.cost}) is close to the maximum cost of ${MAX_COST}: a slightly larger query will be refused`, layer: 'graphql', aiHint: COST_HINT }]
      : undefined

    const run = async (query: string, values: typeof variables, retry: boolean): Promise<ExecutionResult> => {
      try {
        return await engine.graphql(query, context as never, values, operationName)
      } catch (error) {
        const invalid = error as { errors?: GraphQLError[], statusCode?: number }
        if (invalid.statusCode !== 400 || !Array.isArray(invalid.errors)) throw error
        const retyped = retry ? retypedIdVariables(readSchema(), query, values, invalid.errors) : undefined
        if (retyped !== undefined) return await run(retyped.query, retyped.variables, false)
        throw waffoErrors.graphql(400, notices(invalid.errors))
      }
    }
    const result = await run(body.query, variables, true)
    // The backstop for large stored values: the estimate counts values, not their bytes.
    // The answer is `{"data":…}` as the response schema would write it (`data` is Unknown:
    // JSON.stringify), stringified once, whole: a concatenation would be copied again when sent.
    const answer = JSON.stringify({ data: result.data ?? null })
    const bytes = Buffer.byteLength(answer) - ENVELOPE_BYTES
    if (bytes > MAX_ANSWER_BYTES) {
      throw waffoErrors.graphql(400, [{ message: `Response size (${bytes} bytes) exceeds the maximum of ${MAX_ANSWER_BYTES} bytes: ask for fewer fields or list items`, layer: 'graphql' }])
    }
    if (!result.errors?.length) {
      return reply.type(JSON_TYPE).send(warnings ? `${answer.slice(0, -1)},"warnings":${JSON.stringify(warnings)}}` : answer)
    }
    // Nothing resolved: the request was wrong (a bad limit, say). Partial data stays a 200.
    if (result.data === null || result.data === undefined) throw waffoErrors.graphql(400, notices(result.errors))
    return reply.code(200).send({ data: result.data, errors: notices(result.errors), ...(warnings ? { warnings } : {}) })
  }
}
