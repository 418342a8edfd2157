import type { FastifySchemaValidationError } from 'fastify'
import type { TSchema } from 'typebox'
import { waffoErrors, type WaffoError } from '../errors.js'

/**
 * The annotations bodies.ts puts on a field's schema: OpenAPI specification extensions (`x-`), so
 * the published document's schemas hold no keyword a strict linter refuses.
 */
interface Annotated {
  'x-id-prefix'?: string
  'x-invalid'?: string
  /** `null` or `""` counts as missing although the field is optional. */
  'x-empty-is-missing'?: boolean
  /** A missing field answers the `x-invalid` message (the update-status page's wording). */
  'x-invalid-when-missing'?: boolean
  /** A value of the wrong shape answers as missing (GraphQL's query). */
  'x-invalid-is-missing'?: boolean
  type?: string
  properties?: Record<string, TSchema>
  patternProperties?: Record<string, TSchema>
  items?: TSchema
  required?: string[]
}

type Path = Array<string | number>

/** `prices.USD.amount`, `media[0].alt`: how the store service names a nested field. */
const dotted = (path: Path) => path.map((key, i) => typeof key === 'number' ? `[${key}]` : i === 0 ? key : `.${key}`).join('')

/** A non-string value as JSON; a client can nest it deeper than JSON.stringify's stack. */
export function shown (value: unknown): string {
  if (typeof value === 'string') return value
  try {
    return String(JSON.stringify(value))
  } catch {
    return Array.isArray(value) ? '[array]' : '[object]'
  }
}

/** The schema of the child `key` of `schema` (object property, record value or array item). */
function child (schema: Annotated | undefined, key: string | number): Annotated | undefined {
  if (!schema) return undefined
  if (typeof key === 'number') return schema.items as Annotated | undefined
  return (schema.properties?.[key] ?? Object.values(schema.patternProperties ?? {})[0]) as Annotated | undefined
}

function valueAt (body: unknown, path: Path): unknown {
  let value = body
  for (const key of path) value = typeof value === 'object' && value !== null ? (value as Record<string | number, unknown>)[key] : undefined
  return value
}

const segments = (pointer: string): Path => pointer === ''
  ? []
  : pointer.slice(1).split('/').map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~')).map((part) => /^\d+$/.test(part) ? Number(part) : part)

/** Where an error points: the missing property for `required`, the offending value otherwise. */
function target (error: FastifySchemaValidationError, root: Annotated): { path: Path, missing: boolean } {
  const path = segments(error.instancePath)
  if (error.keyword !== 'required') return { path, missing: false }
  const parent = path.reduce<Annotated | undefined>(child, root)
  const wanted = (error.params as { requiredProperties?: string[] }).requiredProperties ?? []
  // The first missing property in the schema's order, as the store service checks them.
  const order = Object.keys(parent?.properties ?? {})
  const first = [...wanted].sort((a, b) => order.indexOf(a) - order.indexOf(b))[0] ?? ''
  return { path: [...path, first], missing: true }
}

/** Position of an error's field in the body schema: fields are judged in their declared order. */
function rank (path: Path, root: Annotated): number {
  const order = Object.keys(root.properties ?? {})
  return path.length === 0 ? -1 : order.indexOf(String(path[0]))
}

/**
 * The one place a schema refusal becomes Waffo's 400: `Missing required field: <field>`,
 * `Expected format: <P>_xxx, got "<value>"`, or the field's own `x-invalid` message, at the
 * action's layer. The first field in the schema's order wins, like the checks it replaces.
 */
export function bodyError (errors: readonly FastifySchemaValidationError[], body: unknown, schema: TSchema, layer: string): WaffoError {
  const root = schema as Annotated
  const located = errors.map((error) => target(error, root))
  const { path, missing } = located.sort((a, b) => rank(a.path, root) - rank(b.path, root) || Number(b.missing) - Number(a.missing))[0]!
  if (path.length === 0) {
    // Not an object at all: every field is missing, the first one is named.
    const first = root.required?.[0] ?? Object.keys(root.properties ?? {})[0] ?? 'body'
    return waffoErrors.missingField(first, layer)
  }

  // The field's schema, and the nearest schema on the way to it that says how to refuse it.
  let field: Annotated | undefined = root
  let rule: { schema: Annotated, depth: number } | undefined
  path.forEach((key, i) => {
    field = child(field, key)
    if (field?.['x-invalid'] !== undefined || field?.['x-id-prefix'] !== undefined) rule = { schema: field, depth: i + 1 }
  })
  const value = valueAt(body, path)
  const parent = path.slice(0, -1).reduce<Annotated | undefined>(child, root)
  const required = parent?.required?.includes(String(path.at(-1))) ?? false
  const isString = (field as Annotated | undefined)?.type === 'string'
  const empty = value === null || (value === '' && isString)
  const name = dotted(path)

  if (missing || (empty && (required || (field as Annotated | undefined)?.['x-empty-is-missing']))) {
    if ((field as Annotated | undefined)?.['x-invalid-when-missing'] && rule) return waffoErrors.invalidField(fill(rule.schema['x-invalid']!, path.slice(0, rule.depth), value), layer)
    return waffoErrors.missingField(name, layer)
  }
  if ((field as Annotated | undefined)?.['x-invalid-is-missing']) return waffoErrors.missingField(name, layer)
  if (!rule) return waffoErrors.invalidField(`Invalid ${name}`, layer)
  const at = path.slice(0, rule.depth)
  if (rule.schema['x-invalid'] !== undefined) return waffoErrors.invalidField(fill(rule.schema['x-invalid'], at, valueAt(body, at)), layer)
  return waffoErrors.expectedFormat(rule.schema['x-id-prefix']!, shown(valueAt(body, at)), layer)
}

const fill = (message: string, path: Path, value: unknown) => message.replaceAll('{path}', dotted(path)).replaceAll('{got}', shown(value))
