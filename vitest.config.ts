import { availableParallelism } from 'node:os'
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

const source = (path: string) => fileURLToPath(new URL(path, import.meta.url))

export default defineConfig({
  // The package's own entry points, as a consumer imports them (README's consumer suite), from source.
  resolve: {
    alias: {
      'toco-waffo-mock/client': source('./src/client/index.ts'),
      'toco-waffo-mock/signing': source('./src/signing/index.ts')
    }
  },
  test: {
    include: ['test/**/*.test.ts'],
    // Vitest leaves one core idle (cpus - 1), which is one worker on a 2-core CI runner; many files
    // wait on child processes (pack, server, Chromium), so a worker per core cuts the wall time by a third (305 → 200 s).
    maxWorkers: availableParallelism(),
    testTimeout: 20_000,
    hookTimeout: 20_000
  }
})
