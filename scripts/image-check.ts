/**
 * `npm run image:check [-- --file Dockerfile --context . --keep]`: the Dockerfile proven without a
 * Docker engine. Parses it (dockerfile-ast), lints it (dockerfile-utils: hadolint is on neither
 * registry we reach), then replays it in an empty temporary directory, one sub-directory per
 * stage standing for its root file system:
 *   COPY       copies exactly the paths named, from the build context minus .dockerignore (or from
 *              an earlier stage with --from): a file the image needs but no COPY names is missing;
 *   RUN        runs npm steps (install, build, prune) there, with the stage's ENV; system steps
 *              (apt-get, mkdir/chown of a volume path) cannot run outside a container and are listed;
 *              any other RUN fails, so this script and the Dockerfile stay in step;
 *   CMD        must be `npm start`'s command; it is started with the final stage's ENV only (plus
 *              PATH), on a free PORT, until the HEALTHCHECK command passes; then SIGTERM, exit 0.
 * Exits 1 at the first step that fails, naming it.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { createServer, type AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, isAbsolute, join, posix, relative, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import dockerignoreModule, { type Ignore } from '@balena/dockerignore'
import { DockerfileParser, type Copy, type Env, type Healthcheck, type Instruction, type JSONInstruction } from 'dockerfile-ast'
import { validate } from 'dockerfile-utils'

// The package is CommonJS (module.exports = factory) while its types declare a default export.
const dockerignore = dockerignoreModule as unknown as typeof dockerignoreModule.default

export class ImageCheckError extends Error {
  override name = 'ImageCheckError'
}

interface Stage { name: string, root: string, workdir: string, env: Record<string, string>, user: string }

interface Options { context: string, file: string, keep?: boolean, log?: (line: string) => void }

/** Steps that set up the operating system: not replayable without a container, listed instead. */
const SYSTEM_STEP = /^(apt-get|rm -rf \/var\/lib\/apt\/lists|mkdir -p \/\S+|chown [\w:]+ \/\S+)/

export async function checkImage ({ context, file, keep = false, log = console.log }: Options): Promise<void> {
  const text = readFileSync(file, 'utf8')
  const dockerfile = DockerfileParser.parse(text)
  const lines = text.split('\n')
  const problems = validate(text).filter((diagnostic) => diagnostic.severity === 1)
  if (problems.length > 0) throw new ImageCheckError(`lint: ${problems.map((problem) => `line ${problem.range.start.line + 1}: ${problem.message}`).join('; ')}`)
  log(`✓ parsed and linted ${relative(process.cwd(), file) || file}: ${dockerfile.getInstructions().length} instructions, ${dockerfile.getFROMs().length} stages`)

  const ignored = dockerignore().add(existsSync(join(context, '.dockerignore')) ? readFileSync(join(context, '.dockerignore'), 'utf8').split('\n') : [])
  const tmp = mkdtempSync(join(tmpdir(), 'image-check-'))
  const stages: Stage[] = []
  let stage: Stage | undefined
  let healthcheck: string[] | undefined
  let cmd: string[] | undefined
  try {
    for (const instruction of dockerfile.getInstructions()) {
      const keyword = instruction.getKeyword()
      const line = instruction.getRange().start.line
      const step = `line ${line + 1}: ${lines[line]!.replace(/\s*\\$/, ' …')}`.slice(0, 110)
      if (keyword === 'FROM') {
        stage = fromStage(instruction, stages.length, tmp)
        stages.push(stage)
        log(`✓ ${step}`)
        continue
      }
      if (!stage) throw new ImageCheckError(`${step}: before any FROM`)
      switch (keyword) {
        case 'WORKDIR':
          stage.workdir = posix.resolve(stage.workdir, instruction.getArgumentsContent()!)
          mkdirSync(inStage(stage, stage.workdir), { recursive: true })
          break
        case 'ENV':
          for (const property of (instruction as Env).getProperties()) stage.env[property.getName()] = property.getValue() ?? ''
          break
        case 'USER':
          stage.user = instruction.getArgumentsContent()!
          break
        case 'COPY': {
          const files = copy(instruction as Copy, stage, stages, context, ignored)
          log(`✓ ${step} (${files} file${files === 1 ? '' : 's'})`)
          continue
        }
        case 'RUN':
          await run(instruction.getArgumentsContent()!, stage, step, log)
          continue
        case 'HEALTHCHECK':
          healthcheck = jsonCommand((instruction as Healthcheck).getArgumentsContent()!.replace(/^CMD\s+/, ''), step)
          break
        case 'CMD':
          cmd = (instruction as JSONInstruction).getJSONStrings().map((string) => string.getJSONValue())
          if (cmd.length === 0) throw new ImageCheckError(`${step}: use the JSON form, so the server is PID 1 and gets SIGTERM`)
          break
        case 'EXPOSE': case 'VOLUME': case 'LABEL':
          break
        default:
          throw new ImageCheckError(`${step}: image:check cannot replay ${keyword}; teach scripts/image-check.ts first`)
      }
      log(`✓ ${step}`)
    }
    if (!stage || !cmd) throw new ImageCheckError('no CMD in the final stage')
    if (!healthcheck) throw new ImageCheckError('no HEALTHCHECK CMD in the final stage')
    sameAsNpmStart(cmd, stage)
    readableBy(stage)
    await startAndProbe(cmd, healthcheck, stage, log)
  } finally {
    if (keep) log(`(kept ${tmp})`)
    else rmSync(tmp, { recursive: true, force: true })
  }
}

function fromStage (instruction: Instruction, index: number, tmp: string): Stage {
  const [image, as, name] = instruction.getArguments().map((argument) => argument.getValue())
  // The replay runs on this machine's Node: it must be the major version of the base image.
  const major = image?.match(/^node:(\d+)/)?.[1]
  if (!major) throw new ImageCheckError(`FROM ${image}: only official node images can be replayed`)
  if (major !== process.versions.node.split('.')[0]) throw new ImageCheckError(`FROM ${image}: replaying needs Node ${major}, this is ${process.version}`)
  const stageName = as?.toUpperCase() === 'AS' && name ? name : String(index)
  const root = join(tmp, `stage-${index}-${stageName}`)
  mkdirSync(root)
  return { name: stageName, root, workdir: '/', env: {}, user: 'root' }
}

const inStage = (stage: Stage, path: string) => join(stage.root, posix.resolve(stage.workdir, path))

/** COPY [--from=stage] src… dest, as Docker does it: a directory's contents, a file by name. */
function copy (instruction: Copy, stage: Stage, stages: Stage[], context: string, ignored: Ignore): number {
  const from = instruction.getFromFlag()?.getValue()
  const args = instruction.getArguments().map((argument) => argument.getValue())
  const dest = args.pop()!
  const source = from === undefined ? undefined : stages.find((candidate) => candidate.name === from)
  if (from !== undefined && !source) throw new ImageCheckError(`COPY --from=${from}: no such stage`)
  let files = 0
  for (const src of args) {
    if (/[*?[]/.test(src)) throw new ImageCheckError(`COPY ${src}: wildcards are not replayed; name the paths`)
    const path = source ? join(source.root, posix.resolve('/', src)) : resolve(context, src)
    const inContext = source ? undefined : relative(context, path)
    if (inContext !== undefined && (inContext.startsWith('..') || isAbsolute(inContext))) throw new ImageCheckError(`COPY ${src}: outside the build context`)
    if (!existsSync(path) || (inContext !== undefined && inContext !== '' && ignored.ignores(inContext))) {
      throw new ImageCheckError(`COPY ${src}: not found in the ${source ? `stage ${source.name}` : 'build context (or excluded by .dockerignore)'}`)
    }
    const directory = statSync(path).isDirectory()
    const target = inStage(stage, dest.endsWith('/') || args.length > 1 ? posix.join(dest, directory ? '' : posix.basename(src)) : dest)
    mkdirSync(directory ? target : dirname(target), { recursive: true })
    cpSync(path, target, {
      recursive: true,
      verbatimSymlinks: true,
      // The build context goes through .dockerignore; a stage's files were already filtered.
      filter: (file) => {
        const name = relative(context, file)
        if (inContext !== undefined && name !== inContext && ignored.ignores(name)) return false
        if (lstatSync(file).isFile()) files++
        return true
      }
    })
  }
  return files
}

async function run (command: string, stage: Stage, step: string, log: (line: string) => void): Promise<void> {
  const parts = command.split(/\s*&&\s*/)
  if (parts.every((part) => SYSTEM_STEP.test(part))) {
    log(`- ${step}\n    not replayed (system set-up: needs a container)`)
    return
  }
  if (!parts.every((part) => /^npm /.test(part))) throw new ImageCheckError(`${step}: image:check replays npm steps and lists system ones; this is neither`)
  const started = Date.now()
  const { code, output } = await exec('sh', ['-c', command], { cwd: inStage(stage, '.'), env: { ...process.env, ...stage.env } })
  if (code !== 0) throw new ImageCheckError(`${step}: exit ${code}\n${output.split('\n').slice(-30).join('\n')}`)
  log(`✓ ${step} (${((Date.now() - started) / 1000).toFixed(1)} s)`)
}

function exec (command: string, args: string[], options: { cwd: string, env: NodeJS.ProcessEnv }): Promise<{ code: number | null, output: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    child.stdout.on('data', (chunk) => { output += chunk })
    child.stderr.on('data', (chunk) => { output += chunk })
    child.on('exit', (code) => resolve({ code, output }))
  })
}

function jsonCommand (text: string, step: string): string[] {
  try {
    const command = JSON.parse(text) as unknown
    if (Array.isArray(command) && command.length > 0 && command.every((part) => typeof part === 'string')) return command
  } catch {}
  throw new ImageCheckError(`${step}: use the JSON form (CMD ["node", …]) so it runs without a shell`)
}

/** `npm start` and the CMD must run the same entry with the same flags. */
function sameAsNpmStart (cmd: string[], stage: Stage): void {
  const packageJson = inStage(stage, 'package.json')
  if (!existsSync(packageJson)) throw new ImageCheckError('package.json is not in the final stage\'s WORKDIR')
  const start = (JSON.parse(readFileSync(packageJson, 'utf8')) as { scripts?: { start?: string } }).scripts?.start
  if (start !== cmd.join(' ')) throw new ImageCheckError(`CMD ${JSON.stringify(cmd)} is not npm start (${start})`)
}

/** COPY makes root-owned files with their modes: a non-root USER must still be able to read them. */
function readableBy (stage: Stage): void {
  if (stage.user === 'root') return
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name)
      if (entry.isSymbolicLink()) continue
      const mode = lstatSync(path).mode
      if ((mode & 0o004) === 0 || (entry.isDirectory() && (mode & 0o001) === 0)) {
        throw new ImageCheckError(`${relative(stage.root, path)} is not readable by USER ${stage.user}`)
      }
      if (entry.isDirectory()) walk(path)
    }
  }
  walk(inStage(stage, '.'))
}

async function freePort (): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise((resolve) => server.close(resolve))
  return port
}

/** Starts the CMD as the container would (its ENV, not this shell's) and waits for the HEALTHCHECK to pass. */
async function startAndProbe (cmd: string[], healthcheck: string[], stage: Stage, log: (line: string) => void): Promise<void> {
  // A free port instead of the image's, so a mock already running here does not answer for this one.
  const env = { PATH: process.env.PATH ?? '', HOME: stage.root, ...stage.env, PORT: String(await freePort()) }
  const node = (command: string[]) => command[0] === 'node' ? [process.execPath, ...command.slice(1)] : command
  const [program, ...args] = node(cmd)
  const server: ChildProcess = spawn(program!, args, { cwd: inStage(stage, '.'), env, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  server.stdout!.on('data', (chunk) => { output += chunk })
  server.stderr!.on('data', (chunk) => { output += chunk })
  const exited = new Promise<number | null>((resolve) => server.on('exit', (code) => resolve(code)))
  try {
    const started = Date.now()
    for (;;) {
      if (server.exitCode !== null) throw new ImageCheckError(`CMD ${cmd.join(' ')} exited ${server.exitCode} before healthy:\n${output.trim()}`)
      const [probe, ...probeArgs] = node(healthcheck)
      if ((await exec(probe!, probeArgs, { cwd: inStage(stage, '.'), env })).code === 0) break
      if (Date.now() - started > 30_000) throw new ImageCheckError(`HEALTHCHECK did not pass within 30 s:\n${output.trim()}`)
      await new Promise((resolve) => setTimeout(resolve, 300))
    }
    log(`✓ CMD ${cmd.join(' ')} (ENV ${Object.keys(stage.env).join(', ')}; PORT ${env.PORT}): HEALTHCHECK passed after ${Date.now() - started} ms`)
    server.kill('SIGTERM')
    const code = await exited
    if (code !== 0) throw new ImageCheckError(`SIGTERM: exit ${code} instead of 0:\n${output.trim()}`)
    log('✓ SIGTERM: exit 0')
  } finally {
    if (server.exitCode === null) server.kill('SIGKILL')
  }
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname)) {
  const { values } = parseArgs({ options: { file: { type: 'string', default: 'Dockerfile' }, context: { type: 'string', default: '.' }, keep: { type: 'boolean' } } })
  try {
    await checkImage({ context: resolve(values.context), file: resolve(values.file), keep: values.keep ?? false })
    console.log('image:check passed')
  } catch (error) {
    if (!(error instanceof ImageCheckError)) throw error
    console.error(`image:check FAILED at ${error.message}`)
    process.exitCode = 1
  }
}
