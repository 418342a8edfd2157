/**
 * Bundles the program (src/program.ts: the CLI, which the bin, npm start and the Docker CMD run, and
 * the server half of startMock()) into one CommonJS file, dist/program.cjs, and src/server.ts into
 * dist/server.js (replacing tsc's copy), the small entry that runs it; then writes
 * the program's V8 code cache (src/cli/bundle.ts). Start-up is dominated by loading code: TypeBox 1.x
 * alone is ~700 ES modules; one file starts in a third of the time, and with its code cache in
 * ~40 ms less. better-sqlite3 stays external (a native addon); everything else is inlined.
 */
import { build } from 'esbuild'
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { chmodSync, existsSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const dist = fileURLToPath(new URL('../dist', import.meta.url))

/**
 * Node modules that bundled dependencies require at load but the mock uses only on paths it never
 * takes: Fastify's HTTPS and HTTP/2 servers. Required on first use instead: ~13 ms of every cold
 * start (docs/benchmarks.md). Every line must match, so an update that changes them fails the
 * build instead of quietly paying again.
 */
const LAZY_BUILTINS = [
  {
    file: '/node_modules/fastify/lib/server.js',
    lines: [
      ["const https = require('node:https')", "const https = lazyBuiltin(() => require('node:https'))"],
      ["const http2 = require('node:http2')", "const http2 = lazyBuiltin(() => require('node:http2'))"]
    ]
  }
]

/** A module's exports, loaded on the first property read (a declaration: hoisted above its uses). */
const LAZY_BUILTIN = '\nfunction lazyBuiltin (load) { let loaded; return new Proxy({}, { get: (_, key) => (loaded ??= load())[key] }) }\n'

/** @type {import('esbuild').Plugin} */
const lazyBuiltins = {
  name: 'lazy-builtins',
  setup (build) {
    build.onLoad({ filter: /[\\/]node_modules[\\/]fastify[\\/]lib[\\/]server\.js$/ }, ({ path }) => {
      const patch = LAZY_BUILTINS.find(({ file }) => path.replaceAll('\\', '/').endsWith(file))
      if (!patch) return undefined
      let contents = readFileSync(path, 'utf8')
      for (const [line, lazy] of patch.lines) {
        if (contents.split(line).length !== 2) throw new Error(`lazy-builtins: ${patch.file} no longer has exactly one "${line}"`)
        contents = contents.replace(line, lazy)
      }
      return { contents: contents + LAZY_BUILTIN, loader: 'js' }
    })
  }
}

/**
 * The GraphQL engine's third-party code (graphql-js, mercurius and what it requires: ~1.2 MB
 * minified) is used only by Waffo's GraphQL route, on its first query. In the program it would sit in
 * the heap of every mock from the start (≈ 3.6 MB of RSS with the docs generator, docs/benchmarks.md),
 * so it is a file of its own, dist/graphql.cjs, required on first use: the program's imports of
 * `graphql` and `mercurius` read that file's exports. One copy of graphql-js, as it requires.
 */
const VENDORED = ['graphql', 'mercurius']
const VENDOR_FILE = 'graphql.cjs'

/** @type {import('esbuild').Plugin} */
const vendored = {
  name: 'vendored',
  setup (build) {
    build.onResolve({ filter: new RegExp(`^(${VENDORED.join('|')})$`) }, ({ path }) => ({ path, namespace: 'vendored' }))
    // A path built at run time: esbuild leaves the require alone (__dirname is the program's directory).
    build.onLoad({ filter: /.*/, namespace: 'vendored' }, ({ path }) => ({
      contents: `module.exports = require(__dirname + ${JSON.stringify('/' + VENDOR_FILE)})[${JSON.stringify(path)}]`,
      loader: 'js'
    }))
  }
}

/** What the program and its entry share. */
const common = { bundle: true, platform: 'node', target: 'node20', allowOverwrite: true, logLevel: 'warning' }

/** @type {import('esbuild').BuildOptions} */
const programOptions = {
  ...common,
  entryPoints: [fileURLToPath(new URL('../src/program.ts', import.meta.url))],
  // CommonJS: Node 20 keeps a code cache for a vm.Script, never for an ES module (src/cli/bundle.ts).
  format: 'cjs',
  // The docs UI serves files from its own package directory, so it is loaded from node_modules;
  // pino-pretty is optional (loaded only when installed and asked for).
  // @fastify/swagger (the OpenAPI document, built on its first request) is one small file: required from there.
  external: ['better-sqlite3', '@fastify/swagger-ui', '@fastify/swagger', 'pino-pretty'],
  // Node keeps the whole source in the heap: minified (names kept) it is a third smaller, and with
  // the comments gone it is pure ASCII (one byte per character instead of two): −9 MB of RSS.
  minifyWhitespace: true,
  minifySyntax: true,
  // Files beside the program (the demo fixtures) are found from import.meta.url, which CommonJS lacks.
  banner: { js: "const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  plugins: [lazyBuiltins, vendored]
}

/** The entry: heap flags, then the program beside it (its code is src/server.ts and src/cli/bundle.ts). */
const entryOptions = { ...common, entryPoints: [fileURLToPath(new URL('../src/server.ts', import.meta.url))], format: 'esm' }

/**
 * dist/program.cjs, dist/graphql.cjs and dist/server.js in outdir, as `npm run build` makes them (tests bundle with it
 * too); define names the demo fixtures' digest and the baked schema.
 */
export async function bundleServer ({ outdir, define, sourcemap = true }) {
  await build({ ...programOptions, outfile: join(outdir, 'program.cjs'), sourcemap, define: { ...define, 'import.meta.url': '__importMetaUrl' } })
  await build({
    ...common,
    stdin: { contents: VENDORED.map((name) => `exports[${JSON.stringify(name)}] = require(${JSON.stringify(name)})`).join('\n'), resolveDir: fileURLToPath(new URL('..', import.meta.url)), loader: 'js' },
    outfile: join(outdir, VENDOR_FILE),
    format: 'cjs',
    minifyWhitespace: true,
    minifySyntax: true,
    sourcemap
  })
  await build({ ...entryOptions, outfile: join(outdir, 'server.js') })
  // The package's bin: written anew (tsc's copy was overwritten in place), so mark it executable.
  chmodSync(join(outdir, 'server.js'), 0o755)
}

/** The node flags of `npm start` (package.json): one of the command lines a code cache is written for. */
function startFlags () {
  const { scripts } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'))
  return scripts.start.split(/\s+/).slice(1, -1)
}

/**
 * The demo fixtures, validated here with the built schema (tsc ran first), so the server skips
 * re-validating those exact bytes at every start (documents.ts compares their SHA-256).
 */
async function validatedFixtures () {
  // A build without them (a trimmed checkout) only loses the shortcut: the server validates at start.
  if (!existsSync(DEMO_FIXTURES)) return undefined
  const { parseFixture } = await import('../dist/apis/index.js')
  parseFixture('fixtures/default.json', readFileSync(DEMO_FIXTURES, 'utf8')) // throws a FixtureError: the build fails
  return demoFixturesDigest()
}

const DEMO_FIXTURES = fileURLToPath(new URL('../fixtures/default.json', import.meta.url))
/** The define that tells the server these bytes were validated (tests bundle with it too). */
export const demoFixturesDigest = () => createHash('sha256').update(readFileSync(DEMO_FIXTURES, 'utf8')).digest('hex')

/** A new database's tables as one script (src/db/baked-schema.ts), made by the built migrations. */
async function bakedSchema () {
  const { MIGRATIONS } = await import('../dist/apis/index.js')
  const { bakeSchema } = await import('../dist/db/open.js')
  return bakeSchema(MIGRATIONS)
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  rmSync(`${dist}/chunks`, { recursive: true, force: true }) // an older build's ES module chunks
  const digest = await validatedFixtures()
  const define = { BAKED_SCHEMA: JSON.stringify(JSON.stringify(await bakedSchema())), ...(digest ? { VALIDATED_FIXTURES_SHA256: JSON.stringify(digest) } : {}) }
  await bundleServer({ outdir: dist, define })
  // A code cache for each way the program is started: `npm start` (and the image's CMD), and the bin's plain `node`.
  const { codeCacheFile } = await import('../dist/cli/bundle.js')
  const program = join(dist, 'program.cjs')
  for (const name of readdirSync(dist)) if (name.endsWith('.v8-cache')) rmSync(join(dist, name)) // an older build's
  for (const flags of [startFlags(), []]) {
    execFileSync(process.execPath, [...flags, fileURLToPath(new URL('write-code-cache.mjs', import.meta.url)), program], { stdio: 'inherit' })
    if (!existsSync(codeCacheFile(program, flags))) throw new Error(`no code cache was written for node ${flags.join(' ')}`)
  }
}
