import Type, { type TSchema } from 'typebox'
import type { WaffoError } from './errors.js'
import type { BindingRow, TicketRow } from './repo/seeding.js'
import type { StoreRow } from './repo/stores.js'

/** Every Waffo wire object is built here. */

const Settings = Type.Union([Type.Object({}, { additionalProperties: true }), Type.Null()])
const Nullable = Type.Union([Type.String(), Type.Null()])

/** The Store object, fields in the documented order. */
export const Store = Type.Object({
  id: Type.String(),
  name: Type.String(),
  status: Type.String(),
  logo: Nullable,
  supportEmail: Nullable,
  website: Nullable,
  slug: Nullable,
  prodEnabled: Type.Boolean(),
  notificationSettings: Settings,
  checkoutSettings: Settings,
  deletedAt: Nullable,
  createdAt: Type.String(),
  updatedAt: Type.String()
})

export function formatStore (row: StoreRow): Type.Static<typeof Store> {
  return {
    id: row.id,
    name: row.name,
    status: row.status,
    logo: row.logo,
    supportEmail: row.support_email,
    website: row.website,
    slug: row.slug,
    prodEnabled: row.prod_enabled === 1,
    notificationSettings: row.notification_settings === null ? null : JSON.parse(row.notification_settings),
    checkoutSettings: row.checkout_settings === null ? null : JSON.parse(row.checkout_settings),
    deletedAt: row.deleted_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at
  }
}

/** Success envelope: `{"data": …}`. */
export const Envelope = <T extends TSchema>(data: T) => Type.Object({ data })

/** Failure envelope: `{"data": null, "errors": [root cause, …]}`. */
export function failure (error: WaffoError) {
  return { data: null, errors: error.errors }
}

/** A KYB ticket as the control plane shows it (upstream has no public shape for it). */
export const KybTicket = Type.Object({
  id: Type.String(), storeId: Type.String(), status: Type.String(), createdAt: Type.String(), updatedAt: Type.String()
})

export function formatTicket (row: TicketRow): Type.Static<typeof KybTicket> {
  return { id: row.id, storeId: row.store_id, status: row.status, createdAt: row.created_at, updatedAt: row.updated_at }
}

/** A sender email or domain binding as the control plane shows it. */
export const SenderBinding = Type.Object({
  id: Type.Integer(), storeId: Type.String(), kind: Type.Enum(['email', 'domain']), value: Type.String(), createdAt: Type.String()
})

export function formatBinding (row: BindingRow): Type.Static<typeof SenderBinding> {
  return { id: row.id, storeId: row.store_id, kind: row.kind, value: row.value, createdAt: row.created_at }
}
