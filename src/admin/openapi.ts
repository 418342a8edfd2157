import type {} from '@fastify/swagger'
import Fastify, { type FastifyInstance, type FastifyPluginAsync, type FastifySchema, type RouteOptions } from 'fastify'
import Type from 'typebox'
import { docsUi } from './docs-ui.js'
import type { ApiOpenApi, OpenApiOperation, OpenApiSecurityScheme } from '../core/api.js'
import { lazyRequire } from '../http/lazy-require.js'

/** What the document needs of an API: where it lives and its own OpenAPI part. */
export interface DocumentedApi { title: string, prefix: string, openapi: ApiOpenApi }

const ADMIN_PREFIX = '/__admin'
const CONTROL_TAG = { name: 'control plane', description: 'The mock\'s own /__admin API: reset, fixtures, state, snapshots, clock, journal, faults, webhooks, and each API\'s /__admin/<name> routes.' }
const ADMIN_SCHEME: OpenApiSecurityScheme = {
  type: 'http',
  scheme: 'bearer',
  description: 'The ADMIN_TOKEN the mock was started with. Without ADMIN_TOKEN the control plane is open and the header is ignored.'
}
const AdminError = Type.Object({
  error: Type.Object({ code: Type.String(), message: Type.String(), path: Type.Optional(Type.String()) })
}, { description: 'The control plane\'s error envelope' })

/** The control plane's own routes; an API's /__admin/<name> routes carry their summary in their schema. */
const CONTROL_SUMMARIES: Record<string, string> = {
  'GET /health': 'Liveness: 200 once the mock serves (open even with ADMIN_TOKEN)',
  'POST /reset': 'Reset to a known state: the fixtures\' rows, no faults, an empty journal, the real clock (or one tenant\'s rows only)',
  'POST /fixtures': 'Load a fixture document (merge or replace)',
  'GET /state': 'The whole state as a fixture document',
  'GET /snapshots': 'List the named snapshots',
  'PUT /snapshots/:name': 'Take a named snapshot of the state (in memory)',
  'DELETE /snapshots/:name': 'Delete a named snapshot',
  'POST /snapshots/:name/restore': 'Restore the state from a named snapshot',
  'GET /clock': 'The mock clock: now, frozen, offset',
  'POST /clock': 'Freeze, advance, offset, unfreeze or reset the mock clock',
  'GET /requests': 'The journal: recent API requests with their auth verdict and reason',
  'DELETE /requests': 'Empty the journal',
  'POST /faults': 'Add a fault rule (error answer, delay or dropped connection)',
  'GET /faults': 'The active fault rules with their hit counts',
  'DELETE /faults': 'Remove every fault rule',
  'DELETE /faults/:id': 'Remove one fault rule'
}

/** `/partner/stores/:storeId` → `/partner/stores/{storeId}` (the key of a documented operation uses Fastify's syntax). */
const fastifyUrl = (url: string) => url.replace(/\{(\w+)\}/g, ':$1')

/** The control plane's operationId: `POST /__admin/snapshots/:name/restore` → `adminPostSnapshotsNameRestore`. */
function adminOperationId (method: string, url: string): string {
  const words = url.slice(ADMIN_PREFIX.length).split(/[^A-Za-z0-9]+/).filter(Boolean)
  return ['admin', method.toLowerCase(), ...words].map((word, i) => i === 0 ? word : word[0]!.toUpperCase() + word.slice(1)).join('')
}

/** The media type of a hosted page's answers (the description its route schemas give a page). */
const HTML = 'text/html'

/**
 * Adds to one route's documentation (never to the schema Fastify validates with): its API's tag,
 * summary, operationId and security, header parameters, and the API's error envelope for every
 * status the route does not already document.
 */
function documentRoute (apis: readonly DocumentedApi[], schema: FastifySchema | undefined, url: string, route: RouteOptions): FastifySchema {
  const method = String(route.method)
  const config = (route.config ?? {}) as { auth?: string, public?: string }
  const response = { ...(schema?.response as Record<string, unknown> | undefined) }
  const api = apis.find((candidate) => url.startsWith(`${candidate.prefix}/`))
  if (!api) {
    const summary = CONTROL_SUMMARIES[`${method} ${fastifyUrl(url.slice(ADMIN_PREFIX.length))}`] ?? `${method} ${url.slice(ADMIN_PREFIX.length)}`
    for (const status of ['400', '404']) response[status] ??= AdminError
    if (!config.public) response['401'] ??= AdminError
    // The guard (Host, Origin, media type) and the body limit answer any route; a write may conflict.
    for (const status of ['403', '413']) response[status] ??= AdminError
    if (method !== 'GET') response['409'] ??= AdminError
    return {
      summary,
      operationId: adminOperationId(method, url),
      ...schema,
      tags: [CONTROL_TAG.name],
      security: config.public ? [] : [{ adminToken: [] }],
      response
    } as FastifySchema
  }
  const key = `${method} ${fastifyUrl(url.slice(api.prefix.length))}`
  const operation: OpenApiOperation | undefined = api.openapi.operations[key]
  if (Object.values(response).some((answer) => (answer as { description?: string } | null)?.description === HTML)) return documentPage(schema, response, api, operation)
  const security = config.public ? [] : api.openapi.security[config.auth ?? api.openapi.defaultScope] ?? []
  const headers = (api.openapi.headers ?? []).filter((header) => !header.routes || header.routes.includes(key))
  for (const [status, description] of Object.entries(api.openapi.errors.statuses)) {
    if (config.public && status === '401') continue
    response[status] ??= { ...api.openapi.errors.schema, description }
  }
  return {
    ...schema,
    ...(operation ? { summary: operation.summary, operationId: operation.operationId } : {}),
    ...(operation?.description ? { description: operation.description } : {}),
    tags: [api.openapi.tag.name],
    security,
    ...(headers.length > 0
      ? {
          headers: Type.Object(Object.fromEntries(headers.map((header) =>
            [header.name, Type.Optional(Type.Unsafe({ ...header.schema, description: header.description }))])))
        }
      : {}),
    response
  } as FastifySchema
}

/** A hosted page's documentation: public, and every answer HTML (the statuses its API lists), not the JSON envelope. */
function documentPage (schema: FastifySchema | undefined, response: Record<string, unknown>, api: DocumentedApi, operation: OpenApiOperation | undefined): FastifySchema {
  const html = (description: string) => ({ description, content: { [HTML]: { schema: { type: 'string' } } } })
  const answers: Record<string, unknown> = {}
  const statuses = api.openapi.pages ?? {}
  for (const [status, answer] of Object.entries(response)) answers[status] = (answer as { description?: string } | null)?.description === HTML ? html(statuses[status] ?? 'A page') : answer
  for (const [status, description] of Object.entries(statuses)) answers[status] ??= html(description)
  return {
    ...schema,
    ...(operation ? { summary: operation.summary, operationId: operation.operationId } : {}),
    ...(operation?.description ? { description: operation.description } : {}),
    tags: [api.openapi.tag.name],
    security: [],
    response: answers
  } as FastifySchema
}

type OpenApiDocument = {
  paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: unknown, example?: unknown }> }, responses?: Record<string, { content?: Record<string, { example?: unknown }> }> }>>
}

/** Puts each documented operation's examples on its JSON request body and 200 answer. */
function addExamples (apis: readonly DocumentedApi[], document: OpenApiDocument): void {
  for (const api of apis) {
    for (const [key, operation] of Object.entries(api.openapi.operations)) {
      const [method, url] = key.split(' ') as [string, string]
      const path = `${api.prefix}${url}`.replace(/:(\w+)/g, '{$1}')
      const documented = document.paths[path]?.[method.toLowerCase()]
      if (!documented) continue
      if (operation.requestExample !== undefined) {
        // A route that validates its body by hand has no body schema: say at least that it takes JSON.
        documented.requestBody ??= { content: { 'application/json': { schema: { type: 'object' } } } }
        const request = documented.requestBody.content?.['application/json']
        if (request) request.example = operation.requestExample
      }
      const answer = documented.responses?.['200']?.content?.['application/json']
      if (answer && operation.responseExample !== undefined) answer.example = operation.responseExample
    }
  }
  // The control plane's answers that show an API's traffic: the first API that lends one.
  for (const api of apis) {
    for (const [key, example] of Object.entries(api.openapi.controlExamples ?? {})) {
      const [method, url] = key.split(' ') as [string, string]
      const answer = document.paths[`${ADMIN_PREFIX}${url}`.replace(/:(\w+)/g, '{$1}')]?.[method.toLowerCase()]?.responses?.['200']?.content?.['application/json']
      if (answer) answer.example ??= example
    }
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The OpenAPI document's maker (@fastify/swagger's `swagger()`), built on first use. */
    openApi: () => Promise<FastifyInstance['swagger']>
  }
}

/**
 * Records every route from here on (so register it before the APIs). The document is built on its
 * first request: @fastify/swagger and its yaml are not loaded at start-up, they see the same route
 * declarations replayed on an instance of their own (no handlers, no validators compiled).
 */
export function collectOpenApi (app: FastifyInstance, product: string, apis: readonly DocumentedApi[]): void {
  const routes: RouteOptions[] = []
  app.addHook('onRoute', (route) => { routes.push(route) })
  let built: Promise<FastifyInstance['swagger']> | undefined
  app.decorate('openApi', () => (built ??= documentOf(routes, product, apis)))
}

async function documentOf (routes: readonly RouteOptions[], product: string, apis: readonly DocumentedApi[]): Promise<FastifyInstance['swagger']> {
  const { default: swagger } = lazyRequire('@fastify/swagger') as typeof import('@fastify/swagger')
  // Fastify adds no HEAD twins here: the app's own, recorded like any route, are replayed.
  const documented = Fastify({ exposeHeadRoutes: false })
  documented.setValidatorCompiler(() => () => true)
  documented.setSerializerCompiler(() => (data) => JSON.stringify(data))
  await documented.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: product,
        version: '0.1.0',
        description: `Mock of ${apis.map((api) => `the ${api.title} (${api.prefix})`).join(' and ')}, and its control plane (${ADMIN_PREFIX}).`
      },
      tags: [...apis.map((api) => api.openapi.tag), CONTROL_TAG],
      components: {
        securitySchemes: Object.assign({ adminToken: ADMIN_SCHEME }, ...apis.map((api) => api.openapi.securitySchemes))
      }
    },
    transform: ({ schema, url, route }) => ({ schema: documentRoute(apis, schema, url, route), url }),
    transformObject: (documentObject) => {
      const document = 'openapiObject' in documentObject ? documentObject.openapiObject : documentObject.swaggerObject
      addExamples(apis, document as unknown as OpenApiDocument)
      return document
    }
  })
  for (const { method, url, schema, config } of routes) documented.route({ method, url, schema, config, handler: () => undefined })
  await documented.ready()
  return documented.swagger.bind(documented) as FastifyInstance['swagger']
}

/** /__admin/openapi.json and the browsable UI at /__admin/docs, both behind the admin guard. */
export const openApiRoutes: FastifyPluginAsync = async (app) => {
  app.get('/openapi.json', {
    config: { auth: 'admin' },
    schema: { hide: true, response: { 200: Type.Object({}, { additionalProperties: true }) } }
  }, async () => (await app.openApi())())

  await app.register(docsUi(ADMIN_PREFIX))
}
