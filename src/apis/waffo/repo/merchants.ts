import type { Db } from '../../../db/open.js'
import { untilWritten } from '../../../db/until-written.js'

export interface ApiKeyRow { public_key_pem: string, environment: 'test' | 'prod' }

export function merchantsRepo (db: Db) {
  const apiKeys = db.prepare<[string], ApiKeyRow>(
    'SELECT public_key_pem, environment FROM waffo_api_keys WHERE merchant_id = ? ORDER BY id')
  // The signature check reads them on every request: a query per request until a key is written.
  const keys = untilWritten(db, 'waffo_keys', ['waffo_api_keys'])
  return {
    apiKeys: (merchantId: string): ReadonlyArray<Readonly<ApiKeyRow>> => keys.read(merchantId, undefined, () => ({ value: apiKeys.all(merchantId), until: null }))
  }
}
