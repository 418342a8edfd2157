import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs'
import { join } from 'node:path'
// @ts-expect-error a plain .mjs build script, without types
import { bundleServer, demoFixturesDigest } from '../../scripts/bundle-server.mjs'
import { MIGRATIONS } from '../../src/apis/index.js'
import { bakeSchema } from '../../src/db/open.js'
import { ROOT, runNode } from './process.js'

let bundled: Promise<{ file: string, remove: () => void }> | undefined

/**
 * The current sources bundled as `npm run build` bundles them (dist/server.js and dist/program.cjs;
 * once per test file, without the code cache), so tests start the program users run in ~0.3 s
 * instead of ~1.5 s through tsx. It lives inside the repository, so better-sqlite3 resolves from node_modules as dist/'s does.
 */
export function bundledServer (): Promise<{ file: string, remove: () => void }> {
  bundled ??= (async () => {
    // Under node_modules/.cache: ignored by git, eslint and npm pack (which a parallel test runs).
    const cache = join(ROOT, 'node_modules', '.cache', 'toco-waffo-mock-tests')
    mkdirSync(cache, { recursive: true })
    const dir = mkdtempSync(join(cache, 'bundle-'))
    // <dir>/dist/server.js beside <dir>/fixtures, as in the package: the demo fixtures resolve as they do there.
    const file = join(dir, 'dist', 'server.js')
    symlinkSync(join(ROOT, 'fixtures'), join(dir, 'fixtures'))
    // As `npm run build` bundles: the demo fixtures (validated by test/fixtures.test.ts) named by their digest, the new database's baked tables.
    const define = { VALIDATED_FIXTURES_SHA256: JSON.stringify(demoFixturesDigest()), BAKED_SCHEMA: JSON.stringify(JSON.stringify(bakeSchema(MIGRATIONS))) }
    await bundleServer({ outdir: join(dir, 'dist'), sourcemap: false, define })
    return { file, remove: () => rmSync(dir, { recursive: true, force: true }) }
  })()
  return bundled
}

/** Runs the bundled program (what `npx toco-waffo-mock` runs) with these arguments and environment. */
export async function runBundled (args: string[] = [], env: Record<string, string> = {}) {
  return runNode([(await bundledServer()).file, ...args], env)
}
