import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import type { Static, TSchema } from 'typebox'
import type { Config } from '../config.js'
import type { Db } from '../db/open.js'
import type { RequestContext } from './context.js'
import type { SeedContext } from './seed-context.js'

/** What the start-up banner and the signing CLI hand an API: the fixture documents as loaded. */
export interface DemoInput {
  /** The fixture documents in load order, with their files. */
  fixtures: ReadonlyArray<{ file: string, doc: Record<string, unknown> }>
  baseUrl: string
  config: Config
}

/** `toco-waffo-mock curl <api> METHOD PATH [BODY] [--option value]`. */
export interface CurlInput extends DemoInput {
  method: string
  path: string
  body: string | undefined
  options: Record<string, string | undefined>
}

/**
 * One simulated API: everything the core needs to serve, seed, reset and explain it. The core
 * (app, database, fixtures, admin, banner, CLI) loops over these and never names an API.
 */
export interface MockApi<Name extends string = string, Fixture extends TSchema = TSchema, Repos = unknown> {
  /** Key of the API's section in fixture documents and of its repositories in the request context. */
  name: Name
  title: string
  /** Where it lives, as upstream: a client only swaps its base URL. */
  prefix: string
  /**
   * What a client's base URL adds to the mock's origin, as upstream's clients take it: the paths
   * they join to it must land under `prefix` (Toco: `/api/v1` + `/partner/…`; the Waffo SDK: `` + `/v1/…`).
   */
  clientBasePath: string
  /** The encapsulated Fastify plugin: body capture, auth guard, error envelope, routes. */
  plugin: FastifyPluginAsync<{ config: Config }>
  /** Migration N brings this API's schema from version N-1 to N. Append, never edit. */
  migrations: readonly string[]
  /** Every table, children first, so a wipe never trips a foreign key. */
  tables: readonly string[]
  fixture: {
    schema: Fixture
    seed (db: Db, section: Static<Fixture>, ctx: SeedContext): void
    /** The whole state of this API as a section that seeds back to the same rows. */
    export (db: Db): Static<Fixture>
    /**
     * Restores the rows one tenant owns from the fixture sections, leaving every other row;
     * false when the id is not a tenant of this API.
     */
    resetTenant (db: Db, tenant: string, fixtures: ReadonlyArray<{ section: Static<Fixture>, ctx: SeedContext }>): boolean
  }
  /** The SQL repositories handlers read from the request context (built once per database). */
  repos (db: Db): Repos
  /** Writes any error in this API's own envelope (framework errors included). */
  replyError (request: FastifyRequest, reply: FastifyReply, error: unknown): FastifyReply
  /** The error this API would answer with for an HTTP status (injected faults use it with replyError). */
  statusError (status: number): Error
  /** Extra control-plane routes of this API, registered under /__admin/<name>. */
  admin?: FastifyPluginAsync
  /**
   * Time-driven transitions (an async batch falling due, a subscription reaching its period
   * end): run before every request is served, on the mock's clock. Keep it cheap: compare the
   * clock with an in-memory next-due time before touching SQL.
   */
  tick? (ctx: RequestContext): void
  /** This API's part of the OpenAPI document. */
  openapi: ApiOpenApi
  demo: {
    /** CLI options this API's `curl` understands, with their help text. */
    curlOptions: Record<string, string>
    /** Said after the API's URL in the banner (how to point a client at it). */
    note (baseUrl: string): string
    /** Banner lines listing the demo credentials (printed only for the bundled demo set). */
    credentials (input: DemoInput): string[]
    /** One ready signed curl for the banner. */
    exampleCurl (input: DemoInput): string
    /** One signed curl line; throws a UsageError when the fixtures cannot sign it. */
    curl (input: CurlInput): string
  }
}

/** One operation's documentation, keyed in {@link ApiOpenApi.operations} by `METHOD /url` under the prefix. */
export interface OpenApiOperation {
  operationId: string
  summary: string
  description?: string
  /** A request body as upstream documents it (its seed page), or as the demo fixtures make it work. */
  requestExample?: unknown
  /** A 200 answer in the same way. */
  responseExample?: unknown
}

/** An apiKey-in-header or HTTP bearer scheme, as OpenAPI 3.1 writes it. */
export type OpenApiSecurityScheme =
  | { type: 'apiKey', in: 'header', name: string, description: string }
  | { type: 'http', scheme: 'bearer', bearerFormat?: string, description: string }

/** What an API adds to /__admin/openapi.json: its tag, auth, error envelope and per-route documentation. */
export interface ApiOpenApi {
  tag: { name: string, description: string }
  securitySchemes: Record<string, OpenApiSecurityScheme>
  /** The security requirement (alternatives, each all-of) for each scope a route may declare in config.auth. */
  security: Record<string, Array<Record<string, string[]>>>
  /** The scope of a route that declares none (the API's strictest). */
  defaultScope: string
  /** Header parameters some routes take beyond the signed ones, by name; `routes` limits them to those `METHOD /url` keys. */
  headers?: Array<{ name: string, description: string, schema: Record<string, unknown>, routes?: readonly string[] }>
  /** The error envelope, and the statuses every authenticated route may answer with it. */
  errors: { schema: TSchema, statuses: Record<string, string> }
  operations: Record<string, OpenApiOperation>
}

/** A mistake in what the user asked the CLI for: printed as one line, exit 1. */
export class UsageError extends Error {
  override name = 'UsageError'
}

/** Keeps the literal name and schema types, so fixture documents and repositories stay typed. */
export function defineApi<const Name extends string, Fixture extends TSchema, Repos> (api: MockApi<Name, Fixture, Repos>) {
  return api
}
