import { createRequire } from 'node:module'

/**
 * `require` for the packages loaded on first use (@fastify/swagger, @fastify/swagger-ui,
 * pino-pretty), all CommonJS. Not `import()`: inside the bundle, Node 20 answers a dynamic import
 * with ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING once V8 has taken the program's code cache
 * (src/cli/bundle.ts), so /__admin/openapi.json answered 500 under `npm start`.
 */
export const lazyRequire = createRequire(import.meta.url)
