import { WAFFO_SETTINGS } from './config.js'
import { defineApi } from '../../core/api.js'
import { waffoOpenApi } from './openapi.js'
import { waffoAdmin } from './admin.js'
import { WAFFO_DASHBOARD } from './dashboard.js'
import { waffoDemo } from './demo.js'
import { WaffoFixture } from './fixture.js'
import { seedWaffo } from './seed.js'
import { waffoPlugin } from './plugin.js'
import { waffoErrorBody, replyWaffoError, waffoStatusError } from './errors.js'
import { waffoRepos } from './repo/index.js'
import { endSubscriptionPeriods } from './tick.js'
import { exportWaffo, resetWaffoTenant } from './state.js'
import { WAFFO_MIGRATIONS, WAFFO_TABLES } from './tables.js'
import { WEBHOOK_EVENTS } from './webhooks/events.js'
import { waffoWebhookSigner } from './webhooks/signer.js'
import { triggerWaffo } from './webhooks/trigger.js'

/** The Waffo Pancake API (RSA-signed merchant actions), as the core sees it. */
export const waffo = defineApi({
  name: 'waffo',
  title: 'Waffo Pancake API',
  tenant: 'a Waffo merchant id',
  prefix: '/v1',
  config: WAFFO_SETTINGS,
  clientBasePath: '',
  plugin: waffoPlugin,
  migrations: WAFFO_MIGRATIONS,
  tables: WAFFO_TABLES,
  fixture: { schema: WaffoFixture, seed: seedWaffo, export: exportWaffo, resetTenant: resetWaffoTenant },
  repos: waffoRepos,
  replyError: replyWaffoError,
  errorBody: waffoErrorBody,
  statusError: waffoStatusError,
  openapi: waffoOpenApi,
  demo: waffoDemo,
  admin: waffoAdmin,
  dashboard: WAFFO_DASHBOARD,
  tick: { run: endSubscriptionPeriods, watches: ['waffo_orders'] },
  webhooks: { signer: waffoWebhookSigner, events: WEBHOOK_EVENTS, trigger: triggerWaffo, example: { event: 'subscription.canceling', orderId: 'ORD_EverySubActive00000000' } }
})
