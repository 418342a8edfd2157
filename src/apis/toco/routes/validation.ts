import type { FastifySchemaValidationError } from 'fastify'
import { tocoErrors } from '../errors.js'

/** VAL_001 for a body that must be `{<field>: [1…max rows]}`, in class-validator's wording. */
export function listBodyErrors (field: string, max: number) {
  return (errors: FastifySchemaValidationError[]) => {
    const at = (path: string) => errors.filter((error) => error.instancePath === path)
    if (at(`/${field}`).some((error) => error.keyword === 'minItems')) return tocoErrors.validation({ [field]: `${field} should not be empty` })
    if (at(`/${field}`).some((error) => error.keyword === 'maxItems')) {
      return tocoErrors.validation({ [field]: `${field} must contain no more than ${max} elements` })
    }
    return tocoErrors.validation({ [field]: `${field} must be an array` })
  }
}

/** `"true"` / `"false"` query values; anything else is VAL_001 naming the parameter. */
export function booleanParam (name: string, value: string | undefined): boolean | undefined {
  if (value === undefined) return undefined
  if (value === 'true' || value === 'false') return value === 'true'
  throw tocoErrors.validation({ [name]: `${name} must be a boolean value` })
}

/** A positive integer parameter; above `max` it is clamped (a client asking for "everything" gets the largest page). */
export function integerParam (name: string, value: string | undefined, max: number, fallback: number): number {
  if (value === undefined) return fallback
  const number = /^\d{1,9}$/.test(value) ? Number(value) : NaN
  if (!(number >= 1)) throw tocoErrors.validation({ [name]: `${name} must be a positive integer` })
  return Math.min(number, max)
}

export function enumParam<T extends string> (name: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback
  if ((allowed as readonly string[]).includes(value)) return value as T
  throw tocoErrors.validation({ [name]: `${name} must be one of the following values: ${allowed.join(', ')}` })
}

/** Query parameters are single strings: a repeated one is VAL_001 too. */
export function queryErrors (errors: FastifySchemaValidationError[]) {
  return tocoErrors.validation(Object.fromEntries(errors.map((error) => {
    const name = error.instancePath.slice(1).split('/')[0] || 'query'
    return [name, `${name} must be a single string value`]
  })))
}
