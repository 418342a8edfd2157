/**
 * Bodies shaped like the second-wave Waffo actions: objects drawn from the fields those actions
 * read, each with a plausible, near-miss or wrong value, plus the generic bodies of bodies.ts.
 */
import fc from 'fast-check'
import { DEMO, demoFixture } from '../helpers.js'
import { bodies, type Body } from './bodies.js'
import { printable } from './printing.js'

const base62 = fc.string({ unit: fc.constantFrom(...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'), minLength: 22, maxLength: 22 })
const junk = fc.oneof(fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constant(''), fc.string({ unit: 'binary', maxLength: 30 }),
  fc.jsonValue({ maxDepth: 2 }))
const idOf = (prefix: string, known: string[]) => fc.oneof(
  { arbitrary: fc.constantFrom(...known), weight: 5 },
  { arbitrary: base62.map((tail) => `${prefix}_${tail}`), weight: 2 },
  { arbitrary: junk, weight: 2 }
)

/** Placeholders for a payment and a ticket made in the run (well-formed short ids, unknown elsewhere). */
export const PAYMENT_OF_RUN = 'PAY_ThePaymentOfThisRun000'
export const TICKET_OF_RUN = 'TKT_TheTicketOfThisRun0000'

const stores = Object.values(DEMO.waffoStores)
const products = demoFixture.waffo.products!.map((product) => product.id)
const orders = demoFixture.waffo.orders!.map((order) => order.id)
const price = fc.record({
  amount: fc.oneof(fc.constantFrom('29.00', '1000', '0.5'), junk),
  taxCategory: fc.oneof(fc.constantFrom('saas', 'ebook', 'digital_goods'), junk),
  trialAmount: fc.option(fc.oneof(fc.constantFrom('1.00', '99.00'), junk), { nil: undefined })
}, { requiredKeys: ['amount'] })

const FIELDS: Record<string, fc.Arbitrary<unknown>> = {
  id: fc.oneof(idOf('STO', stores), idOf('PROD', products)),
  storeId: idOf('STO', stores),
  productId: idOf('PROD', products),
  orderId: idOf('ORD', orders),
  name: fc.oneof(fc.string({ maxLength: 70 }), junk),
  status: fc.oneof(fc.constantFrom('active', 'inactive', 'suspended'), junk),
  prices: fc.oneof(fc.dictionary(fc.constantFrom('USD', 'EUR', 'usd', 'X', '__proto__'), price, { maxKeys: 3 }), junk),
  billingPeriod: fc.oneof(fc.constantFrom('weekly', 'monthly', 'daily'), junk),
  description: fc.oneof(fc.string({ maxLength: 20 }), junk),
  media: fc.oneof(fc.array(fc.record({ type: fc.oneof(fc.constantFrom('image', 'video'), junk), url: fc.oneof(fc.webUrl(), junk) }), { maxLength: 2 }), junk),
  successUrl: fc.oneof(fc.webUrl(), junk),
  metadata: fc.oneof(fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }), fc.record({ trialDays: junk }), junk),
  logo: junk,
  notificationSettings: fc.oneof(fc.dictionary(fc.constantFrom('notifyNewOrders', 'emailOrderConfirmation', 'x', '__proto__'), junk, { maxKeys: 3 }), junk),
  checkoutSettings: fc.oneof(fc.record({ light: fc.oneof(fc.dictionary(fc.constantFrom('checkoutColorCard', 'y'), junk), junk), defaultDarkMode: junk }, { requiredKeys: [] }), junk),
  webhookSettings: junk,
  buyerIdentity: fc.oneof(fc.constantFrom('buyer@example.com', 'late.payer@example.com'), junk),
  email: junk,
  role: junk,
  merchantId: junk,
  rules: fc.oneof(fc.record({ sharedTrial: fc.oneof(fc.boolean(), junk), selfServicePlanChange: fc.oneof(fc.boolean(), junk) }, { requiredKeys: [] }), junk),
  prompt: fc.oneof(fc.constantFrom('a cat riding a bike', 'nsfw deepfake', '[mock:degraded]'), fc.string({ maxLength: 40 }), junk),
  semantic: fc.oneof(fc.constantFrom('off', 'shadow', 'enforce'), junk),
  locale: fc.oneof(fc.constantFrom('en', 'ja', 'zh'), junk),
  productIds: fc.oneof(fc.array(idOf('PROD', products), { maxLength: 3 }), junk),
  // checkout/create-session
  currency: fc.oneof(fc.constantFrom('USD', 'EUR', 'usd', 'JPY'), junk),
  priceSnapshot: fc.oneof(price, junk),
  withTrial: fc.oneof(fc.boolean(), junk),
  buyerEmail: fc.oneof(fc.constantFrom('buyer@example.com', 'no-at-sign'), junk),
  billingDetail: fc.oneof(fc.record({ country: fc.oneof(fc.constantFrom('US', 'DE', 'us'), junk), isBusiness: fc.oneof(fc.boolean(), junk), postcode: fc.oneof(fc.string({ maxLength: 40 }), junk) }, { requiredKeys: [] }), junk),
  expiresInSeconds: fc.oneof(fc.integer({ min: -10, max: 100_000 }), junk),
  orderMerchantExternalId: fc.oneof(fc.string({ maxLength: 140 }), junk),
  includePaymentMethods: fc.oneof(fc.array(fc.string({ maxLength: 10 }), { maxLength: 3 }), junk),
  excludePaymentMethods: fc.oneof(fc.array(fc.string({ maxLength: 10 }), { maxLength: 3 }), junk),
  originOrderId: fc.oneof(idOf('ORD', orders), junk),
  changeTiming: fc.oneof(fc.constantFrom('immediate', 'next_period', 'Immediate', 'now'), junk),
  changeAmount: fc.oneof(fc.constantFrom('0', '3.00', '12.345', '-1', '1e3'), junk),
  changeCreditAmount: fc.oneof(fc.constantFrom('0', '8.00', '1000', '.5'), junk),
  // refund-ticket/*: PAYMENT_OF_RUN / TICKET_OF_RUN stand for the run's own (waffo-refunds.test.ts swaps them in).
  paymentId: fc.oneof(fc.constant(PAYMENT_OF_RUN), idOf('PAY', [PAYMENT_OF_RUN])),
  ticketId: fc.oneof(fc.constant(TICKET_OF_RUN), idOf('TKT', [TICKET_OF_RUN])),
  reason: fc.oneof(fc.constantFrom('Not as described', '   '), fc.string({ maxLength: 20 }), junk),
  requestedAmount: fc.oneof(fc.record({
    amount: fc.oneof(fc.constantFrom('1.00', '5', '9.99', '10.00', '0', '0.001', '1e3', '-1'), junk),
    currency: fc.oneof(fc.constantFrom('USD', 'EUR', 'usd'), junk)
  }, { requiredKeys: [] }), junk),
  refundTicketMerchantExternalId: fc.oneof(fc.string({ maxLength: 140 }), junk)
}

const shaped: fc.Arbitrary<Body> = fc.dictionary(fc.constantFrom(...Object.keys(FIELDS)), fc.constant(null), { maxKeys: 6 })
  .chain((picked) => fc.record(Object.fromEntries(Object.keys(picked).map((key) => [key, FIELDS[key]!]))))
  .map((value) => printable({ raw: JSON.stringify(value) }))

export const actionBodies = bodies(shaped, { deep: false })
