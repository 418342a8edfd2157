// The webhook consumer example of README.md ("Webhooks"), exactly as shown there.
import { createServer } from 'node:http'
import { verifyWebhook } from '@waffo/pancake-ts'
import { expect, it } from 'vitest'
import { startMock } from 'toco-waffo-mock/client'

it('receives subscription.canceling, then subscription.canceled at the period end', async () => {
  const received: string[] = []
  const receiver = createServer((request, response) => {   // your handler, as in production
    let body = ''
    request.on('data', (chunk) => { body += chunk })
    request.on('end', () => {
      const event = verifyWebhook(body, request.headers['x-waffo-signature'] as string, { publicKey: mock.webhookPublicKey })
      received.push(event.eventType)
      response.end()
    })
  }).listen(4700, '127.0.0.1')
  // Forward every event to the handler (or register it: client.webhooks.add({ storeId, channel: 'http', url, events, testMode })).
  const mock = await startMock({ webhookForwardUrl: 'http://127.0.0.1:4700/waffo' })
  await fetch(`${mock.url}/__admin/webhooks/trigger`, {           // or the SDK: client.orders.cancelSubscription({ orderId })
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ event: 'subscription.canceling', orderId: 'ORD_EverySubActive00000000' })
  })
  await mock.admin.clock.set({ freeze: '2030-01-01T00:00:01.000Z' }) // past the subscription's period end
  await expect.poll(() => received).toEqual(['subscription.canceling', 'subscription.canceled'])
  await mock.close()
  receiver.close()
})
