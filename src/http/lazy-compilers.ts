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

/** TypeBox's validator, compiled on the route's first request. */
const lazyTypeBoxValidator: FastifySchemaCompiler<unknown> = (route) => lazily(() => TypeBoxValidatorCompiler(route as never)) as never

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
