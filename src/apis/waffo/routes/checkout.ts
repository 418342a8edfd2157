import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import Type, { type Static } from 'typebox'
import { atomically } from '../../../db/atomically.js'
import { isWebUrl, pathOf, URL_MAX } from '../../../http/url.js'
import { caller } from '../auth.js'
import { cardOutcome } from '../cards.js'
import { CHARGEABLE, newSessionRow, type Outcome, PurchaseRefusal, refuseUnpayable, SESSION_SECONDS, versionIn } from '../checkout.js'
import { checkoutPage, paidPage, refusalPage } from '../checkout-page/page.js'
import { waffoErrors } from '../errors.js'
import { Envelope } from '../format.js'
import { openPlanChange, settleSession } from '../plan-change.js'
import type { CheckoutSessionRow } from '../repo/purchases.js'
import { verifySession } from '../session.js'
import { declared, WAFFO_ROUTES } from './table.js'

/** The SDK's CheckoutSessionResult. */
export const CheckoutSessionResult = Type.Object({ sessionId: Type.String(), checkoutUrl: Type.String(), expiresAt: Type.String() })

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,189}$/

/** The hosted page of each kind of session: a new purchase's checkout, a plan change's confirmation. */
type PageKind = 'checkout' | 'change'

/** Upstream's shape, https://pancake.waffo.ai/store/{slug}/{checkout|change}/{sessionId}, on the host the caller used. */
const pageUrl = (request: FastifyRequest, kind: PageKind, slug: string, sessionId: string) =>
  `${request.protocol}://${request.host}/v1/store/${encodeURIComponent(slug)}/${kind}/${sessionId}`

const kindOf = (session: CheckoutSessionRow): PageKind => session.origin_order_id === null ? 'checkout' : 'change'

const html = (reply: FastifyReply, status: number, body: string) =>
  reply.code(status).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(body)

const PageParams = Type.Object({ slug: Type.String(), sessionId: Type.String() })
type Page = Static<typeof PageParams>
// token: with autoPay, the authenticated link's #token (a fragment no server sees) as a parameter.
const PageQuery = Type.Object({ autoPay: Type.Optional(Type.String()), token: Type.Optional(Type.String()) }, { additionalProperties: true })

/** checkout/create-session (API keys and buyer sessions; plan change mode with originOrderId) and the hosted pages at its checkoutUrl. */
export const checkoutRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const route = WAFFO_ROUTES.createCheckoutSession
  app.route({
    ...declared(route),
    schema: { body: route.body, response: { 200: Envelope(CheckoutSessionResult) } },
    handler: async (request) => {
      const body = request.body
      const who = caller(request)
      const { db, clock, repos: { waffo } } = request.ctx
      if (body.successUrl !== undefined && !isWebUrl(body.successUrl, URL_MAX)) {
        throw waffoErrors.invalidField('Invalid successUrl: expected an absolute http(s) URL', 'order')
      }
      const { originOrderId } = body
      if (originOrderId !== undefined) {
        const row = atomically(db, () => openPlanChange(request.ctx, who, { ...body, originOrderId }))
        const store = waffo.stores.byId(row.store_id)!
        return { data: { sessionId: row.id, checkoutUrl: pageUrl(request, 'change', store.slug ?? store.id, row.id), expiresAt: row.expires_at } }
      }
      // The SDK's README: the platform rejects the plan change fields whenever they appear without originOrderId.
      if (body.changeTiming !== undefined || body.changeAmount !== undefined || body.changeCreditAmount !== undefined) {
        throw waffoErrors.invalidField('changeTiming, changeAmount and changeCreditAmount require originOrderId', 'order')
      }
      if (body.includePaymentMethods !== undefined && body.excludePaymentMethods !== undefined) throw waffoErrors.paymentMethodFilters()
      const session = atomically(db, () => {
        const product = waffo.products.live(body.productId)
        // A buyer session reaches only its own store's products; a key, the stores its merchant belongs to.
        const reachable = product !== undefined && (who.kind === 'buyer'
          ? product.store_id === who.storeId
          : waffo.stores.memberRole(product.store_id, who.merchantId) !== undefined)
        if (!product || !reachable) throw waffoErrors.productNotFound()
        const version = versionIn(product, who.environment)
        if (!version) throw waffoErrors.noVersionInEnvironment()
        if (!version.active) throw waffoErrors.productInactive()
        const price = version.content.prices[body.currency]
        if (!price) throw waffoErrors.currencyNotOffered(body.currency)
        const chargeable = CHARGEABLE[product.type]
        const methods = chargeable[body.currency]
        if (!methods) throw waffoErrors.currencyNotChargeable(body.currency, product.type, Object.keys(chargeable))
        const unavailable = body.includePaymentMethods?.find((method) => !(methods as readonly string[]).includes(method))
        if (unavailable) throw waffoErrors.paymentMethodUnavailable(unavailable, body.currency, product.type, methods)
        if (body.withTrial === true && product.type !== 'subscription') throw waffoErrors.trialNotAvailable()
        // A trial needs withTrial and a number of days (the session's metadata.trialDays, else the product's).
        const days = Number(body.metadata?.trialDays ?? version.content.metadata.trialDays)
        const trialDays = body.withTrial === true && Number.isInteger(days) && days > 0 && days <= 730 ? days : null
        // The SDK's PriceSnapshot: API-key callers only (a buyer session's is dropped); it replaces the
        // period price, and the trial price still comes from the product version.
        const override = who.kind === 'merchant' ? body.priceSnapshot : undefined
        const snapshot = {
          amount: override?.amount ?? price.amount,
          taxCategory: override?.taxCategory ?? price.taxCategory,
          ...(price.trialAmount ? { trialAmount: price.trialAmount } : {})
        }
        const store = waffo.stores.byId(product.store_id)!
        const now = clock.now()
        const row: CheckoutSessionRow = newSessionRow({
          store_id: product.store_id,
          product_id: product.id,
          mode: who.environment,
          product_version: version.version,
          currency: body.currency,
          price_snapshot: JSON.stringify(snapshot),
          trial_days: trialDays,
          buyer_email: body.buyerEmail ?? (who.kind === 'buyer' && EMAIL.test(who.buyerIdentity) ? who.buyerIdentity : null),
          buyer_identity: who.kind === 'buyer' ? who.buyerIdentity : null,
          billing_detail: body.billingDetail ? JSON.stringify(body.billingDetail) : null,
          success_url: body.successUrl ?? version.content.successUrl,
          metadata: JSON.stringify(body.metadata ?? {}),
          external_id: body.orderMerchantExternalId ?? null,
          created_at: new Date(now).toISOString(),
          expires_at: new Date(now + (body.expiresInSeconds ?? SESSION_SECONDS) * 1000).toISOString()
        })
        waffo.purchases.insertSession(row)
        return { row, slug: store.slug ?? store.id }
      })
      return { data: { sessionId: session.row.id, checkoutUrl: pageUrl(request, 'checkout', session.slug, session.row.id), expiresAt: session.row.expires_at } }
    }
  })

  /** The session behind a page URL (its slug must be the store's, its kind the page's), or a refusal. */
  const sessionAt = (request: FastifyRequest, params: Page, kind: PageKind) => {
    const { waffo } = request.ctx.repos
    const session = waffo.purchases.session(params.sessionId)
    const store = session && waffo.stores.byId(session.store_id)
    if (!session || !store || (store.slug ?? store.id) !== params.slug || kindOf(session) !== kind) {
      throw new PurchaseRefusal(404, 'UNKNOWN_SESSION', 'No such checkout session')
    }
    return { session: refuseUnpayable(request.ctx, session), store }
  }

  const view = (request: FastifyRequest, params: Page, kind: PageKind, error?: string, token?: string) => {
    const { session, store } = sessionAt(request, params, kind)
    const { waffo } = request.ctx.repos
    const product = waffo.products.live(session.product_id)!
    const content = versionIn(product, session.mode)?.content
    const snapshot = JSON.parse(session.price_snapshot) as { amount: string }
    const origin = session.origin_order_id === null ? undefined : waffo.orders.live(session.origin_order_id)
    const current = origin?.product_id ? waffo.products.live(origin.product_id) : undefined
    return checkoutPage({
      action: pathOf(request.url),
      storeName: store.name,
      productName: content?.name ?? product.name,
      price: `${snapshot.amount} ${session.currency}`,
      billing: product.type === 'subscription' ? (content?.billingPeriod ?? 'monthly') : null,
      trialDays: session.trial_days,
      // After a declined card the order keeps the email the buyer typed.
      buyerEmail: session.buyer_email ?? (session.order_id === null ? null : waffo.orders.live(session.order_id)?.buyer_email ?? null),
      testMode: session.mode === 'test',
      ...(session.change_timing === null
        ? {}
        : {
            change: {
              from: (current && versionIn(current, session.mode)?.content.name) ?? current?.name ?? 'your current plan',
              timing: session.change_timing,
              periodEnd: origin?.current_period_end ?? null,
              due: `${session.change_due ?? '0.00'} ${session.currency}`
            }
          }),
      ...(error === undefined ? {} : { error }),
      ...(token === undefined ? {} : { token })
    })
  }

  /**
   * The buyer an authenticated checkout's token names (the page's form carries it from the link's
   * `#token=`): a token this mock issued for the session's store, even if its 5 minutes are over
   * (it opened the checkout; the session's own expiry still applies).
   */
  const tokenBuyer = (request: FastifyRequest, params: Page, token: string | undefined): string | undefined => {
    if (token === undefined) return undefined
    const check = verifySession(token, request.ctx.clock.now())
    const claims = check.ok || check.why === 'expired' ? check.claims : undefined
    const session = request.ctx.repos.waffo.purchases.session(params.sessionId)
    if (!claims || claims.storeId !== session?.store_id) throw new PurchaseRefusal(400, 'INVALID_TOKEN', 'The buyer session token of this checkout link is not one this mock issued for its store')
    return claims.sub
  }

  /** Pays; success → 302 to successUrl (or the paid page), decline → the page again with the refusal. */
  const pay = (request: FastifyRequest, params: Page, kind: PageKind, reply: FastifyReply, outcome: Outcome, email?: string, token?: string) => {
    sessionAt(request, params, kind)
    const identity = tokenBuyer(request, params, token)
    const { session, order } = atomically(request.ctx.db, () => settleSession(request.ctx, params.sessionId, outcome, { email, identity }))
    if (outcome === 'decline') return html(reply, 402, view(request, params, kind, 'Your card was declined. Try another card.', token))
    if (session.success_url !== null) return reply.header('cache-control', 'no-store').redirect(session.success_url, 302)
    return html(reply, 200, paidPage(order.id))
  }

  /** Whether the page shows an email prefilled: the session's, or its order's (a plan change's is its subscription's). */
  const knownEmail = (request: FastifyRequest, params: Page, kind: PageKind): boolean => {
    const { session } = sessionAt(request, params, kind)
    const { orders } = request.ctx.repos.waffo
    const order = session.order_id ?? session.origin_order_id
    return session.buyer_email !== null || (order !== null && orders.live(order)?.buyer_email != null)
  }

  const refused = (reply: FastifyReply, error: unknown) => {
    if (error instanceof PurchaseRefusal) return html(reply, error.status, refusalPage(error.status, error.code, error.message))
    throw error
  }

  const PAGES = [
    ['checkout', WAFFO_ROUTES.checkoutPage, WAFFO_ROUTES.checkoutPay, 'checkout page'],
    ['change', WAFFO_ROUTES.changePage, WAFFO_ROUTES.changePay, 'plan change confirmation page']
  ] as const
  for (const [kind, page, form, name] of PAGES) {
    app.route({
      ...declared(page),
      schema: {
        description: `The hosted ${name}. \`?autoPay=success|decline\` pays at once (no browser needed); with \`&token=<the link's #token>\` it binds the order to that buyer.`,
        params: PageParams,
        querystring: PageQuery,
        response: { 200: Type.String({ description: 'text/html' }), 302: Type.Null() }
      },
      handler: async (request, reply) => {
        try {
          const auto = request.query.autoPay
          if (auto === undefined) return html(reply, 200, view(request, request.params, kind))
          if (auto !== 'success' && auto !== 'decline') throw new PurchaseRefusal(400, 'INVALID_AUTOPAY', 'autoPay must be success or decline')
          return pay(request, request.params, kind, reply, auto, undefined, request.query.token || undefined)
        } catch (error) {
          return refused(reply, error)
        }
      }
    })

    app.route({
      ...declared(form),
      schema: {
        description: `The ${name}'s form (application/x-www-form-urlencoded: email, card).`,
        params: PageParams,
        response: { 200: Type.String({ description: 'text/html' }), 302: Type.Null() }
      },
      handler: async (request, reply) => {
        const fields = new URLSearchParams(request.rawBody?.toString('utf8') ?? '')
        try {
          const email = fields.get('email')?.trim() ?? ''
          const token = fields.get('token') || undefined
          // The field is required on the page: without it, only a checkout that knows its buyer's email goes on.
          if (email === '' ? !knownEmail(request, request.params, kind) : !EMAIL.test(email)) {
            return html(reply, 400, view(request, request.params, kind, 'Enter a valid email address.', token))
          }
          const outcome = cardOutcome(fields.get('card') ?? '')
          if (outcome === undefined) return html(reply, 400, view(request, request.params, kind, 'Unknown card number: use a sandbox test card.', token))
          return pay(request, request.params, kind, reply, outcome, email === '' ? undefined : email, token)
        } catch (error) {
          return refused(reply, error)
        }
      }
    })
  }
}
