import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import type { Static, TSchema } from 'typebox'
import type { Config, ConfigOf, Settings } from '../config.js'
import type { Db } from '../db/open.js'
import type { RequestContext, Tick } from './context.js'
import type { ErrorOrigin } from './errors.js'
import type { SeedContext } from './seed-context.js'
import type { WebhookSigner } from './webhooks/deliverer.js'

/** What the start-up banner and the signing CLI hand an API: the fixture documents as loaded. */
export interface DemoInput<C extends Config = Config> {
  /** The fixture documents in load order, with their files. */
  fixtures: ReadonlyArray<{ file: string, doc: Record<string, unknown> }>
  baseUrl: string
  config: C
}

/** `toco-waffo-mock curl <api> METHOD PATH [BODY] [--option value]`. */
export interface CurlInput<C extends Config = Config> extends DemoInput<C> {
  method: string
  path: string
  body: string | undefined
  options: Record<string, string | undefined>
}

/**
 * One simulated API: everything the core needs to serve, seed, reset and explain it. The core
 * (app, database, fixtures, admin, banner, CLI) loops over these and never names an API.
 */
export interface MockApi<Name extends string = string, Fixture extends TSchema = TSchema, Repos = unknown, Own extends Settings = Settings> {
  /** Key of the API's section in fixture documents and of its repositories in the request context. */
  name: Name
  title: string
  /** What a tenant id is here, for the control plane's documentation ("a … id"). */
  tenant: string
  /** Where it lives, as upstream: a client only swaps its base URL. */
  prefix: string
  /** This API's own environment variables (its slice of the configuration), beside the core's. */
  config: Own
  /**
   * What a client's base URL adds to the mock's origin, as upstream's clients take it: the paths
   * they join to it must land under `prefix` (Toco: `/api/v1` + `/partner/…`; the Waffo SDK: `` + `/v1/…`).
   */
  clientBasePath: string
  /** The encapsulated Fastify plugin: body capture, auth guard, error envelope, routes. */
  plugin: FastifyPluginAsync<{ config: Config & ConfigOf<Own> }>
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
  /** replyError's status and body without a reply: for a request Node could not parse (`origin` stands in for it). */
  errorBody (origin: ErrorOrigin, error: unknown): { status: number, body: unknown }
  /** The error this API would answer with for an HTTP status (injected faults use it with replyError). */
  statusError (status: number): Error
  /**
   * This API's section of the dashboard: browser source of a function `(section, { el, pill, table, now })`
   * that builds a DOM node from the API's part of GET /__admin/state (text only, never HTML);
   * `now` is the mock clock's ISO time.
   */
  dashboard: string
  /** Extra control-plane routes of this API, registered under /__admin/<name>. */
  admin?: FastifyPluginAsync
  /**
   * Time-driven transitions (an async batch falling due, a subscription reaching its period
   * end), on the mock's clock. `run` returns when the next one falls due (epoch ms, Infinity for
   * never): the core runs it again only then, or after a write to one of the tables it `watches`
   * (the ones its due times are read from).
   */
  tick?: Tick
  /** What this API sends: how it signs, which events it knows, how the control plane triggers one. */
  webhooks?: {
    /**
     * Built once per app (keys come from the config, or are generated and kept in `meta`, the
     * database's own facts, so a restart on the same file signs with the same key).
     */
    signer (config: Config, meta: MetaStore): WebhookSigner
    /** The event types POST /__admin/webhooks/trigger accepts for this API. */
    events: readonly string[]
    /**
     * Makes the state change behind `event` (or a synthetic object, said in the answer) and
     * writes its event, in one transaction. Throws a TriggerError when the input does not fit.
     */
    trigger (ctx: RequestContext, input: TriggerInput): TriggerResult
    /** A trigger body of the demo fixtures, the OpenAPI document's example. */
    example?: TriggerInput
  }
  /** This API's part of the OpenAPI document. */
  openapi: ApiOpenApi
  demo: {
    /** CLI options this API's `curl` understands, with their help text. */
    curlOptions: Record<string, string>
    /** Said after the API's URL in the banner (how to point a client at it). */
    note (baseUrl: string): string
    /** Banner lines listing the demo credentials (printed only for the bundled demo set). */
    credentials (input: DemoInput<Config & ConfigOf<Own>>): string[]
    /** One ready signed curl for the banner. */
    exampleCurl (input: DemoInput<Config & ConfigOf<Own>>): string
    /** One signed curl line; throws a UsageError when the fixtures cannot sign it. */
    curl (input: CurlInput<Config & ConfigOf<Own>>): string
  }
}

/** What a layer below the registry needs of an API to route, journal and fault its traffic. */
export type ApiRoute = Pick<MockApi, 'name' | 'prefix' | 'replyError' | 'statusError'>

/** The API whose prefix owns this URL, if any. */
export function ownerOf<Api extends Pick<MockApi, 'prefix'>> (apis: readonly Api[], url: string): Api | undefined {
  return apis.find(({ prefix }) => {
    if (!url.startsWith(prefix)) return false
    const next = url.charCodeAt(prefix.length) // NaN at the end
    return Number.isNaN(next) || next === 0x2f || next === 0x3f // '/' or '?'
  })
}

/** Facts about the database itself (mock_meta), outside every API's tables. */
export interface MetaStore {
  read (key: string): string | undefined
  write (key: string, value: string): void
}

/** POST /__admin/webhooks/trigger's body, as an API's trigger sees it. */
export interface TriggerInput { event: string, storeId?: string | undefined, orderId?: string | undefined }

export interface TriggerResult {
  /** 'state': a real transition was made; 'synthetic': the payload describes an object that does not exist. */
  source: 'state' | 'synthetic'
  /** What happened, in one sentence. */
  note: string
  /** The outbox event written (null: it had nowhere to go). */
  event: number | null
}

/** A trigger the API cannot make from this input (unknown order, wrong status…): a 4xx. */
export class TriggerError extends Error {
  override name = 'TriggerError'
  constructor (readonly statusCode: number, message: string, readonly path: string) {
    super(message)
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

/** An OpenAPI security scheme for one signing header. */
export const apiKeyHeader = (name: string, description: string) => ({ type: 'apiKey' as const, in: 'header' as const, name, description })

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
  /** What a hosted page of the API (a route answering text/html) answers, each an HTML page, by status. */
  pages?: Record<string, string>
  operations: Record<string, OpenApiOperation>
  /**
   * Example answers (200) of control-plane routes that show this API's traffic (the journal, webhook
   * deliveries), keyed like the control plane's summaries: `GET /requests`. The first API's wins.
   */
  controlExamples?: Record<string, unknown>
}

/** A mistake in what the user asked the CLI for: printed as one line, exit 1. */
export class UsageError extends Error {
  override name = 'UsageError'
}

/** Keeps the literal name and schema types, so fixture documents and repositories stay typed. */
export function defineApi<const Name extends string, Fixture extends TSchema, Repos, Own extends Settings> (api: MockApi<Name, Fixture, Repos, Own>) {
  return api
}
