// The floor plan, read from the source: imports run downward only, no two parts (nor two folders
// of one API) import each other, nothing below the registry imports it, and the core never names an API.
import { readdirSync, readFileSync } from 'node:fs'
import { join, posix, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const SRC = fileURLToPath(new URL('../src/', import.meta.url))

/** Lowest first: a file may import its own floor or a lower one, never a higher one. */
const FLOORS: ReadonlyArray<readonly string[]> = [
  ['db', 'http', 'signing', 'clock.ts', 'config.ts'],
  ['core'],
  ['control'],
  ['admin', 'apis'],
  ['app.ts', 'banner.ts'],
  ['cli', 'client'],
  ['server.ts', 'program.ts']
]
const REGISTRY = 'apis/index.ts'
/** Where an API's name may appear only in comments. */
const NAMELESS = ['core', 'control', 'admin', 'app.ts', 'config.ts', 'server.ts', 'program.ts']

function sourceFiles (dir = SRC): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(path)
    return entry.name.endsWith('.ts') ? [relative(SRC, path).split('\\').join('/')] : []
  })
}

const FILES = sourceFiles()
const text = (file: string) => readFileSync(join(SRC, file), 'utf8')

/** Every relative import (static, re-export, type-only or dynamic) of a file, as paths under src/. */
function importsOf (file: string): string[] {
  const specifiers = [...text(file).matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)].map((match) => match[1]!)
  return specifiers.map((specifier) => posix.normalize(posix.join(posix.dirname(file), specifier)).replace(/\.js$/, '.ts'))
}

/** The part a file belongs to: a top-level folder or file, and each API's own folder. */
function partOf (file: string): string {
  const [top, second] = file.split('/')
  return top === 'apis' && second && !second.endsWith('.ts') ? `apis/${second}` : top!
}
const floorOf = (file: string) => FLOORS.findIndex((floor) => floor.includes(file.split('/')[0]!))

const EDGES = FILES.flatMap((from) => importsOf(from).map((to) => ({ from, to })))

/** Every cycle of a graph, each once (from its smallest node). */
function cyclesOf (next: ReadonlyMap<string, ReadonlySet<string>>): string[] {
  const cycles: string[] = []
  const visit = (part: string, path: string[]) => {
    for (const to of next.get(part) ?? []) {
      if (to === path[0]) cycles.push([...path, to].join(' → '))
      else if (!path.includes(to) && to > path[0]!) visit(to, [...path, to])
    }
  }
  for (const part of next.keys()) visit(part, [part])
  return cycles
}

describe('architecture', () => {
  it('knows the floor of every source file', () => {
    expect(FILES.filter((file) => floorOf(file) === -1)).toEqual([])
    expect(EDGES.filter(({ to }) => !FILES.includes(to))).toEqual([])
  })

  it('imports only downward', () => {
    const upward = EDGES.filter(({ from, to }) => floorOf(to) > floorOf(from)).map(({ from, to }) => `${from} → ${to}`)
    expect(upward).toEqual([])
  })

  it('has no cycle between parts (top-level folders, each API)', () => {
    const next = new Map<string, Set<string>>()
    for (const { from, to } of EDGES) {
      if (partOf(from) === partOf(to)) continue
      if (!next.has(partOf(from))) next.set(partOf(from), new Set())
      next.get(partOf(from))!.add(partOf(to))
    }
    expect(cyclesOf(next)).toEqual([])
  })

  it('has no cycle between an API\'s sub-folders', () => {
    const folderOf = (file: string) => /^apis\/[^/]+\/[^/]+\//.exec(file)?.[0]
    const next = new Map<string, Set<string>>()
    for (const { from, to } of EDGES) {
      const [a, b] = [folderOf(from), folderOf(to)]
      if (a === undefined || b === undefined || a === b) continue
      if (!next.has(a)) next.set(a, new Set())
      next.get(a)!.add(b)
    }
    expect(next.size).toBeGreaterThan(4)
    expect(cyclesOf(next)).toEqual([])
  })

  it('is imported by nothing below the registry', () => {
    const below = EDGES.filter(({ from, to }) => to === REGISTRY && (from.startsWith('apis/') || floorOf(from) <= floorOf(REGISTRY)))
    expect(below.map(({ from }) => from)).toEqual([])
  })
  it('never names an API in the core, the control plane, the app, the server or the config (comments aside)', () => {
    const named = FILES.filter((file) => NAMELESS.includes(file.split('/')[0]!)).flatMap((file) => {
      const code = text(file)
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .replace(/(^|[^:'"`])\/\/.*$/gm, '$1')
      // A name, not a syllable of another word (the page's `autocomplete` attribute).
      return code.split('\n').flatMap((line, index) => /(?<![a-z])(toco|waffo)/i.test(line) ? [`${file}:${index + 1}: ${line.trim()}`] : [])
    })
    expect(named).toEqual([])
  })
})

// The test's own parser, checked against a line of each form it must see.
it('reads static, type-only, re-exported and dynamic imports', () => {
  const sample = "import a from './a.js'\nimport type { B } from '../b.js'\nexport { c } from './c/index.js'\nconst d = await import('./d.js')"
  const found = [...sample.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)].map((match) => match[1])
  expect(found).toEqual(['./a.js', '../b.js', './c/index.js', './d.js'])
})
