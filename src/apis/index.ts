import { toco } from './toco/index.js'
import { waffo } from './waffo/index.js'
import { WEBHOOK_MIGRATIONS } from '../core/webhooks/tables.js'

/** The registry: every simulated API. The core loops over it and never names one. */
export const APIS = [toco, waffo] as const

export type AnyApi = typeof APIS[number]

/** The API whose prefix owns this URL, if any. */
export function apiFor (url: string): AnyApi | undefined {
  return APIS.find((api) => url === api.prefix || url.startsWith(`${api.prefix}/`) || url.startsWith(`${api.prefix}?`))
}

/** Each API's schema history, for the database to apply in order. */
export const MIGRATIONS = [
  ...APIS.map((api) => ({ name: api.name, steps: api.migrations })),
  // The outbox every API writes its events to.
  { name: 'webhooks', steps: WEBHOOK_MIGRATIONS }
]
