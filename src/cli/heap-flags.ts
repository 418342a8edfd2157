/**
 * V8 flags the mock starts with. `npm start` and the image's CMD pass them on the command line;
 * the entry sets whichever is missing at run time, so the bin gets them too (a shebang cannot pass
 * them portably). A flag given on the command line wins. Why each: docs/benchmarks.md.
 */
export const HEAP_FLAGS = [
  // A mock's live heap is small and its garbage short-lived: growing the old generation 20 % per
  // full GC (instead of V8's up to 4×) keeps RSS after load near its idle size.
  { name: 'heap-growing-percent', value: '--heap-growing-percent=20' },
  // A request's garbage (a GraphQL result, a list page) sometimes outlives the young
  // generation while other requests are in flight; V8 then pretenures its allocation sites, every
  // later request's garbage lands in the old generation, and with 20 % growth a full GC runs every
  // ~0.3 s: a GraphQL read cost 450–530 µs of CPU instead of 300–340.
  { name: 'allocation-site-pretenuring', value: '--no-allocation-site-pretenuring' }
] as const

/** The flags of HEAP_FLAGS that the command line (`execArgv`) does not set either way: the entry sets these. */
export function heapFlagsToSet (execArgv: readonly string[]): string[] {
  const given = (name: string) => execArgv.some((arg) => arg.replace(/_/g, '-').replace(/^--no-/, '--').split('=')[0] === `--${name}`)
  return HEAP_FLAGS.filter(({ name }) => !given(name)).map(({ value }) => value)
}

/**
 * Sets the flags of HEAP_FLAGS that the command line does not (the bin's plain `node`), before the
 * program is compiled: V8 takes a code cache only under the flags it was made with.
 */
export async function setMissingHeapFlags (): Promise<void> {
  const unset = heapFlagsToSet(process.execArgv)
  // node:v8 takes ~6 ms of the cold start to load: only plain `node` (the bin) needs it.
  if (unset.length === 0) return
  const { setFlagsFromString } = await import('node:v8')
  for (const flag of unset) setFlagsFromString(flag)
}
