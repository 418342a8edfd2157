import type { Db } from '../../../db/open.js'
import { preparedOnUse } from '../../../db/prepared-on-use.js'
import { groupsRepo } from './groups.js'
import { idempotencyRepo } from './idempotency.js'
import { merchantsRepo } from './merchants.js'
import { ordersRepo } from './orders.js'
import { productsRepo } from './products.js'
import { purchasesRepo } from './purchases.js'
import { refundsRepo } from './refunds.js'
import { seedingRepo } from './seeding.js'
import { storesRepo } from './stores.js'
import { webhooksRepo } from './webhooks.js'

/** Every SQL statement of the Waffo API, prepared once per database. */
export function waffoRepos (db: Db) {
  return preparedOnUse(db, {
    merchants: merchantsRepo,
    stores: storesRepo,
    products: productsRepo,
    orders: ordersRepo,
    seeding: seedingRepo,
    webhooks: webhooksRepo,
    idempotency: idempotencyRepo,
    groups: groupsRepo,
    purchases: purchasesRepo,
    refunds: refundsRepo
  })
}

export type WaffoRepos = ReturnType<typeof waffoRepos>

declare module '../../../core/context.js' {
  interface ApiRepos { waffo: WaffoRepos }
}
