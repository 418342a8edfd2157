import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createServer, type AddressInfo } from 'node:net'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseCurlLine } from '../../src/signing/curl.js'

export const ROOT = fileURLToPath(new URL('../..', import.meta.url))

/** `npm start`'s command from package.json (this checkout's, or another built one's), split: `node`, its flags, the entry. */
export const npmStartCommand = (root = ROOT): string[] =>
  (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start.split(/\s+/)

/** Runs a TypeScript entry point of this repo (current sources, through tsx) as a child process. */
export function runTs (entry: string, args: string[] = [], env: Record<string, string> = {}) {
  return runNode(['--import', 'tsx', entry, ...args], env)
}

/** `node <args>` in the repository, quiet (LOG_LEVEL=warn) unless env says otherwise, its output collected. */
export function runNode (args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  const output = { stdout: '', stderr: '' }
  child.stdout!.on('data', (chunk) => { output.stdout += chunk })
  child.stderr!.on('data', (chunk) => { output.stderr += chunk })
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  return { child, output, exited }
}

/** Resolves once stdout matches, or rejects when the process exits first. */
export function waitFor (run: ReturnType<typeof runTs>, pattern: RegExp): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const match = run.output.stdout.match(pattern)
      if (match) { resolve(match); return true }
      return false
    }
    if (check()) return
    run.child.stdout!.on('data', check)
    run.exited.then((code) => reject(new Error(`exited with ${code} before ${pattern}: ${run.output.stderr}`)))
  })
}

export function stop (child: ChildProcess): void {
  if (child.exitCode === null) child.kill('SIGKILL')
}

export async function sendCurl (text: string) {
  const { method, url, headers, body } = parseCurlLine(text)
  return fetch(url, { method, headers, ...(body === undefined ? {} : { body }) })
}

/** A response body as loosely typed as the assertions that inspect it. */
export const json = async (response: Response): Promise<any> => response.json()

/** A port nobody listens on right now (the OS's pick), for a child told its port on the command line: a random one can collide with a parallel test's server. */
export async function freePort (): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise((resolve) => server.close(resolve))
  return port
}
