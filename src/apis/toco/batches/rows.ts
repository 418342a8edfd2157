import type { Static, TSchema } from 'typebox'
import { Compile } from 'typebox/compile'
import { fail, type Judged } from '../catalog/judging.js'
import { ROW_ERRORS } from '../errors.js'

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

/** The identifying fields a row error repeats (as the seed's deletion errors repeat `id`). */
export function rowKey (input: unknown, fields: readonly string[]): Record<string, string> {
  if (!isObject(input)) return {}
  return Object.fromEntries(fields.flatMap((field) => typeof input[field] === 'string' ? [[field, input[field]]] : []))
}
