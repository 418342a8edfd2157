import { defineApi } from '../../core/api.js'
import { tocoOpenApi } from './openapi.js'
import { TOCO_PREFIX } from '../../signing/toco.js'
import { TOCO_DASHBOARD } from './dashboard.js'
import { tocoDemo } from './demo.js'
import { TOCO_SETTINGS } from './config.js'
import { TocoFixture } from './fixture.js'
import { seedToco } from './seed.js'
import { applyDueBatches } from './batches/queue.js'
import { tocoAdmin } from './admin.js'
import { tocoPlugin } from './plugin.js'
import { tocoErrorBody, replyTocoError, tocoStatusError } from './errors.js'
import { tocoRepos } from './repo/index.js'
import { exportToco, resetTocoTenant } from './state.js'
import { TOCO_MIGRATIONS, TOCO_TABLES } from './tables.js'
import { TOCO_EVENTS, triggerToco } from './webhooks/events.js'
import { tocoWebhookSigner } from './webhooks/signer.js'

/** The Toco Partner API (HMAC-signed partner calls), as the core sees it. */
export const toco = defineApi({
  name: 'toco',
  title: 'Toco Partner API',
  tenant: 'a Toco partner clientId',
  prefix: TOCO_PREFIX,
  config: TOCO_SETTINGS,
  clientBasePath: TOCO_PREFIX,
  plugin: tocoPlugin,
  migrations: TOCO_MIGRATIONS,
  tables: TOCO_TABLES,
  fixture: { schema: TocoFixture, seed: seedToco, export: exportToco, resetTenant: resetTocoTenant },
  repos: tocoRepos,
  replyError: replyTocoError,
  errorBody: tocoErrorBody,
  statusError: tocoStatusError,
  admin: tocoAdmin,
  dashboard: TOCO_DASHBOARD,
  tick: { run: applyDueBatches, watches: ['toco_batches'] },
  webhooks: { signer: tocoWebhookSigner, events: TOCO_EVENTS, trigger: triggerToco },
  openapi: tocoOpenApi,
  demo: tocoDemo
})
