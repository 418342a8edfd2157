/**
 * The rest of the SDK guide's read schema: the merchant and its API keys, product versions,
 * exchange rates, delivery logs and the payment details. Field and argument names are the
 * guide's, literally.
 */
import { CURRENCY_CODES } from './rate.js'

const page = 'limit: Int, offset: Int'

export const GUIDE_QUERIES = `
  merchant(id: ID!): Merchant
  "The caller's own store memberships (live stores)."
  storeMerchants(${page}): [StoreMerchant!]!
  storeMerchantsCount: Int!
  "The caller's API keys of its environment (public metadata only)."
  apiKeys(${page}): [ApiKey!]!
  apiKeysCount: Int!
  onetimeProductVersions(productId: String!): [OnetimeProductVersion!]!
  subscriptionProductVersions(productId: String!): [SubscriptionProductVersion!]!
  rate(fromCurrency: CurrencyCode!, toCurrency: CurrencyCode!): ExchangeRate!
  "Deliveries of the caller's environment, newest first."
  webhookDeliveries(storeId: String, ${page}, filter: DeliveryFilter): [WebhookDelivery!]!
  webhookDeliveriesCount(storeId: String, filter: DeliveryFilter): Int!
  "The mock sends no email: always empty."
  emailDeliveries(storeId: String, ${page}, filter: DeliveryFilter): [EmailDelivery!]!
  emailDeliveriesCount(storeId: String, filter: DeliveryFilter): Int!
  payments(storeId: String, ${page}, filter: PaymentFilter): [Payment!]!
  paymentsCount(storeId: String, filter: PaymentFilter): Int!`

export const GUIDE_TYPES = `
enum CurrencyCode { ${CURRENCY_CODES.join(' ')} }

input DeliveryFilter { id: StringFilter, status: StringFilter, eventType: StringFilter, createdAt: DateTimeFilter }
input PaymentFilter { id: StringFilter, orderId: StringFilter, status: StringFilter, currency: StringFilter, orderMerchantExternalId: StringFilter, testMode: BooleanFilter, createdAt: DateTimeFilter }

type Merchant {
  id: ID!
  email: String
  name: String!
  "Always active: the mock has no merchant suspension."
  status: String!
  storeMerchants: [StoreMerchant!]!
  apiKeys: [ApiKey!]!
  createdAt: String!
}

type StoreMerchant { merchantId: String!, storeId: String!, role: String!, createdAt: String!, store: Store }

type ApiKey {
  id: ID!
  nickname: String!
  environment: String!
  "The mock records no key usage: always false."
  recentlyUsed: Boolean!
  createdAt: String!
}

type ExchangeRate { fromCurrency: CurrencyCode!, toCurrency: CurrencyCode!, standardRate: String!, rateRefId: String!, expiryTime: String! }

type EmailDelivery {
  id: ID!
  storeId: String!
  eventType: String!
  eventId: String
  recipientType: String!
  toAddress: String!
  subject: String!
  testMode: Boolean!
  status: String!
  attemptCount: Int!
  lastAttemptedAt: String
  errorMessage: String
  createdAt: String!
}

type AmountDetails { currency: String!, subtotal: String!, taxAmount: String!, total: String!, taxCategory: String, phase: String }
type PhaseAmounts { subtotal: String!, taxAmount: String!, total: String!, taxCategory: String! }
type OnetimePriceSnapshot { currency: String!, subtotal: String!, taxAmount: String!, total: String!, taxCategory: String! }
type SubscriptionPriceSnapshot { currency: String!, regularPhase: PhaseAmounts!, specialPhase: PhaseAmounts, specialPhaseDays: Int }
type BillingDetail { country: String, isBusiness: Boolean, postcode: String, state: String, businessName: String, taxId: String }
type CardInfo { brand: String!, last4: String!, expMonth: Int, expYear: Int }
`

const version = `
  id: ID!
  productId: String!
  versionNumber: Int!
  name: String!
  description: String
  prices: [CurrencyPrice!]!
  media: [MediaItem!]!
  successUrl: String
  metadata: JSON!
  isTestVersion: Boolean!
  isProdVersion: Boolean!
  createdAt: String!`

export const VERSION_TYPES = `
type OnetimeProductVersion {${version}
}
type SubscriptionProductVersion {${version}
  billingPeriod: String!
}
`
