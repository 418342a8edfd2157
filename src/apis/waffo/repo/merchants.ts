import type { Db } from '../../../db/open.js'

export interface ApiKeyRow { public_key_pem: string, environment: 'test' | 'prod' }

export function merchantsRepo (db: Db) {
  const apiKeys = db.prepare<[string], ApiKeyRow>(
    'SELECT public_key_pem, environment FROM waffo_api_keys WHERE merchant_id = ? ORDER BY id')
  return {
    apiKeys: (merchantId: string) => apiKeys.all(merchantId)
  }
}
