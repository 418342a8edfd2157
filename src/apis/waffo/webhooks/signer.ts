import { createPrivateKey, createPublicKey, generateKeyPair, generateKeyPairSync, sign, type KeyObject } from 'node:crypto'
import { promisify } from 'node:util'
import { ConfigError } from '../../../config.js'
import type { WaffoConfig } from '../config.js'
import type { MetaStore } from '../../../core/api.js'
import type { WebhookSigner } from '../../../core/webhooks/deliverer.js'

export interface WaffoWebhookSigner extends WebhookSigner {
  /** Makes the key on libuv's pool, unless it is given or kept (a key needed before then is made at once). */
  prepare (): Promise<void>
  /** PEM (SPKI) of the key webhooks are signed with: what verifyWebhook's publicKey takes. */
  publicKey (): string
}

const META_KEY = 'waffo_webhook_private_key'

const RSA = { modulusLength: 2048 } as const

/** RSASSA-PKCS1-v1_5 (what createSign('RSA-SHA256') makes), on the thread pool. */
const signOffLoop = promisify(sign)

/** The generated key of this database (kept in mock_meta), or `fresh` (a new one) kept there. */
function generatedKey (meta: MetaStore, fresh = () => generateKeyPairSync('rsa', RSA).privateKey): KeyObject {
  const kept = meta.read(META_KEY)
  if (kept !== undefined) return createPrivateKey(kept)
  const privateKey = fresh()
  meta.write(META_KEY, privateKey.export({ type: 'pkcs8', format: 'pem' }).toString())
  return privateKey
}

/** WAFFO_WEBHOOK_PRIVATE_KEY, read when the app is built: an RSA private key, or a ConfigError that says why not. */
function givenKey (pem: string): KeyObject {
  let key: KeyObject
  try {
    key = createPrivateKey(pem)
  } catch (error) {
    throw new ConfigError(`WAFFO_WEBHOOK_PRIVATE_KEY is not a PEM private key (${(error as Error).message})`)
  }
  if (key.asymmetricKeyType !== 'rsa') {
    throw new ConfigError(`WAFFO_WEBHOOK_PRIVATE_KEY must be an RSA private key (X-Waffo-Signature is RSA-SHA256), not ${key.asymmetricKeyType ?? 'another type'}`)
  }
  return key
}

/**
 * `X-Waffo-Signature: t=<ms>,v1=<base64 RSA-SHA256 over "<t>.<raw body>">`, as verifyWebhook
 * checks it. The key pair is WAFFO_WEBHOOK_PRIVATE_KEY's, or generated when first needed and kept
 * in the database (a file database keeps it across restarts, so receivers keep trusting it;
 * generating one costs 0.1–0.4 s, and most tests never send a webhook).
 */
export function waffoWebhookSigner (config: WaffoConfig, meta: MetaStore): WaffoWebhookSigner {
  let keys: { privateKey: KeyObject, publicPem: string } | undefined
  const given = config.waffoWebhookPrivateKey === undefined ? undefined : givenKey(config.waffoWebhookPrivateKey)
  const keep = (privateKey: KeyObject) => {
    keys = { privateKey, publicPem: createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString() }
    return keys
  }
  const keyPair = () => keys ?? keep(given ?? generatedKey(meta))
  return {
    // The CLI prints the key at start: generated on libuv's pool while start-up goes on (a key
    // needed before then, or given, wins).
    async prepare () {
      if (keys || given !== undefined || meta.read(META_KEY) !== undefined) return
      const { privateKey } = await promisify(generateKeyPair)('rsa', RSA)
      if (!keys) keep(generatedKey(meta, () => privateKey))
    },
    // RSA-2048 costs about a millisecond per signature: crypto.sign with a callback runs it on
    // libuv's thread pool, off the event loop the API answers on.
    async headers (_ctx, delivery, signedAt) {
      const v1 = await signOffLoop('sha256', Buffer.from(`${signedAt}.${delivery.payload}`), keyPair().privateKey)
      return { 'x-waffo-signature': `t=${signedAt},v1=${v1.toString('base64')}` }
    },
    publicKey: () => keyPair().publicPem,
    banner: () => [
      '  Waffo webhooks are signed with this key (verifyWebhook(body, header, { publicKey }), or WAFFO_WEBHOOK_PUBLIC_KEY;',
      '  also at GET /__admin/waffo/webhook-key):',
      ...keyPair().publicPem.trimEnd().split('\n').map((line) => `    ${line}`)
    ]
  }
}
