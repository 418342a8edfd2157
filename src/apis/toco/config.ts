import Type from 'typebox'
import { setting, type Config, type ConfigOf } from '../../config.js'

/** Toco's own environment variables: the core composes them with its own and every other API's. */
export const TOCO_SETTINGS = {
  tocoSignaturePath: setting('TOCO_SIGNATURE_PATH', Type.Enum(['strip-prefix', 'full'], { default: 'strip-prefix' }),
    'strip-prefix signs the path without /api/v1; full keeps it'),
  tocoMaxBatch: setting('TOCO_MAX_BATCH', Type.Integer({ minimum: 1, maximum: 10_000, default: 100 }), 'most ids in one Toco Delete Products call, and most rows in one Toco batch'),
  /** How long after acceptance a Toco batch applies, on the mock's clock (0: before the next request). */
  tocoBatchDelayMs: setting('TOCO_BATCH_DELAY_MS', Type.Integer({ minimum: 0, maximum: 86_400_000, default: 0 }),
    'ms after acceptance a Toco batch (bulk, catalog sync, with variants, stocks, prices) applies, on the mock clock')
}

/** What Toco's plugin, guard and demo read: the core's configuration and Toco's slice. */
export type TocoConfig = Config & ConfigOf<typeof TOCO_SETTINGS>
