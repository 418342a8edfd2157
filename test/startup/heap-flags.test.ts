/** The entry's V8 flags: set unless the command line sets them, either way. */
import { describe, expect, it } from 'vitest'
import { tuneHeap } from '../../src/cli/heap-flags.js'

const setBy = (execArgv: string[]) => {
  const set: string[] = []
  tuneHeap(execArgv, (flag) => set.push(flag))
  return set
}

describe('the heap flags the entry sets', () => {
  it('sets the old generation growth and turns allocation-site pretenuring off by default', () => {
    expect(setBy([])).toEqual(['--heap-growing-percent=20', '--no-allocation-site-pretenuring'])
    expect(setBy(['--max-semi-space-size=2', '--enable-source-maps'])).toEqual(['--heap-growing-percent=20', '--no-allocation-site-pretenuring'])
  })

  it('leaves a flag the command line gives, in either spelling or sense, to the command line', () => {
    expect(setBy(['--heap-growing-percent=50'])).toEqual(['--no-allocation-site-pretenuring'])
    expect(setBy(['--heap_growing_percent=50'])).toEqual(['--no-allocation-site-pretenuring'])
    expect(setBy(['--allocation-site-pretenuring'])).toEqual(['--heap-growing-percent=20'])
    expect(setBy(['--no-allocation-site-pretenuring', '--heap-growing-percent=5'])).toEqual([])
  })
})
