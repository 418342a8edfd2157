import { waffoErrors, type Notice } from './errors.js'

/** The 21 notification toggles of the SDK's NotificationSettings, all on by default. */
export const NOTIFICATION_KEYS = [
  'emailOrderConfirmation', 'emailSubscriptionConfirmation', 'emailSubscriptionCycled', 'emailSubscriptionCanceled',
  'emailSubscriptionRevoked', 'emailSubscriptionPastDue', 'emailTrialStarted', 'emailTrialEnding', 'emailUpcomingCharge',
  'emailSubscriptionPlanChanged', 'emailRefundSucceeded', 'notifyNewOrders', 'notifyNewSubscriptions',
  'notifySubscriptionCanceled', 'notifySubscriptionEnded', 'notifySubscriptionPastDue', 'notifySubscriptionRenewed',
  'notifySubscriptionUncanceled', 'notifySubscriptionPlanChanged', 'notifyChargeback', 'notifyRefundSucceeded'
] as const

/** MerchantWritableNotificationSettings: every notify* plus the two customer reminders. */
const WRITABLE_NOTIFICATIONS = new Set<string>(NOTIFICATION_KEYS.filter((key) =>
  key.startsWith('notify') || key === 'emailUpcomingCharge' || key === 'emailTrialEnding'))

export const DEFAULT_NOTIFICATIONS: Record<string, boolean> = Object.fromEntries(NOTIFICATION_KEYS.map((key) => [key, true]))

const THEME_KEYS = ['checkoutLogo', 'checkoutColorPrimary', 'checkoutColorBackground', 'checkoutColorCard', 'checkoutColorText', 'checkoutBorderRadius'] as const

/** The create-store defaults, verbatim from the docs. */
export const DEFAULT_CHECKOUT = {
  defaultDarkMode: false,
  light: {
    checkoutLogo: null,
    checkoutColorPrimary: '#000000',
    checkoutColorBackground: '#FFFFFF',
    checkoutColorCard: '#F5F5F5',
    checkoutColorText: '#1A1A1A',
    checkoutBorderRadius: '8px'
  },
  dark: {
    checkoutLogo: null,
    checkoutColorPrimary: '#FFFFFF',
    checkoutColorBackground: '#1A1A1A',
    checkoutColorCard: '#2A2A2A',
    checkoutColorText: '#F5F5F5',
    checkoutBorderRadius: '8px'
  }
} as const

type Settings = Record<string, unknown>

const isObject = (value: unknown): value is Settings => typeof value === 'object' && value !== null && !Array.isArray(value)

const ignored = (field: string, aiHint: string): Notice => ({ message: `${field} field ignored`, layer: 'store', aiHint })

/**
 * update-store's notificationSettings: a partial update of the merchant-writable keys; `null` for
 * a key or for the whole object sets it back to its default (on). Platform-managed and unknown
 * keys are dropped and named in a warning.
 */
export function mergeNotifications (current: Settings | null, patch: unknown, warnings: Notice[]): Settings {
  const base: Settings = { ...DEFAULT_NOTIFICATIONS, ...current }
  if (patch === null) {
    for (const key of WRITABLE_NOTIFICATIONS) base[key] = true
    return base
  }
  if (!isObject(patch)) throw waffoErrors.invalidField('Invalid notificationSettings: expected an object or null', 'store')
  for (const [key, value] of Object.entries(patch)) {
    if (!WRITABLE_NOTIFICATIONS.has(key)) {
      warnings.push(ignored(`notificationSettings.${key}`,
        'Only notify* toggles, emailUpcomingCharge and emailTrialEnding are merchant-writable; other email* toggles are platform-managed'))
      continue
    }
    if (value !== null && typeof value !== 'boolean') {
      throw waffoErrors.invalidField(`Invalid notificationSettings.${key}: expected boolean or null`, 'store')
    }
    base[key] = value ?? true
  }
  return base
}

/**
 * update-store's checkoutSettings: nested partial update (light/dark merge key by key); `null` for
 * a key sets it back to its default, `null` for the whole object clears the group.
 */
export function mergeCheckout (current: Settings | null, patch: unknown, warnings: Notice[]): Settings | null {
  if (patch === null) return null
  if (!isObject(patch)) throw waffoErrors.invalidField('Invalid checkoutSettings: expected an object or null', 'store')
  const base = structuredClone({ ...DEFAULT_CHECKOUT, ...current }) as Settings
  for (const [key, value] of Object.entries(patch)) {
    if (key === 'defaultDarkMode') {
      if (value !== null && typeof value !== 'boolean') throw waffoErrors.invalidField('Invalid checkoutSettings.defaultDarkMode: expected boolean or null', 'store')
      base.defaultDarkMode = value ?? DEFAULT_CHECKOUT.defaultDarkMode
    } else if (key === 'light' || key === 'dark') {
      base[key] = mergeTheme(key, base[key] as Settings, value, warnings)
    } else {
      warnings.push(ignored(`checkoutSettings.${key}`, 'checkoutSettings holds defaultDarkMode, light and dark'))
    }
  }
  return base
}

function mergeTheme (theme: 'light' | 'dark', current: Settings, patch: unknown, warnings: Notice[]): Settings {
  const defaults: Settings = DEFAULT_CHECKOUT[theme]
  if (patch === null) return { ...defaults }
  if (!isObject(patch)) throw waffoErrors.invalidField(`Invalid checkoutSettings.${theme}: expected an object or null`, 'store')
  const merged: Settings = { ...defaults, ...current }
  for (const [key, value] of Object.entries(patch)) {
    if (!(THEME_KEYS as readonly string[]).includes(key)) {
      warnings.push(ignored(`checkoutSettings.${theme}.${key}`, `A theme holds ${THEME_KEYS.join(', ')}`))
      continue
    }
    if (value !== null && typeof value !== 'string') {
      throw waffoErrors.invalidField(`Invalid checkoutSettings.${theme}.${key}: expected string or null`, 'store')
    }
    merged[key] = value ?? defaults[key]
  }
  return merged
}
