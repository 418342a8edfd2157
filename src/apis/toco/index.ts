import { defineApi } from '../../core/api.js'
import { tocoOpenApi } from './openapi.js'
import { TOCO_PREFIX } from '../../signing/toco.js'
import { tocoDemo } from './demo.js'
import { TocoFixture } from './fixture.js'
import { seedToco } from './seed.js'
import { applyDueBatches } from './batches/queue.js'
import { tocoAdmin } from './admin.js'
import { replyTocoError, tocoPlugin } from './plugin.js'
import { tocoStatusError } from './errors.js'
import { tocoRepos } from './repo/index.js'
import { exportToco, resetTocoTenant } from './state.js'
import { TOCO_MIGRATIONS, TOCO_TABLES } from './tables.js'

/** The Toco Partner API (HMAC-signed partner calls), as the core sees it. */
export const toco = defineApi({
  name: 'toco',
  title: 'Toco Partner API',
  prefix: TOCO_PREFIX,
  clientBasePath: TOCO_PREFIX,
  plugin: tocoPlugin,
  migrations: TOCO_MIGRATIONS,
  tables: TOCO_TABLES,
  fixture: { schema: TocoFixture, seed: seedToco, export: exportToco, resetTenant: resetTocoTenant },
  repos: tocoRepos,
  replyError: replyTocoError,
  statusError: tocoStatusError,
  admin: tocoAdmin,
  tick: applyDueBatches,
  openapi: tocoOpenApi,
  demo: tocoDemo
})
