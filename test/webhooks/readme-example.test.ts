// The webhook consumer example of README.md ("Webhooks"), exactly as shown there.
import { createServer } from 'node:http'
import { verifyWebhook } from '@waffo/pancake-ts'
import { expect, it } from 'vitest'
import { startMock } from 'toco-waffo-mock/client'

it('receives subscription.canceling, then subscription.canceled at the period end', async () => {
  const received: string[] = []
  const mock = await startMock({ webhookForwardUrl: 'http://127.0.0.1:4700/waffo' }) // or register: client.webhooks.add({ … })
  const receiver = createServer(async (request, response) => { // your handler, as in production
    const body = Buffer.concat(await request.toArray()).toString()
    received.push(verifyWebhook(body, request.headers['x-waffo-signature'] as string, { publicKey: mock.webhookPublicKey }).eventType)
    response.end()
  }).listen(4700, '127.0.0.1')
  await mock.admin.webhooks.trigger({ event: 'subscription.canceling', orderId: 'ORD_EverySubActive00000000' }) // as client.orders.cancelSubscription does
  await mock.admin.clock.set({ freeze: '2030-01-01T00:00:01.000Z' }) // past the subscription's period end
  await expect.poll(() => received).toEqual(['subscription.canceling', 'subscription.canceled'])
  await mock.close()
  receiver.close()
})
