import { randomUUID } from 'node:crypto'
import { globMatcher } from './glob.js'

export interface FaultRule {
  api?: string
  method?: string
  /** The request path, exact or with `*`; with or without the API's prefix. */
  path: string
  /** Only requests authenticated as this partner / merchant (checked after the API's guard). */
  tenant?: string
  /** Applies this many times, then is removed. Absent: until deleted. */
  times?: number
  /** Chance (0–1) that a matching request is faulted; drawn from `seed` when given, so runs repeat. */
  probability?: number
  seed?: number
  respond?: { status: number, body?: unknown, headers?: Record<string, string> }
  delayMs?: number
  drop?: true
}

export interface Fault extends FaultRule {
  id: string
  /** How many requests it has faulted so far. */
  hits: number
}

export interface FaultTarget {
  api: string | undefined
  method: string
  path: string
  /** The path without its API's prefix. */
  localPath: string | undefined
  tenant: string | undefined
}

interface Armed { fault: Fault, matches: (target: FaultTarget) => boolean, draw: () => number }

/** mulberry32: a tiny seeded generator, so a `probability` rule with a `seed` faults the same requests each run. */
function seeded (seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6D2B79F5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

/** The active fault rules, in the order they were added: the first that matches applies. */
export class FaultBook {
  private armed: Armed[] = []

  get size (): number { return this.armed.length }

  add (rule: FaultRule): Fault {
    const fault: Fault = { id: `flt_${randomUUID().replaceAll('-', '').slice(0, 12)}`, ...rule, hits: 0 }
    const path = globMatcher(rule.path)
    const method = rule.method?.toUpperCase()
    this.armed.push({
      fault,
      matches: (target) =>
        (rule.api === undefined || rule.api === target.api) &&
        (method === undefined || method === target.method) &&
        (rule.tenant === undefined || rule.tenant === target.tenant) &&
        (path(target.path) || (target.localPath !== undefined && path(target.localPath))),
      draw: rule.seed === undefined ? Math.random : seeded(rule.seed)
    })
    return fault
  }

  list (): Fault[] { return this.armed.map(({ fault }) => fault) }

  remove (id: string): boolean {
    const before = this.armed.length
    this.armed = this.armed.filter(({ fault }) => fault.id !== id)
    return this.armed.length < before
  }

  clear (): number {
    const count = this.armed.length
    this.armed = []
    return count
  }

  /**
   * The rule that applies to this request, if any, counted as a hit. `withTenant` picks the rules
   * that name a tenant (evaluated once the guard has authenticated) or those that do not (evaluated
   * on arrival, before anything else).
   */
  take (target: FaultTarget, withTenant: boolean): Fault | undefined {
    for (const armed of this.armed) {
      if ((armed.fault.tenant !== undefined) !== withTenant || !armed.matches(target)) continue
      if (armed.fault.probability !== undefined && armed.draw() >= armed.fault.probability) continue
      armed.fault.hits++
      if (armed.fault.times !== undefined && armed.fault.hits >= armed.fault.times) this.remove(armed.fault.id)
      return armed.fault
    }
    return undefined
  }
}
