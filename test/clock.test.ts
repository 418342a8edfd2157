import { afterEach, describe, expect, it, vi } from 'vitest'
import { createClock } from '../src/clock.js'

afterEach(() => { vi.useRealTimers() })

describe('clock', () => {
  it('follows real time, in ISO with milliseconds', () => {
    vi.useFakeTimers({ now: Date.parse('2026-01-15T12:00:00.000Z') })
    const clock = createClock()
    expect(clock.iso()).toBe('2026-01-15T12:00:00.000Z')
    vi.advanceTimersByTime(1500)
    expect(clock.now()).toBe(Date.parse('2026-01-15T12:00:01.500Z'))
    // The ISO text is kept for the millisecond it was made in, and only that one.
    expect(clock.iso()).toBe('2026-01-15T12:00:01.500Z')
    vi.advanceTimersByTime(1)
    expect(clock.iso()).toBe('2026-01-15T12:00:01.501Z')
    clock.advance(-1)
    expect(clock.iso()).toBe('2026-01-15T12:00:01.500Z')
  })

  it('freezes, advances (frozen or not), unfreezes where it stood, and resets', () => {
    vi.useFakeTimers({ now: 1_000_000 })
    const clock = createClock()
    clock.freeze(5_000)
    vi.advanceTimersByTime(10_000)
    expect(clock.now()).toBe(5_000)
    clock.advance(-1_000)
    expect(clock.now()).toBe(4_000)
    clock.unfreeze()
    vi.advanceTimersByTime(250)
    expect(clock.now()).toBe(4_250)
    clock.advance(750)
    expect(clock.now()).toBe(5_000)
    clock.reset()
    expect(clock.now()).toBe(Date.now())
  })
})
