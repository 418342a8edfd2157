/**
 * An API's repositories, each built (its statements prepared) when first read. A start-up seeds
 * with a few of them and a health probe ticks with two: preparing all of an API's statements up
 * front was ~4 ms of the first request (docs/benchmarks.md, issue 21's fifth cut).
 */
export function preparedOnUse<T extends object> (build: { [K in keyof T]: () => T[K] }): T {
  const repos = {} as T
  for (const key of Object.keys(build) as Array<keyof T>) {
    let built: T[typeof key] | undefined
    Object.defineProperty(repos, key, { enumerable: true, get: () => (built ??= build[key]()) })
  }
  return repos
}
