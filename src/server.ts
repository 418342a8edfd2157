import closeWithGrace from 'close-with-grace'
import { buildApp } from './app.js'
import { banner } from './banner.js'
import { ConfigError, loadConfig } from './config.js'
import { FixtureError } from './fixtures/index.js'

try {
  const config = loadConfig()
  const app = await buildApp(config)
  closeWithGrace({ delay: 10_000 }, async ({ err }) => {
    if (err) app.log.error({ err }, 'shutting down after an error')
    await app.close()
  })
  const url = await app.listen({ port: config.port, host: config.host })
  process.stdout.write(banner(config, app.mock.fixtures, url))
} catch (error) {
  // Configuration and fixture mistakes are the user's to fix: one line, no stack.
  const known = error instanceof ConfigError || error instanceof FixtureError ||
    (error as NodeJS.ErrnoException).code === 'EADDRINUSE'
  console.error(known ? (error as Error).message : error)
  process.exit(1)
}
