/** Node's own setImmediate, taken when the mock loads, before a test's fake timers can stand in for it. */
const atTurnEnd = setImmediate

/**
 * Collects what a turn of the event loop produces and hands it over in one piece at the turn's
 * end (its check phase): on a busy server, one system call or one wake-up of the peer instead of
 * one per request (docs/benchmarks.md, issue 21's tenth cut).
 */
export function turnBatch<T> (deliver: (items: T[]) => void): { add: (item: T) => void, flush: () => void } {
  let items: T[] = []
  const flush = () => {
    if (items.length === 0) return
    const due = items
    items = []
    deliver(due)
  }
  return {
    add (item) {
      if (items.length === 0) atTurnEnd(flush)
      items.push(item)
    },
    flush
  }
}
