import Type, { type TSchema } from 'typebox'
import { URL_MAX } from '../../../http/url.js'
import { BILLING_PERIODS } from '../catalog/content.js'
import { MONEY_PATTERN } from '../money.js'
import { CHANNELS, WEBHOOK_EVENTS } from '../webhooks/events.js'

/**
 * Every Waffo action's body, from the SDK's parameter types (`CreateStoreParams`,
 * `CreateOnetimeProductParams`, `CancelSubscriptionParams`…). Annotations drive Waffo's 400s
 * (see validation.ts): `x-id-prefix` answers `Expected format: <P>_xxx, got "<value>"`, `x-invalid`
 * is the message for a value of the wrong shape (`{path}` and `{got}` filled in), and
 * `x-empty-is-missing` makes `null` or `""` a missing field even where the field is optional.
 * Rules that need more than a shape (a trimmed length, trial below amount) stay in the handlers.
 */

const SHORT_ID = (prefix: string) => `^${prefix}_[0-9A-Za-z]{22}$`

/** A short id (`STO_` + 22 base62), refused with the documented format message. */
export const ShortId = (prefix: string, options: Record<string, unknown> = {}) =>
  Type.String({ pattern: SHORT_ID(prefix), 'x-id-prefix': prefix, ...options })

const invalid = (message: string) => ({ 'x-invalid': message })
const ANY_OBJECT = Type.Record(Type.String(), Type.Unknown())

export const StoreIdBody = Type.Object({ id: ShortId('STO') })

export const CreateStoreBody = Type.Object({
  name: Type.String({ minLength: 1, ...invalid('Store name must be between 1 and 48 characters') })
})

export const UpdateStoreBody = Type.Object({
  id: ShortId('STO'),
  // null is a name of the wrong shape here (not a missing one): the store service says so.
  name: Type.Optional(Type.Union([Type.String(), Type.Null()], invalid('Store name must be between 1 and 48 characters'))),
  status: Type.Optional(Type.String(invalid('Invalid status: expected one of active, inactive'))),
  logo: Type.Optional(Type.Union([Type.String(), Type.Null()], invalid('Invalid logo: expected a string or null'))),
  notificationSettings: Type.Optional(Type.Union([ANY_OBJECT, Type.Null()], invalid('Invalid notificationSettings: expected an object or null'))),
  checkoutSettings: Type.Optional(Type.Union([ANY_OBJECT, Type.Null()], invalid('Invalid checkoutSettings: expected an object or null')))
}, { additionalProperties: true })

const AMOUNT = invalid('Invalid {path}: expected numeric string in display format (e.g., "9.99", "1000"), got "{got}"')
/** The tax categories the docs list. */
export const TAX_CATEGORIES = ['digital_goods', 'saas', 'software', 'ebook', 'online_course', 'consulting', 'professional_service'] as const
const Amount = Type.String({ pattern: MONEY_PATTERN, ...AMOUNT })

const PriceInfo = Type.Object({
  amount: Amount,
  taxCategory: Type.Union(TAX_CATEGORIES.map((category) => Type.Literal(category)),
    invalid(`Invalid {path}: expected one of [${TAX_CATEGORIES.join(', ')}], got "{got}"`)),
  trialAmount: Type.Optional(Type.Union([Amount, Type.Null()], AMOUNT))
}, { additionalProperties: true, ...invalid('Invalid {path}: expected an object with amount and taxCategory') })

const Prices = Type.Record(Type.String(), PriceInfo, { minProperties: 1, ...invalid('prices must contain at least one currency') })

const MediaItem = Type.Object({
  type: Type.Union([Type.Literal('image'), Type.Literal('video')]),
  url: Type.String({ minLength: 1 }),
  alt: Type.Optional(Type.Union([Type.String(), Type.Null()], invalid('Invalid {path}: expected a string'))),
  thumbnail: Type.Optional(Type.Union([Type.String(), Type.Null()], invalid('Invalid {path}: expected a string')))
}, { additionalProperties: true, ...invalid('Invalid {path}: expected {type: "image"|"video", url, alt?, thumbnail?}') })

/** The fields a product version holds; required on create, each optional on update. */
function productFields (required: boolean) {
  const missing = required ? {} : { 'x-empty-is-missing': true }
  const need = <T extends TSchema>(schema: T) => required ? schema : Type.Optional(schema)
  return {
    name: need(Type.String({ minLength: 1, ...invalid('Invalid name: expected a non-empty string'), ...missing })),
    prices: need(Type.Record(Type.String(), PriceInfo, { ...Prices, ...missing })),
    description: Type.Optional(Type.Union([Type.String(), Type.Null()], invalid('Invalid description: expected a string or null'))),
    media: Type.Optional(Type.Array(MediaItem, invalid('Invalid media: expected an array'))),
    successUrl: Type.Optional(Type.Union([Type.String(), Type.Null()], invalid('Invalid successUrl: expected an http(s) URL of at most 512 characters'))),
    metadata: Type.Optional(Type.Record(Type.String(), Type.Unknown(), invalid('Invalid metadata: expected an object')))
  }
}

/** Subscription products only (`weekly` … `yearly`). */
const billingPeriod = (required: boolean) => {
  const schema = Type.Union(BILLING_PERIODS.map((period) => Type.Literal(period)),
    { ...invalid(`Invalid billingPeriod: expected one of [${BILLING_PERIODS.join(', ')}], got "{got}"`), ...(required ? {} : { 'x-empty-is-missing': true }) })
  return required ? schema : Type.Optional(schema)
}

const OPEN = { additionalProperties: true }
export const CreateOnetimeProductBody = Type.Object({ storeId: ShortId('STO'), ...productFields(true) }, OPEN)
export const CreateSubscriptionProductBody = Type.Object({ storeId: ShortId('STO'), ...productFields(true), billingPeriod: billingPeriod(true) }, OPEN)
export const UpdateOnetimeProductBody = Type.Object({ id: ShortId('PROD'), ...productFields(false) }, OPEN)
export const UpdateSubscriptionProductBody = Type.Object({ id: ShortId('PROD'), ...productFields(false), billingPeriod: billingPeriod(false) }, OPEN)

export const PublishProductBody = Type.Object({ id: ShortId('PROD') }, { additionalProperties: true })

/** The update-status page documents its own wording for a bad id and for a bad status. */
export const UpdateStatusBody = Type.Object({
  id: ShortId('PROD', invalid('Invalid ID format')),
  status: Type.Union([Type.Literal('active'), Type.Literal('inactive')], { ...invalid("Invalid or missing status (must be 'active' or 'inactive')"), 'x-invalid-when-missing': true })
}, { additionalProperties: true })

export const OrderIdBody = Type.Object({ orderId: ShortId('ORD') }, { additionalProperties: true })

/** GroupRulesInput: each switch optional (merged on update, off when left out on create). */
const GroupRules = Type.Object({
  sharedTrial: Type.Optional(Type.Boolean(invalid('Invalid rules.sharedTrial: expected a boolean'))),
  selfServicePlanChange: Type.Optional(Type.Boolean(invalid('Invalid rules.selfServicePlanChange: expected a boolean')))
}, { additionalProperties: true, ...invalid('Invalid rules: expected an object') })
const GroupProductIds = Type.Array(ShortId('PROD'), { maxItems: 100, ...invalid('Invalid productIds: expected an array of at most 100 product ids') })
const GroupDescription = Type.Union([Type.String({ maxLength: 500 }), Type.Null()], invalid('Invalid description: expected a string of at most 500 characters or null'))
const GroupId = Type.String({ minLength: 1, ...invalid('Invalid id: expected a string') })

/**
 * CreateSubscriptionProductGroupParams. storeId and name may be absent here: the handler names
 * every missing one at once (`Missing required fields: storeId, name`, as the docs show).
 */
export const CreateGroupBody = Type.Object({
  storeId: Type.Optional(Type.Union([ShortId('STO'), Type.Literal(''), Type.Null()], { 'x-id-prefix': 'STO' })),
  name: Type.Optional(Type.Union([Type.String(), Type.Null()], invalid('Invalid name: expected a string'))),
  description: Type.Optional(GroupDescription),
  rules: Type.Optional(GroupRules),
  productIds: Type.Optional(GroupProductIds)
}, { additionalProperties: true })

/** UpdateSubscriptionProductGroupParams: productIds replaces the list, rules merge switch by switch. */
export const UpdateGroupBody = Type.Object({
  id: GroupId,
  name: Type.Optional(Type.String(invalid('Invalid name: expected a string'))),
  description: Type.Optional(GroupDescription),
  rules: Type.Optional(GroupRules),
  productIds: Type.Optional(GroupProductIds)
}, { additionalProperties: true })

/** Delete- and PublishSubscriptionProductGroupParams. */
export const GroupIdBody = Type.Object({ id: GroupId }, { additionalProperties: true })

/** ScanPromptParams: a prompt of 1–10,000 characters, a locale, a semantic mode. */
export const ScanPromptBody = Type.Object({
  prompt: Type.String({ minLength: 1, maxLength: 10_000, ...invalid('Invalid prompt: expected 1-10000 characters') }),
  locale: Type.Optional(Type.Union([Type.Literal('ja'), Type.Literal('en'), Type.Literal('zh')], invalid('Invalid locale: expected one of ja, en, zh'))),
  semantic: Type.Optional(Type.Union([Type.Literal('off'), Type.Literal('shadow'), Type.Literal('enforce')], invalid('Invalid semantic: expected one of off, shadow, enforce')))
}, { additionalProperties: true })

/** Either id may be left out (or empty); the handler asks for one of the two. */
const OptionalId = (prefix: string) => Type.Optional(Type.Union([ShortId(prefix), Type.Literal(''), Type.Null()], { 'x-id-prefix': prefix }))

/** Our bound (upstream documents none), as the admin pay helper's: a token carries it in every call. */
export const BUYER_IDENTITY_INVALID = 'Invalid buyerIdentity: expected a non-empty string of at most 256 characters'

export const IssueSessionTokenBody = Type.Object({
  storeId: OptionalId('STO'),
  productId: OptionalId('PROD'),
  buyerIdentity: Type.String({ pattern: '\\S', maxLength: 256, ...invalid(BUYER_IDENTITY_INVALID) })
}, { additionalProperties: true })

/**
 * store-merchant/* answer 501 whatever the body (upstream: "Coming soon"), so the body is not
 * read; the SDK's `AddMerchantParams`, `RemoveMerchantParams`, `UpdateRoleParams` are documentation.
 */
export const StoreMerchantBody = Type.Unknown({ description: 'Not read: the action answers 501 until upstream ships it' })

export const GraphQLBody = Type.Object({
  query: Type.String({ pattern: '\\S', 'x-invalid-is-missing': true }),
  variables: Type.Optional(Type.Union([ANY_OBJECT, Type.Null()], invalid('Variables must be an object'))),
  operationName: Type.Optional(Type.Unknown())
}, { additionalProperties: true })

/** Our bounds (upstream documents none): a URL a browser would take, a Telegram chat id or bot secret. */
const MAX_URL = URL_MAX
const MAX_SECRET = 512
const WebhookEvents = Type.Array(Type.Enum(WEBHOOK_EVENTS), {
  minItems: 1, maxItems: WEBHOOK_EVENTS.length, ...invalid(`Invalid events: expected a non-empty array of event types among ${WEBHOOK_EVENTS.join(', ')}`)
})
/** The refusal of a webhook URL, by the schema (shape) or the route (isWebUrl: a host, a port, printable ASCII). */
export const INVALID_WEBHOOK_URL = `Invalid url: expected an http(s) URL of at most ${MAX_URL} characters`
const WebhookUrl = Type.String({ minLength: 1, maxLength: MAX_URL, pattern: '^https?://[^\\s]+$', ...invalid(INVALID_WEBHOOK_URL) })
const WebhookSecret = Type.Union([Type.String({ maxLength: MAX_SECRET }), Type.Null()], invalid(`Invalid secret: expected a string of at most ${MAX_SECRET} characters or null`))
const WebhookId = Type.String(invalid('Invalid id: expected a string'))

/** AddWebhookParams. */
export const AddWebhookBody = Type.Object({
  storeId: ShortId('STO'),
  channel: Type.Enum(CHANNELS, invalid(`Invalid channel: expected one of ${CHANNELS.join(', ')}`)),
  url: WebhookUrl,
  events: WebhookEvents,
  testMode: Type.Boolean(invalid('Invalid testMode: expected a boolean')),
  secret: Type.Optional(WebhookSecret)
})

/** UpdateWebhookParams; channel and testMode are named only to refuse them (they cannot change). */
export const UpdateWebhookBody = Type.Object({
  id: WebhookId,
  url: Type.Optional(WebhookUrl),
  events: Type.Optional(WebhookEvents),
  secret: Type.Optional(WebhookSecret),
  channel: Type.Optional(Type.Unknown()),
  testMode: Type.Optional(Type.Unknown())
})

/** RemoveWebhookParams. */
export const RemoveWebhookBody = Type.Object({ id: WebhookId })

/** The SDK's ChangeTiming. */
export const CHANGE_TIMINGS = ['immediate', 'next_period'] as const

const STRING_MAP = Type.Record(Type.String(), Type.String(), invalid('Invalid {path}: expected an object of string values'))

/** The SDK's `BillingDetail`: country (ISO 3166-1 alpha-2) and isBusiness, the rest optional. */
const BillingDetail = Type.Object({
  country: Type.String({ pattern: '^[A-Z]{2}$', ...invalid('Invalid {path}: expected an ISO 3166-1 alpha-2 country code, got "{got}"') }),
  isBusiness: Type.Boolean(invalid('Invalid {path}: expected a boolean')),
  postcode: Type.Optional(Type.String({ maxLength: 32 })),
  state: Type.Optional(Type.String({ maxLength: 64 })),
  businessName: Type.Optional(Type.String({ maxLength: 256 })),
  taxId: Type.Optional(Type.String({ maxLength: 64 }))
}, { additionalProperties: true, ...invalid('Invalid {path}: expected an object with country and isBusiness') })

/**
 * The SDK's `CreateCheckoutSessionParams`, and its plan change mode (`originOrderId`, plan-change.ts).
 * `includePaymentMethods` is judged against the product type × currency (CHARGEABLE); `language`
 * and `excludePaymentMethods` are taken as given. The hosted page takes the sandbox test cards only.
 */
export const CreateCheckoutSessionBody = Type.Object({
  productId: ShortId('PROD'),
  currency: Type.String({ pattern: '^[A-Z]{3}$', ...invalid('Invalid currency: expected an ISO 4217 code, got "{got}"') }),
  priceSnapshot: Type.Optional(Type.Object({
    amount: Amount,
    taxCategory: Type.Union(TAX_CATEGORIES.map((category) => Type.Literal(category)),
      invalid(`Invalid {path}: expected one of [${TAX_CATEGORIES.join(', ')}], got "{got}"`))
  }, { additionalProperties: true, ...invalid('Invalid {path}: expected an object with amount and taxCategory') })),
  withTrial: Type.Optional(Type.Boolean(invalid('Invalid withTrial: expected a boolean'))),
  buyerEmail: Type.Optional(Type.String({ pattern: '^[^\\s@]+@[^\\s@]+$', maxLength: 254, ...invalid('Invalid buyerEmail: expected an email address') })),
  billingDetail: Type.Optional(BillingDetail),
  successUrl: Type.Optional(Type.String(invalid('Invalid successUrl: expected an absolute http(s) URL'))),
  expiresInSeconds: Type.Optional(Type.Integer({ minimum: 60, maximum: 86400, ...invalid('Invalid expiresInSeconds: expected an integer from 60 to 86400') })),
  darkMode: Type.Optional(Type.Boolean(invalid('Invalid darkMode: expected a boolean'))),
  metadata: Type.Optional(STRING_MAP),
  orderMerchantExternalId: Type.Optional(Type.String({ maxLength: 128, ...invalid('Invalid orderMerchantExternalId: at most 128 characters') })),
  language: Type.Optional(Type.String({ maxLength: 35, ...invalid('Invalid language: expected an IETF BCP 47 tag') })),
  includePaymentMethods: Type.Optional(Type.Array(Type.String(), { maxItems: 32, ...invalid('Invalid includePaymentMethods: expected an array of payment methods') })),
  excludePaymentMethods: Type.Optional(Type.Array(Type.String(), { maxItems: 32, ...invalid('Invalid excludePaymentMethods: expected an array of payment methods') })),
  // Plan change mode (the SDK's CreatePlanChangeSessionParams): originOrderId switches it on.
  originOrderId: Type.Optional(ShortId('ORD')),
  changeTiming: Type.Optional(Type.Union(CHANGE_TIMINGS.map((timing) => Type.Literal(timing)),
    invalid(`Invalid changeTiming: expected one of [${CHANGE_TIMINGS.join(', ')}], got "{got}"`))),
  changeAmount: Type.Optional(Amount),
  changeCreditAmount: Type.Optional(Amount)
}, { additionalProperties: true })

/** The SDK's `RequestedAmount`: a display amount and the payment's currency. */
const RefundAmount = Type.Object({
  amount: Type.String({ pattern: MONEY_PATTERN, ...AMOUNT }),
  currency: Type.String({ pattern: '^[A-Z]{3}$', ...invalid('Invalid {path}: expected an ISO 4217 code, got "{got}"') })
}, { additionalProperties: true, ...invalid('Invalid requestedAmount: expected an object with amount and currency') })
const RefundReason = Type.String({ minLength: 1, maxLength: 1000, ...invalid('Invalid reason: expected 1-1000 characters') })

/** The SDK's `CreateRefundTicketParams`. */
export const CreateRefundTicketBody = Type.Object({
  paymentId: ShortId('PAY'),
  reason: RefundReason,
  requestedAmount: RefundAmount,
  metadata: Type.Optional(Type.Record(Type.String(), Type.Unknown(), invalid('Invalid metadata: expected an object'))),
  refundTicketMerchantExternalId: Type.Optional(Type.String({ maxLength: 128, ...invalid('Invalid refundTicketMerchantExternalId: at most 128 characters') }))
}, { additionalProperties: true })

/** The SDK's `ResubmitRefundTicketParams`. */
export const ResubmitRefundTicketBody = Type.Object({
  ticketId: ShortId('TKT'),
  paymentId: ShortId('PAY'),
  reason: RefundReason,
  requestedAmount: RefundAmount
}, { additionalProperties: true })
