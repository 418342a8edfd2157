import type { Outcome } from './checkout.js'
import type { PaymentRow } from './repo/purchases.js'

/** The sandbox test cards the hosted page knows (digits only), and what each does. */
export const TEST_CARDS: Readonly<Record<string, Outcome>> = {
  4576750000000110: 'success',
  4576750000000220: 'decline'
}

/** The card number as typed (spaces and dashes allowed) → its outcome, or undefined for an unknown card. */
export function cardOutcome (typed: string): Outcome | undefined {
  const digits = typed.replace(/[\s-]/g, '')
  return /^\d{12,19}$/.test(digits) ? TEST_CARDS[digits] : undefined
}

/** The last four digits of the sandbox card a payment was charged on: the card of its outcome. */
export function cardLast4 (status: PaymentRow['status']): string | undefined {
  const outcome: Outcome | undefined = status === 'succeeded' ? 'success' : status === 'failed' ? 'decline' : undefined
  return Object.entries(TEST_CARDS).find(([, card]) => card === outcome)?.[0].slice(-4)
}
