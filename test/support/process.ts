import { spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'

export const ROOT = fileURLToPath(new URL('../..', import.meta.url))

/** Runs a TypeScript entry point of this repo (current sources, through tsx) as a child process. */
export function runTs (entry: string, args: string[] = [], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, ['--import', 'tsx', entry, ...args], {
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

/** Parses the curl lines the banner and `npm run curl` print into a fetch call. */
export function parseCurl (text: string): { method: string, url: string, headers: Record<string, string>, body?: string } {
  const line = text.replace(/\\\n\s*/g, ' ')
  const [, method, url] = line.match(/curl -X (\w+) "([^"]+)"/)!
  const headers = Object.fromEntries([...line.matchAll(/-H "([^:]+): ([^"]*)"/g)].map(([, name, value]) => [name!, value!]))
  const data = line.match(/--data '((?:[^']|'\\'')*)'/)?.[1]?.replaceAll("'\\''", "'")
  return { method: method!, url: url!, headers, ...(data === undefined ? {} : { body: data }) }
}

export async function sendCurl (text: string) {
  const { method, url, headers, body } = parseCurl(text)
  return fetch(url, { method, headers, ...(body === undefined ? {} : { body }) })
}

/** A response body as loosely typed as the assertions that inspect it. */
export const json = async (response: Response): Promise<any> => response.json()
