/**
 * How hard to fuzz. CI replays one fixed seed so a red build is reproducible; FUZZ_SEED explores
 * (or replays the seed a failure printed) and FUZZ_RUNS trades time for depth.
 */
function integerFromEnv (name: string, fallback: number): number {
  const raw = process.env[name]
  if (raw === undefined || raw === '') return fallback
  const value = Number(raw)
  if (!Number.isSafeInteger(value)) throw new Error(`${name} must be an integer, got ${JSON.stringify(raw)}`)
  return value
}

export const runs = integerFromEnv('FUZZ_RUNS', 200)
export const seed = integerFromEnv('FUZZ_SEED', 20_260_120)

/** Parameters for every fc.assert of the suite. */
export const params = { numRuns: runs, seed }

/** Per-test timeout: generous enough for shrinking, growing with FUZZ_RUNS. */
export const TIMEOUT = 30_000 + runs * 150
