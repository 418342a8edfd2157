import type { LoadedFixture } from '../fixtures/index.js'
import { defaultStoreToken } from '../apis/toco/seed.js'

export interface TocoPartnerCredentials {
  clientId: string
  secretKey: string
  stores: Array<{ storeClientId: string, storeToken: string, status: 'bound' | 'unbound' }>
}
export interface WaffoMerchantCredentials {
  merchantId: string
  keys: Array<{ environment: 'test' | 'prod', privateKeyPem: string | undefined, where: string }>
}

/** Everything a client needs to sign, as declared by the fixture files (in load order). */
export function credentials (fixtures: LoadedFixture[]) {
  const toco: TocoPartnerCredentials[] = []
  const waffo: WaffoMerchantCredentials[] = []
  for (const { file, doc } of fixtures) {
    for (const partner of doc.toco?.partners ?? []) {
      toco.push({ clientId: partner.clientId, secretKey: partner.secretKey, stores: [] })
    }
    for (const store of doc.toco?.stores ?? []) {
      toco.find((partner) => partner.clientId === store.partnerClientId)?.stores.push({
        storeClientId: store.storeClientId,
        storeToken: store.storeToken ?? defaultStoreToken(store.storeClientId),
        status: store.status ?? 'bound'
      })
    }
    doc.waffo?.merchants?.forEach((merchant, m) => waffo.push({
      merchantId: merchant.id,
      keys: merchant.publicKeys.map((key, k) => ({
        environment: key.environment ?? 'test',
        privateKeyPem: key.privateKeyPem,
        where: `${file} → /waffo/merchants/${m}/publicKeys/${k}/privateKeyPem`
      }))
    }))
  }
  return { toco, waffo }
}
