import Type, { type TSchema } from 'typebox'
import type { StoreRow } from './store.js'

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
