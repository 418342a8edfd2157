import type { Db } from '../../../db/open.js'
import { partnersRepo } from './partners.js'
import { productsRepo } from './products.js'
import { storesRepo } from './stores.js'

/** Every SQL statement of the Toco API, prepared once per database. */
export function tocoRepos (db: Db) {
  return { partners: partnersRepo(db), stores: storesRepo(db), products: productsRepo(db) }
}

export type TocoRepos = ReturnType<typeof tocoRepos>

declare module '../../../core/context.js' {
  interface ApiRepos { toco: TocoRepos }
}
