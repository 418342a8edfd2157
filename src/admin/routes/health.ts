import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'

/** The one answer, serialized once. */
const OK = JSON.stringify({ status: 'ok' })

export const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/health', {
    config: { public: 'container health probes run without credentials' },
    schema: { response: { 200: Type.Object({ status: Type.Literal('ok') }, { examples: [{ status: 'ok' }] }) } },
    // The probe a cold start waits for: compiling fast-json-stringify's first serializer was ~8 ms
    // of that first request (docs/benchmarks.md), for an answer that never changes.
    serializerCompiler: () => () => OK
  }, (_request, reply) => { reply.send({ status: 'ok' as const }) })
}
