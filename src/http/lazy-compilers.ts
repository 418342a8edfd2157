import { createRequire } from 'node:module'
import { TypeBoxValidatorCompiler } from '@fastify/type-provider-typebox'
import type { FastifySchemaCompiler, FastifyServerOptions } from 'fastify'

type SerializerCompilerModule = typeof import('@fastify/fast-json-stringify-compiler')

/**
 * fast-json-stringify and its Ajv, loaded when the first serializer is built instead of at start:
 * ~8 ms of the cold start, which the health probe does not need. In the bundle esbuild turns this
 * require into a call of the module's lazy wrapper; tsc's ES module output has no require.
 */
function serializerCompiler (): SerializerCompilerModule {
  return typeof require === 'function' ? require('@fastify/fast-json-stringify-compiler') : createRequire(import.meta.url)('@fastify/fast-json-stringify-compiler')
}

/**
 * A route's compiled schema, built on its first use instead of at start-up. Fastify compiles
 * every route's validator and response serializers while booting (fast-json-stringify builds an
 * Ajv instance per serializer): a third of the cold start, for routes most runs never call.
 */
function lazily<In, Out> (build: () => (input: In) => Out): (input: In) => Out {
  let compiled: ((input: In) => Out) | undefined
  return (input) => (compiled ??= build())(input)
}

/** An integer as a query or path parameter writes it: digits, a sign at most. */
const INTEGER_TEXT = /^[+-]?\d+$/

/**
 * TypeBox's validator. Query and path parameters are converted from text first, and TypeBox
 * truncates a decimal it converts to an integer: `bindings/2.9999` revoked binding 2 and `?limit=1.5`
 * read 1 entry. An integer parameter written otherwise is checked as it was sent, so it is refused.
 */
function typeBoxValidator (route: { schema: unknown, httpPart?: string }) {
  const validate = TypeBoxValidatorCompiler(route as never) as (value: unknown) => unknown
  const properties = (route.schema as { properties?: Record<string, { type?: unknown }> }).properties ?? {}
  const integers = route.httpPart === 'body' ? [] : Object.keys(properties).filter((key) => properties[key]!.type === 'integer')
  if (integers.length === 0) return validate
  return (value: unknown) => {
    const given = value as Record<string, unknown>
    const inexact = integers.filter((key) => typeof given[key] === 'string' && !INTEGER_TEXT.test(given[key]))
    // An array converts to no integer: the check fails with the integer's own message.
    return validate(inexact.length === 0 ? value : { ...given, ...Object.fromEntries(inexact.map((key) => [key, [given[key]]])) })
  }
}

/** TypeBox's validator, compiled on the route's first request. */
const lazyTypeBoxValidator: FastifySchemaCompiler<unknown> = (route) => lazily(() => typeBoxValidator(route)) as never

/**
 * The schema compilers, each route's compiled on its first use: TypeBox's validator, and Fastify's
 * own serializer factory (fast-json-stringify). Naming the validator here also keeps Fastify from
 * loading its default (@fastify/ajv-compiler and Ajv) at start, only to be replaced.
 */
export const lazyCompilers: NonNullable<FastifyServerOptions['schemaController']> = {
  compilersFactory: {
    buildValidator: () => lazyTypeBoxValidator as never,
    buildSerializer: (externalSchemas: unknown, options: unknown) => {
      let compile: ReturnType<ReturnType<SerializerCompilerModule['SerializerSelector']>> | undefined
      return (route: Parameters<NonNullable<typeof compile>>[0]) => lazily(() => (compile ??= serializerCompiler().SerializerSelector()(externalSchemas, options as never))(route))
    }
  }
}
