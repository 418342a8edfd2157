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
  return preparedOnUse({
    merchants: () => merchantsRepo(db),
    stores: () => storesRepo(db),
    products: () => productsRepo(db),
    orders: () => ordersRepo(db),
    seeding: () => seedingRepo(db),
    webhooks: () => webhooksRepo(db),
    idempotency: () => idempotencyRepo(db),
    groups: () => groupsRepo(db),
    purchases: () => purchasesRepo(db),
    refunds: () => refundsRepo(db)
  })
}

export type WaffoRepos = ReturnType<typeof waffoRepos>

declare module '../../../core/context.js' {
  interface ApiRepos { waffo: WaffoRepos }
}
