import type { WebhookSigner } from '../../../core/webhooks/deliverer.js'
import { tocoWebhookSignature } from '../../../signing/toco.js'

/**
 * x-partner-client-id, x-timestamp (epoch ms), x-toco-event, and x-signature: hex HMAC-SHA256 of
 * `<x-timestamp>.<raw body>` under the secret of the partner the store belongs to (ours; see
 * docs/fidelity.md).
 */
export const tocoWebhookSigner = (): WebhookSigner => ({
  headers (ctx, delivery, signedAt) {
    const partner = delivery.store === null ? undefined : ctx.repos.toco.partners.ofStore(delivery.store)
    if (!partner) throw new Error(`no partner for Toco store ${delivery.store ?? '(none)'}`)
    return {
      'x-partner-client-id': partner.client_id,
      'x-timestamp': String(signedAt),
      'x-toco-event': delivery.event,
      'x-signature': tocoWebhookSignature(partner.secret_key, signedAt, delivery.payload)
    }
  }
})
