/**
 * What the built program (dist/program.cjs, one file with a V8 code cache: src/cli/bundle.ts)
 * offers: the command line, which dist/server.js runs, and the server half of `startMock()`, which
 * the package's client runs.
 */
export { main } from './cli/main.js'
export { startMockServer } from './client/start.js'
