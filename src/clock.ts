/**
 * The only source of time. Handlers, auth windows and fixture defaults read it, so the
 * control plane can freeze, offset or advance time for every API at once.
 */
export interface Clock {
  /** Epoch milliseconds. */
  now (): number
  /** ISO 8601 UTC with milliseconds, the wire format of both APIs. */
  iso (): string
  freeze (atMs?: number): void
  unfreeze (): void
  /** Shifts time by ms (positive or negative); frozen time moves too. */
  advance (ms: number): void
  /** Runs `ms` ahead of (or behind) real time, unfrozen. */
  setOffset (ms: number): void
  reset (): void
  readonly frozen: boolean
  /** Mock time minus real time, now. */
  readonly offsetMs: number
}

export function createClock (): Clock {
  let frozenAt: number | undefined
  let offsetMs = 0
  const now = () => frozenAt ?? Date.now() + offsetMs
  // A request asks for the ISO time several times within one millisecond; formatting a Date costs ~1 µs.
  let formattedMs = NaN
  let formatted = ''
  return {
    now,
    iso () {
      const ms = now()
      if (ms !== formattedMs) {
        formatted = new Date(ms).toISOString()
        formattedMs = ms
      }
      return formatted
    },
    freeze (atMs = now()) { frozenAt = atMs },
    unfreeze () {
      if (frozenAt !== undefined) offsetMs = frozenAt - Date.now()
      frozenAt = undefined
    },
    advance (ms) {
      if (frozenAt !== undefined) frozenAt += ms
      else offsetMs += ms
    },
    setOffset (ms) {
      frozenAt = undefined
      offsetMs = ms
    },
    reset () {
      frozenAt = undefined
      offsetMs = 0
    },
    get frozen () { return frozenAt !== undefined },
    get offsetMs () { return frozenAt === undefined ? offsetMs : frozenAt - Date.now() }
  }
}
