import type { RouteInfo } from '../core/routes.js'
import type { NearMiss } from '../core/journal.js'

interface Candidate { method: string, url: string, segments: string[] }

const split = (path: string) => path.split('/').slice(1)
const isParam = (segment: string) => segment.startsWith(':') || segment === '*'
const literals = (segments: string[]) => segments.filter((part) => !isParam(part)).length

function matches (candidate: Candidate, segments: string[]): boolean {
  return candidate.segments.length === segments.length &&
    candidate.segments.every((part, i) => isParam(part) ? segments[i] !== '' : part === segments[i])
}

/** Edit distance, capped: anything above `max` counts as max + 1. */
function distance (a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1))
    }
    previous = current
  }
  return previous[b.length]!
}

/** The one literal segment that differs by a typo (at most 2 edits, and at most half the word), if that is all. */
function typo (candidate: Candidate, segments: string[]): string | undefined {
  if (candidate.segments.length !== segments.length) return undefined
  let found: string | undefined
  for (const [i, part] of candidate.segments.entries()) {
    const given = segments[i]!
    if (isParam(part) ? given !== '' : part === given) continue
    if (found !== undefined || isParam(part)) return undefined
    const max = Math.min(2, Math.floor(part.length / 2))
    if (distance(given, part, max) > max) return undefined
    found = `"${given}" looks like "${part}"`
  }
  return found
}

/**
 * For a request no route matched: the closest real route — the same path under another
 * method, a trailing slash, a missing API prefix, or a typo in one segment.
 */
export function nearMissFinder (routes: readonly RouteInfo[], prefixes: readonly string[]) {
  let candidates: Candidate[] | undefined
  const all = () => (candidates ??= routes
    .filter((route) => !route.url.startsWith('/__admin') && route.method !== 'HEAD')
    .map((route) => ({ method: route.method, url: route.url, segments: split(route.url) })))

  return function nearMiss (method: string, path: string): NearMiss | undefined {
    const segments = split(path)
    // Same-method candidates first: they are what the caller most likely meant.
    const ordered = [...all().filter((c) => c.method === method), ...all().filter((c) => c.method !== method)]
    const pick = (test: (c: Candidate) => string | undefined) => {
      for (const c of ordered) {
        const why = test(c)
        if (why) return { method: c.method, url: c.url, why }
      }
      return undefined
    }
    const otherMethod = pick((c) => c.method !== method && matches(c, segments) ? `the route exists for ${c.method}, not ${method}` : undefined)
    // As a router prefers a literal segment to a parameter, a same-method route with more literal
    // segments that differs by a typo beats another method's route that took the word as a parameter.
    const literalTypo = otherMethod &&
      pick((c) => c.method === method && literals(c.segments) > literals(split(otherMethod.url)) ? typo(c, segments) : undefined)
    return literalTypo ?? otherMethod ??
      pick((c) => path.length > 1 && path.endsWith('/') && matches(c, split(path.slice(0, -1))) ? 'remove the trailing slash' : undefined) ??
      pick((c) => {
        const prefix = prefixes.find((p) => matches(c, split(p + path)))
        return prefix ? `the path is missing the ${prefix} prefix` : undefined
      }) ??
      pick((c) => typo(c, segments))
  }
}
