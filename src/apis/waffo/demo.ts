import type { CurlInput, DemoInput } from '../../core/api.js'
import { UsageError } from '../../core/api.js'
import { curlLine } from '../../signing/curl.js'
import { signWaffoRequest } from '../../signing/waffo.js'
import type { WaffoFixture } from './fixture.js'

interface MerchantCredentials {
  merchantId: string
  keys: Array<{ environment: 'test' | 'prod', privateKeyPem: string | undefined, where: string }>
}

/** Every merchant and key the fixture documents declare, in load order. */
export function waffoCredentials (fixtures: DemoInput['fixtures']): MerchantCredentials[] {
  return fixtures.flatMap(({ file, doc }) => ((doc.waffo as WaffoFixture | undefined)?.merchants ?? []).map((merchant, m) => ({
    merchantId: merchant.id,
    keys: merchant.publicKeys.map((key, k) => ({
      environment: key.environment ?? 'test',
      privateKeyPem: key.privateKeyPem,
      where: `${file} → /waffo/merchants/${m}/publicKeys/${k}/privateKeyPem`
    }))
  })))
}

/** A signed action exactly as @waffo/pancake-ts signs it (every action is a POST). */
function signedCurl (baseUrl: string, path: string, body: string, merchantId: string, privateKeyPem: string): string {
  return curlLine('POST', baseUrl + path, signWaffoRequest({ merchantId, privateKeyPem, path, body, method: 'POST' }), body)
}

export const waffoDemo = {
  curlOptions: {
    merchant: 'Waffo: the merchant to sign as; default: the first with a demo privateKeyPem',
    env: 'Waffo: test or prod, which of the merchant\'s keys signs'
  },
  note: (baseUrl: string) => `(SDK: new WaffoPancake({ baseUrl: '${baseUrl}', merchantId, privateKey }))`,
  credentials ({ fixtures }: DemoInput): string[] {
    return waffoCredentials(fixtures).map((merchant) =>
      `  Waffo merchant ${merchant.merchantId}   private key (${merchant.keys[0]!.environment}): ${merchant.keys[0]!.where}`)
  },
  exampleCurl ({ fixtures, baseUrl }: DemoInput): string {
    const merchant = waffoCredentials(fixtures)[0]!
    return signedCurl(baseUrl, '/v1/actions/store/delete-store', JSON.stringify({ id: 'STO_2aUyqjCzEIiEcYMKj7TZtw' }),
      merchant.merchantId, merchant.keys[0]!.privateKeyPem!)
  },
  curl ({ fixtures, baseUrl, method, path: rawPath, body, options }: CurlInput): string {
    const known = waffoCredentials(fixtures)
    const path = rawPath.startsWith('/v1/') ? rawPath : `/v1${rawPath.startsWith('/') ? '' : '/'}${rawPath}`
    const merchant = options.merchant
      ? known.find((candidate) => candidate.merchantId === options.merchant)
      : known.find((candidate) => candidate.keys.some((key) => key.privateKeyPem))
    const key = merchant?.keys.find((candidate) => candidate.privateKeyPem && (!options.env || candidate.environment === options.env))
    if (options.merchant && !merchant) throw new UsageError(`No Waffo merchant ${options.merchant} in the fixtures`)
    if (!merchant || !key) {
      const whose = options.merchant ? `Waffo merchant ${options.merchant} has no` : 'No Waffo merchant with a'
      throw new UsageError(`${whose} demo privateKeyPem${options.env ? ` for ${options.env}` : ''} in the fixtures`)
    }
    if (method !== 'POST') throw new UsageError('Waffo actions are POST only')
    return signedCurl(baseUrl, path, body ?? '{}', merchant.merchantId, key.privateKeyPem!)
  }
}
