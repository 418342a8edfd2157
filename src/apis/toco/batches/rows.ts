import type { Static, TSchema } from 'typebox'
import { Compile } from 'typebox/compile'
import { ROW_ERRORS, type RowFailure } from '../errors.js'
import type { TocoRepos } from '../repo/index.js'

/** What judging a row sees: the store, its warehouses, and what earlier rows of the request claimed. */
export interface RowScope {
  repos: TocoRepos
  store: string
  /** The store's warehouse client ids, in their order. */
  warehouses: string[]
  /** Keys earlier rows of the same request used (duplicates are refused). */
  seen: Set<string>
  /** SKUs earlier rows of the same request claim, by the product key that claims them. */
  skus: Map<string, string>
}

export function rowScope (repos: TocoRepos, store: string): RowScope {
  return { repos, store, warehouses: repos.stores.warehouses(store).map((warehouse) => warehouse.client_id), seen: new Set(), skus: new Map() }
}

/** Either the plan a row will carry out, or why it cannot. */
export type Judged<Plan> = { plan: Plan, failure?: undefined } | { failure: RowFailure, plan?: undefined }
export const fail = (failure: RowFailure): { failure: RowFailure } => ({ failure })

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)

/** Compiles a row schema into a checker answering the first problem as PRD_001 (missing) or PRD_002 (invalid). */
export function rowChecker<Schema extends TSchema> (schema: Schema) {
  // Compiled on the first row judged, not when the module loads: ~6 ms each off every start-up.
  const compile = () => Compile(schema)
  let validator: ReturnType<typeof compile> | undefined
  return (input: unknown): Judged<Static<Schema>> => {
    if (!isObject(input)) return fail(ROW_ERRORS.invalid('row', 'must be an object'))
    const compiled = validator ??= compile()
    if (compiled.Check(input)) return { plan: input as Static<Schema> }
    const [first] = compiled.Errors(input)
    const field = (first?.instancePath ?? '').slice(1).replaceAll('/', '.')
    if (first?.keyword === 'required') {
      const missing = (first.params as { requiredProperties?: string[] }).requiredProperties?.[0] ?? ''
      return fail(ROW_ERRORS.required(field ? `${field}.${missing}` : missing))
    }
    return fail(ROW_ERRORS.invalid(field || 'row', first?.message ?? 'is invalid'))
  }
}

export type Levels = Array<{ clientId: string, stock: number }>

/** Warehouse entries must name this store's warehouses, each once, and not be empty. */
export function checkWarehouses (clientIds: readonly string[], scope: RowScope): RowFailure | undefined {
  if (scope.warehouses.length === 0) return ROW_ERRORS.noWarehouses()
  if (clientIds.length === 0) return ROW_ERRORS.emptyWarehouses()
  const unknown = clientIds.find((clientId) => !scope.warehouses.includes(clientId))
  if (unknown !== undefined) return ROW_ERRORS.unknownWarehouse(unknown)
  if (new Set(clientIds).size !== clientIds.length) return ROW_ERRORS.invalid('warehouses', 'must not name a warehouse twice')
  return undefined
}

/** The identifying fields a row error repeats (as the seed's deletion errors repeat `id`). */
export function rowKey (input: unknown, fields: readonly string[]): Record<string, string> {
  if (!isObject(input)) return {}
  return Object.fromEntries(fields.flatMap((field) => typeof input[field] === 'string' ? [[field, input[field]]] : []))
}
