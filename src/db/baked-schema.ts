import { createHash } from 'node:crypto'
import type { Migrations } from './open.js'

/**
 * A new database's tables as the migrations leave them, as one script: replaying every module's
 * steps (ALTERs included) took ~8 ms of each cold start, creating the final tables directly ~2.5.
 * `digest` names the steps it was made from: another set of steps ignores it.
 */
export interface BakedSchema { digest: string, sql: string }

/** Set by the bundle (scripts/bundle-server.mjs): bakeSchema(MIGRATIONS) at build time, as JSON (an object define would touch every bundled module). */
declare const BAKED_SCHEMA: string
const bakedAtBuild = typeof BAKED_SCHEMA === 'string' ? JSON.parse(BAKED_SCHEMA) as BakedSchema : undefined

export const schemaDigest = (modules: readonly Migrations[]): string =>
  createHash('sha256').update(JSON.stringify(modules.map(({ name, steps }) => [name, steps]))).digest('hex')

/** The build's script for these migrations, if it was made from exactly them. */
export function bakedFor (modules: readonly Migrations[], baked: BakedSchema | undefined = bakedAtBuild): BakedSchema | null {
  return baked !== undefined && baked.digest === schemaDigest(modules) ? baked : null
}
