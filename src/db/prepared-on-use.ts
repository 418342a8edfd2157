import type { Db } from './open.js'

/**
 * An API's repositories on one database, each built (its statements prepared) when first read. A
 * start-up seeds with a few of them and a health probe ticks with two: preparing all of an API's
 * statements up front was ~4 ms of the first request (docs/benchmarks.md, issue 21's fifth cut).
 */
export function preparedOnUse<Build extends Record<string, (db: Db) => unknown>> (db: Db, build: Build): { [K in keyof Build]: ReturnType<Build[K]> } {
  const repos = {} as { [K in keyof Build]: ReturnType<Build[K]> }
  for (const key of Object.keys(build) as Array<keyof Build>) {
    let built: ReturnType<Build[typeof key]> | undefined
    Object.defineProperty(repos, key, { enumerable: true, get: () => (built ??= build[key]!(db) as ReturnType<Build[typeof key]>) })
  }
  return repos
}
