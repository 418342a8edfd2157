import Type from 'typebox'
import { setting, type Config, type ConfigOf } from '../../config.js'

/** Waffo's own environment variables: the core composes them with its own and every other API's. */
export const WAFFO_SETTINGS = {
  /** PEM; undefined: a key pair is generated when first needed (and kept in the database). */
  waffoWebhookPrivateKey: setting('WAFFO_WEBHOOK_PRIVATE_KEY', Type.Optional(Type.String({ minLength: 1 })),
    'PEM RSA private key Waffo webhooks are signed with (generated when absent)',
    // A PEM in one env line has its newlines written as \n.
    (raw): string | undefined => raw?.replace(/\\n/g, '\n'))
}

/** What Waffo's plugin, guard, signer and demo read: the core's configuration and Waffo's slice. */
export type WaffoConfig = Config & ConfigOf<typeof WAFFO_SETTINGS>
