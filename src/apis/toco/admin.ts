import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { adminFailure } from '../../admin/errors.js'
import { isWebUrl, URL_MAX } from '../../http/url.js'
import { Batch, BATCH_EXAMPLE, formatBatch } from './batch-summary.js'

/**
 * /__admin/toco: the status of the asynchronous batches (bulk create, with variants too, catalog syncs,
 * stocks, prices) and each row's outcome (what the batch.completed webhook carries), and a partner's webhook URL.
 */
export const tocoAdmin: FastifyPluginAsyncTypebox = async (app) => {
  const SIGNING = 'x-signature: hex HMAC-SHA256 of "<x-timestamp>.<raw body>" under the partner secretKey; also x-partner-client-id, x-timestamp (epoch ms), x-toco-event'
  const PartnerWebhook = Type.Object({
    partnerClientId: Type.String(),
    url: Type.Union([Type.String(), Type.Null()]),
    signing: Type.String()
  }, { examples: [{ partnerClientId: 'ptnr_1s4UqMnO64', url: 'https://partner.example/toco', signing: SIGNING }] })
  /** The partner's webhook as the control plane shows it; 404 for an unknown partner. */
  const partnerWebhook = (id: string, row: { client_id: string, webhook_url: string | null } | undefined) => {
    if (!row) throw adminFailure(404, 'UNKNOWN_PARTNER', `No Toco partner "${id}"`, '/id')
    return { partnerClientId: row.client_id, url: row.webhook_url, signing: SIGNING }
  }

  // Upstream documents no registration call: the partner's webhook URL is set here or in fixtures.
  app.put('/partners/:id/webhook', {
    config: { auth: 'admin' },
    schema: {
      params: Type.Object({ id: Type.String() }),
      body: Type.Object({ url: Type.Union([Type.String({ pattern: '^https?://', maxLength: URL_MAX }), Type.Null()]) }, { additionalProperties: false, examples: [{ url: 'http://127.0.0.1:4700/toco' }] }),
      response: { 200: PartnerWebhook }
    }
  }, async (request) => {
    const { url } = request.body
    // A URL Node cannot send to (`http://`, a NUL, credentials) would only fail each delivery later.
    if (url !== null && !isWebUrl(url, URL_MAX)) throw adminFailure(400, 'VALIDATION_FAILED', '/url must be an absolute http(s) URL of printable ASCII', '/url')
    return partnerWebhook(request.params.id, request.ctx.repos.toco.partners.setWebhook(request.params.id, url))
  })

  app.get('/partners/:id/webhook', {
    config: { auth: 'admin' },
    schema: { params: Type.Object({ id: Type.String() }), response: { 200: PartnerWebhook } }
  }, async (request) => partnerWebhook(request.params.id, request.ctx.repos.toco.partners.find(request.params.id)))

  app.get('/batches/:batchId', {
    config: { auth: 'admin' },
    schema: { summary: 'One Toco async batch with its rows and state', params: Type.Object({ batchId: Type.String() }), response: { 200: Batch } }
  }, async (request) => {
    const batch = request.ctx.repos.toco.batches.find(request.params.batchId)
    if (!batch) throw adminFailure(404, 'UNKNOWN_BATCH', `No Toco batch "${request.params.batchId}"`, '/batchId')
    return formatBatch(batch)
  })

  app.get('/batches', {
    config: { auth: 'admin' },
    schema: {
      summary: 'Toco async batches, optionally of one store',
      querystring: Type.Object({ storeClientId: Type.Optional(Type.String({ minLength: 1 })) }),
      response: { 200: Type.Object({ batches: Type.Array(Batch) }, { examples: [{ batches: [BATCH_EXAMPLE] }] }) }
    }
  }, async (request) => ({ batches: request.ctx.repos.toco.batches.list(request.query.storeClientId).map(formatBatch) }))
}
