import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import Type from 'typebox'
import { validateHeaderValue } from 'node:http'
import { isWebUrl, URL_MAX } from '../../../http/url.js'
import { TOCO_PREFIX } from '../../../signing/toco.js'
import { tocoErrors } from '../errors.js'
import { formatOnboardSession, OnboardSession, success, SuccessEnvelope, BaseMeta } from '../format.js'
import { newId } from '../ids.js'
import { approve, ConsentRefusal, DEFAULT_PERIOD, openSession, PERIODS, redirectWith, refusals } from '../onboarding/approve.js'
import { consentPage, refusalPage } from '../onboarding/page.js'
import { ONBOARD_SESSION_MS } from '../seed.js'
import { declared, TOCO_ROUTES } from './table.js'
import { caller } from '../auth.js'

/** Absolute, on the host and scheme the partner called: the seller's browser opens it. */
const consentUrl = (request: FastifyRequest, sessionId: string) => `${request.protocol}://${request.host}${TOCO_PREFIX}/seller/onboard/${sessionId}`

function validRedirect (value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') throw tocoErrors.validation({ redirectUri: 'redirectUri should not be empty' })
  if (!isWebUrl(value, URL_MAX)) throw tocoErrors.validation({ redirectUri: 'redirectUri must be a URL address' })
  return value
}

const html = (reply: FastifyReply, status: number, body: string) =>
  reply.code(status).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(body)

const refused = (reply: FastifyReply, error: unknown) => {
  if (error instanceof ConsentRefusal) return html(reply, error.status, refusalPage(error))
  throw error
}

const single = (value: unknown) => typeof value === 'string' ? value : undefined

function periodOf (raw: string | undefined): number {
  if (raw === undefined || raw === '') return DEFAULT_PERIOD
  const days = Number(raw)
  if (!(PERIODS as readonly number[]).includes(days)) throw refusals.period(raw)
  return days
}

const SessionParams = Type.Object({ sessionId: Type.String() })

/** Onboarding (guide §1.1) and the seller consent flow the mock serves at onboardUrl. */
export const onboardingRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.route({
    ...declared(TOCO_ROUTES.initOnboardSession),
    schema: {
      body: Type.Object({ redirectUri: Type.Unknown() }),
      response: { 200: SuccessEnvelope(BaseMeta, OnboardSession) }
    },
    schemaErrorFormatter: () => tocoErrors.validation({ redirectUri: 'redirectUri should not be empty' }),
    handler: async (request) => {
      const redirectUri = validRedirect(request.body.redirectUri)
      const { clock, repos: { toco } } = request.ctx
      const row = {
        id: newId(),
        partner_client_id: caller(request).partnerClientId,
        redirect_uri: redirectUri,
        created_at: clock.iso(),
        expires_at: new Date(clock.now() + ONBOARD_SESSION_MS).toISOString(),
        completed_at: null,
        store_client_id: null
      }
      toco.onboarding.insert(row)
      return success(request, 'Onboard session created successfully', formatOnboardSession(row, consentUrl(request, row.id)))
    }
  })

  app.route({
    ...declared(TOCO_ROUTES.consentPage),
    schema: {
      description: 'The seller consent page. `?autoApprove=1` (optionally `&store=<storeClientId>`, `&period=<days>`) approves at once.',
      params: SessionParams,
      response: { 200: Type.String({ description: 'text/html' }), 302: Type.Null() }
    },
    handler: async (request, reply) => {
      const { sessionId } = request.params
      const query = request.query as Record<string, unknown>
      try {
        // Not on HEAD (a link checker or prefetch): only a real GET approves.
        if (single(query.autoApprove) === '1' && request.method === 'GET') {
          const approval = { store: single(query.store) || 'new', periodDays: periodOf(single(query.period)) }
          return redirect(reply, request, sessionId, approval)
        }
        const session = openSession(request.ctx, sessionId)
        const { toco } = request.ctx.repos
        const partner = toco.partners.find(session.partner_client_id)!
        return html(reply, 200, consentPage({
          action: `${TOCO_PREFIX}/seller/onboard/${encodeURIComponent(session.id)}`,
          partner: { clientId: partner.client_id, name: partner.name },
          unboundStores: toco.stores.unboundOf(partner.client_id),
          expiresAt: session.expires_at,
          redirectHost: URL.canParse(session.redirect_uri) ? new URL(session.redirect_uri).host : session.redirect_uri
        }))
      } catch (error) {
        return refused(reply, error)
      }
    }
  })

  app.route({
    ...declared(TOCO_ROUTES.consentAuthorize),
    schema: {
      description: 'The consent form (application/x-www-form-urlencoded: store, storeName, period).',
      params: SessionParams,
      response: { 302: Type.Null(), 400: Type.String({ description: 'text/html' }) }
    },
    handler: async (request, reply) => {
      const form = new URLSearchParams(request.rawBody?.toString('utf8') ?? '')
      try {
        const approval = {
          store: form.get('store') || 'new',
          storeName: form.get('storeName')?.trim().slice(0, 100),
          periodDays: periodOf(form.get('period') ?? undefined)
        }
        return redirect(reply, request, request.params.sessionId, approval)
      } catch (error) {
        return refused(reply, error)
      }
    }
  })
}

function redirect (reply: FastifyReply, request: FastifyRequest, sessionId: string, approval: Parameters<typeof approve>[2]) {
  // Before anything commits: the 302 must be sendable, and go where create-session would have
  // let it (a session loaded from a fixture, say): it carries a live store token.
  const stored = request.ctx.repos.toco.onboarding.find(sessionId)?.redirect_uri
  if (stored !== undefined && (!isWebUrl(stored, URL_MAX) || !sendable(redirectWith(stored, sessionId, { storeClientId: 'str_x', storeToken: 'stkn_x' })))) {
    throw refusals.redirect()
  }
  const credentials = approve(request.ctx, sessionId, approval)
  const session = request.ctx.repos.toco.onboarding.find(sessionId)!
  return reply.header('cache-control', 'no-store').redirect(redirectWith(session.redirect_uri, sessionId, credentials), 302)
}

function sendable (location: string): boolean {
  try {
    validateHeaderValue('location', location)
    return true
  } catch {
    return false
  }
}
