// The bare Fastify baseline: no auth, no schema, no database. It replays bytes captured from the
// mock (BASELINE_RESPONSES, a JSON file of { method, url, status, contentType, body }) on the same
// routes, so a load test can send the very same requests to both servers.
// Plain JavaScript on purpose: it must start exactly like `node dist/server.js`, with no
// TypeScript loader, or the cold-start ratio would flatter the mock.
import { readFileSync } from 'node:fs'
import Fastify from 'fastify'

const app = Fastify({ logger: false })
app.get('/health', async () => ({ status: 'ok' }))

const file = process.env.BASELINE_RESPONSES
const responses = file ? JSON.parse(readFileSync(file, 'utf8')) : []
for (const { method, url, status, contentType, body } of responses) {
  app.route({ method, url, handler: (_request, reply) => { reply.code(status).type(contentType).send(body) } })
}

const url = await app.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' })
process.stdout.write(`baseline listening on ${url}\n`)
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => { app.close().then(() => process.exit(0)) })
