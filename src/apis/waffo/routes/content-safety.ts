import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { SCAN_CATEGORIES, scanPrompt } from '../content-safety.js'
import { Envelope } from '../format.js'
import { merchantAction, WAFFO_ROUTES } from './table.js'

/** ScanResult, in the SDK's field order. */
const ScanResult = Type.Object({
  action: Type.String(),
  reasonCode: Type.String(),
  matchedCategories: Type.Array(Type.Union(SCAN_CATEGORIES.map((category) => Type.Literal(category)))),
  requestId: Type.String(),
  semanticStatus: Type.String()
})

/** verification/scan-prompt: stateless, the verdict is the data itself; requestId is the answer's x-request-id. */
export const contentSafetyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  merchantAction(app, WAFFO_ROUTES.scanPrompt, { 200: Envelope(ScanResult) }, (body, _who, _ctx, request) =>
    ({ data: scanPrompt(body.prompt, body.semantic, request.id) }))
}
