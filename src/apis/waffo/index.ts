import { defineApi } from '../../core/api.js'
import { waffoOpenApi } from './openapi.js'
import { waffoAdmin } from './admin.js'
import { waffoDemo } from './demo.js'
import { seedWaffo, WaffoFixture } from './fixture.js'
import { replyWaffoError, waffoPlugin } from './plugin.js'
import { waffoStatusError } from './errors.js'
import { waffoRepos } from './repo/index.js'
import { endSubscriptionPeriods } from './tick.js'
import { exportWaffo, resetWaffoTenant } from './state.js'
import { WAFFO_MIGRATIONS, WAFFO_TABLES } from './tables.js'

/** The Waffo Pancake API (RSA-signed merchant actions), as the core sees it. */
export const waffo = defineApi({
  name: 'waffo',
  title: 'Waffo Pancake API',
  prefix: '/v1',
  clientBasePath: '',
  plugin: waffoPlugin,
  migrations: WAFFO_MIGRATIONS,
  tables: WAFFO_TABLES,
  fixture: { schema: WaffoFixture, seed: seedWaffo, export: exportWaffo, resetTenant: resetWaffoTenant },
  repos: waffoRepos,
  replyError: replyWaffoError,
  statusError: waffoStatusError,
  openapi: waffoOpenApi,
  demo: waffoDemo,
  admin: waffoAdmin,
  tick: endSubscriptionPeriods
})
