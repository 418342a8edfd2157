import { SerializerSelector } from '@fastify/fast-json-stringify-compiler'
import { TypeBoxValidatorCompiler } from '@fastify/type-provider-typebox'
import type { FastifySchemaCompiler, FastifyServerOptions } from 'fastify'

/**
 * A route's compiled schema, built on its first use instead of at start-up. Fastify compiles
 * every route's validator and response serializers while booting (fast-json-stringify builds an
 * Ajv instance per serializer): a third of the cold start, for routes most runs never call.
 */
function lazily<In, Out> (build: () => (input: In) => Out): (input: In) => Out {
  let compiled: ((input: In) => Out) | undefined
  return (input) => (compiled ??= build())(input)
}

/** Fastify's own serializer factory (fast-json-stringify), each route's serializer compiled when first used. */
export const lazySerializers: NonNullable<FastifyServerOptions['schemaController']> = {
  compilersFactory: {
    buildSerializer: (externalSchemas: unknown, options: unknown) => {
      const compile = SerializerSelector()(externalSchemas, options as never)
      return (route: Parameters<typeof compile>[0]) => lazily(() => compile(route))
    }
  }
}

/** TypeBox's validator, compiled on the route's first request. */
export const lazyTypeBoxValidator: FastifySchemaCompiler<unknown> = (route) => lazily(() => TypeBoxValidatorCompiler(route as never)) as never
