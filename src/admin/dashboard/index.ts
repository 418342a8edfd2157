import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { dashboardHtml, type DashboardSection } from './page.js'

// The page's own script and styles are inline; it talks only to this origin.
const CSP = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'"

/** The dashboard at /__admin/ (Fastify serves /__admin too): state and live traffic at a glance. */
export const dashboardRoutes: FastifyPluginAsyncTypebox<{ product: string, sections: readonly DashboardSection[] }> = async (app, { product, sections }) => {
  const page = dashboardHtml(product, sections)
  const why = 'a static page with no data in it; its calls to the control plane carry the admin token'
  app.get('/', {
    config: { public: why },
    schema: { hide: true, response: { 200: Type.String() } }
  }, async (_request, reply) => reply
    .type('text/html; charset=utf-8')
    .header('content-security-policy', CSP)
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'no-store')
    .send(page))
}
