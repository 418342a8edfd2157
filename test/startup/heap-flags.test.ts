/** The entry's V8 flags: set unless the command line sets them, either way; the shipped commands set them all. */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { heapFlagsToSet } from '../../src/cli/heap-flags.js'
import { npmStartCommand } from '../support/process.js'

describe('the heap flags the entry sets', () => {
  it('sets the old generation growth and turns allocation-site pretenuring off by default', () => {
    expect(heapFlagsToSet([])).toEqual(['--heap-growing-percent=20', '--no-allocation-site-pretenuring'])
    expect(heapFlagsToSet(['--max-semi-space-size=8', '--single-threaded-gc', '--enable-source-maps'])).toEqual(['--heap-growing-percent=20', '--no-allocation-site-pretenuring'])
  })

  it('leaves a flag the command line gives, in either spelling or sense, to the command line', () => {
    expect(heapFlagsToSet(['--heap-growing-percent=50'])).toEqual(['--no-allocation-site-pretenuring'])
    expect(heapFlagsToSet(['--heap_growing_percent=50'])).toEqual(['--no-allocation-site-pretenuring'])
    expect(heapFlagsToSet(['--allocation-site-pretenuring'])).toEqual(['--heap-growing-percent=20'])
    expect(heapFlagsToSet(['--no-allocation-site-pretenuring', '--heap-growing-percent=5'])).toEqual([])
  })

  // Then the entry never loads node:v8 (~6 ms of the cold start) on the paths users start it by.
  it('is given every flag by `npm start` and by the image\'s CMD, with the same values', () => {
    const start = npmStartCommand()
    const cmd = JSON.parse(/^CMD (\[.*\])$/m.exec(readFileSync('Dockerfile', 'utf8'))![1]!) as string[]
    expect(cmd).toEqual(start)
    expect(heapFlagsToSet(start.slice(1, -1))).toEqual([])
    // The young generation and the GC's threads are set at start-up only: V8 sizes the heap and
    // spawns its helpers before the entry runs (--single-threaded-gc set from the entry aborts V8).
    expect(start.slice(1, -1)).toEqual(['--max-semi-space-size=8', '--heap-growing-percent=20', '--no-allocation-site-pretenuring', '--single-threaded-gc'])
  })
})
