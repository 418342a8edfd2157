import type { Db } from '../../../db/open.js'
import { perDatabase } from '../../../db/per-database.js'
import { preparedOnUse } from '../../../db/prepared-on-use.js'
import { batchesRepo } from './batches.js'
import { onboardingRepo } from './onboarding.js'
import { ordersRepo } from './orders.js'
import { partnersRepo } from './partners.js'
import { productJsonRepo } from './product-json.js'
import { productListRepo } from './product-list.js'
import { productsRepo } from './products.js'
import { storesRepo } from './stores.js'

/** Every SQL statement of the Toco API, prepared once per database (seeding and batches reuse them). */
export const tocoRepos = perDatabase((db: Db) => preparedOnUse(db, {
  partners: partnersRepo,
  stores: storesRepo,
  products: productsRepo,
  productList: productListRepo,
  productJson: productJsonRepo,
  orders: ordersRepo,
  onboarding: onboardingRepo,
  batches: batchesRepo
}))

export type TocoRepos = ReturnType<typeof tocoRepos>

declare module '../../../core/context.js' {
  interface ApiRepos { toco: TocoRepos }
}
