import { REFUND_SCHEMA } from './refunds.js'

/**
 * The part of Waffo's read schema the mock serves: stores, products and orders, each list with
 * limit/offset and a *Count twin taking the same filter. Field names follow the SDK's GraphQL
 * guide (prices as [CurrencyPrice!]!, hasProdVersion, storeId arguments).
 */
import { ANALYTICS_QUERIES, ANALYTICS_TYPES } from './analytics-schema.js'
import { GUIDE_QUERIES, GUIDE_TYPES, VERSION_TYPES } from './guide-schema.js'

const page = 'limit: Int, offset: Int'
/** The product and order lists, at the top (with a storeId argument) or on a Store (without). */
const lists = (store: string) => `
  onetimeProducts(${store}${page}, filter: ProductFilter): [OnetimeProduct!]!
  onetimeProductsCount(${store}filter: ProductFilter): Int!
  subscriptionProducts(${store}${page}, filter: ProductFilter): [SubscriptionProduct!]!
  subscriptionProductsCount(${store}filter: ProductFilter): Int!
  onetimeOrders(${store}${page}, filter: OnetimeOrderFilter): [OnetimeOrder!]!
  onetimeOrdersCount(${store}filter: OnetimeOrderFilter): Int!
  subscriptionOrders(${store}${page}, filter: SubscriptionOrderFilter): [SubscriptionOrder!]!
  subscriptionOrdersCount(${store}filter: SubscriptionOrderFilter): Int!
  "The groups of the API key's environment."
  subscriptionProductGroups(${store}${page}, filter: GroupFilter): [SubscriptionProductGroup!]!
  subscriptionProductGroupsCount(${store}filter: GroupFilter): Int!`

const product = `
  id: ID!
  storeId: String!
  name: String!
  description: String
  prices: [CurrencyPrice!]!
  media: [MediaItem!]!
  successUrl: String
  metadata: JSON!
  "Status in the API key's environment."
  status: String!
  hasProdVersion: Boolean!
  versionNumber: Int!
  createdAt: String!
  updatedAt: String!
  store: Store`

const order = `
  id: ID!
  storeId: String!
  productId: String
  buyerEmail: String
  currency: String
  amount: String
  status: String!
  canceledAt: String
  createdAt: String!
  updatedAt: String!
  "true for an order of the test environment."
  testMode: Boolean!
  billingDetail: BillingDetail
  "The merchant's business number given at checkout (orderMerchantExternalId)."
  orderMerchantExternalId: String
  payments: [Payment!]!
  store: Store`

/** Both order lists filter on the same fields, each through a type of its own name (the guide introspects OnetimeOrderFilter). */
const orderFilter = '{ id: StringFilter, status: StringFilter, buyerEmail: StringFilter, currency: StringFilter, productId: StringFilter, testMode: BooleanFilter, createdAt: DateTimeFilter, updatedAt: DateTimeFilter }'

export const SCHEMA = `
scalar JSON

input StringFilter { eq: String, ne: String, contains: String, startsWith: String, endsWith: String, in: [String!] }
input DateTimeFilter { eq: String, ne: String, gt: String, gte: String, lt: String, lte: String }
input BooleanFilter { eq: Boolean }
input StoreFilter { id: StringFilter, name: StringFilter, slug: StringFilter, status: StringFilter, prodEnabled: BooleanFilter, createdAt: DateTimeFilter, updatedAt: DateTimeFilter }
input ProductFilter { id: StringFilter, name: StringFilter, status: StringFilter, createdAt: DateTimeFilter, updatedAt: DateTimeFilter }
input GroupFilter { id: StringFilter, name: StringFilter, createdAt: DateTimeFilter, updatedAt: DateTimeFilter }
${GUIDE_TYPES}
${VERSION_TYPES}
${ANALYTICS_TYPES}
"Filters of onetimeOrders and onetimeOrdersCount (ANDed)."
input OnetimeOrderFilter ${orderFilter}
"Filters of subscriptionOrders and subscriptionOrdersCount (ANDed)."
input SubscriptionOrderFilter ${orderFilter}

type Query {
  stores(${page}, filter: StoreFilter): [Store!]!
  storesCount(filter: StoreFilter): Int!
  store(id: ID!): Store
  onetimeProduct(id: ID!): OnetimeProduct
  subscriptionProduct(id: ID!): SubscriptionProduct
  onetimeOrder(id: ID!): OnetimeOrder
  subscriptionOrder(id: ID!): SubscriptionOrder
  ${lists('storeId: String, ')}
  ${GUIDE_QUERIES}
  ${ANALYTICS_QUERIES}
}

type Payment {
  id: ID!
  orderId: String!
  storeId: String!
  "pending, succeeded, failed or canceled (PaymentStatus)."
  status: String!
  amount: String!
  currency: String!
  testMode: Boolean!
  createdAt: String!
  orderMerchantExternalId: String
  "Present when the payment failed."
  failureReason: String
  snapshotAmountDetails: AmountDetails!
  "The sandbox card charged (null for a payment no card was presented for)."
  cardInfo: CardInfo
  onetimeOrder: OnetimeOrder
  subscriptionOrder: SubscriptionOrder
}

type Store {
  id: ID!
  name: String!
  status: String!
  logo: String
  supportEmail: String
  website: String
  slug: String
  prodEnabled: Boolean!
  notificationSettings: JSON
  checkoutSettings: JSON
  deletedAt: String
  createdAt: String!
  updatedAt: String!
  "The caller's role on this store."
  role: String!
  ${lists('')}
  storeWebhooks: [StoreWebhook!]!
  "Newest first."
  webhookDeliveries(${page}): [WebhookDelivery!]!
}

type StoreWebhook {
  id: ID!
  storeId: String!
  channel: String!
  url: String!
  events: [String!]!
  testMode: Boolean!
  secret: String
  createdAt: String!
  updatedAt: String!
}

type WebhookDelivery {
  id: ID!
  storeWebhookId: String
  eventType: String!
  url: String!
  "pending, delivered or failed"
  status: String!
  attempts: Int!
  payload: JSON!
  createdAt: String!
  finishedAt: String
  storeId: String
  eventId: String
  webhookUrl: String!
  "The HTTP status of the latest attempt (null before one, or when it got no answer)."
  httpStatus: Int
  responseBody: String
  attemptCount: Int!
  lastAttemptedAt: String
}

type PriceInfo { amount: String!, taxCategory: String!, trialAmount: String }
type CurrencyPrice { currency: String!, priceInfo: PriceInfo! }
type MediaItem { type: String!, url: String!, alt: String, thumbnail: String }

type OnetimeProduct {${product}
}

type SubscriptionProduct {${product}
  billingPeriod: String!
}

type GroupRules { sharedTrial: Boolean!, selfServicePlanChange: Boolean! }

type SubscriptionProductGroup {
  id: ID!
  storeId: String!
  name: String!
  description: String
  rules: GroupRules!
  productIds: [String!]!
  environment: String!
  createdAt: String!
  updatedAt: String!
  "The group's subscription products that still exist, in the group's order."
  products: [SubscriptionProduct!]!
  store: Store
}

type OnetimeOrder {${order}
  "What the buyer paid (orders bought through checkout)."
  priceSnapshot: OnetimePriceSnapshot
  "The product version bought, while the mock still keeps it (null otherwise)."
  productVersion: OnetimeProductVersion
  onetimeProduct: OnetimeProduct
}

type SubscriptionOrder {${order}
  currentPeriodStart: String
  currentPeriodEnd: String
  billingPeriod: String
  priceSnapshot: SubscriptionPriceSnapshot
  productVersion: SubscriptionProductVersion
  subscriptionProduct: SubscriptionProduct
}
${REFUND_SCHEMA}`
