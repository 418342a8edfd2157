import type { PaymentRow } from './repo/purchases.js'

/** The last four digits of the sandbox card a payment was charged on (its status says which). */
export const cardLast4 = (status: PaymentRow['status']): string | undefined =>
  status === 'succeeded' ? '0110' : status === 'failed' ? '0220' : undefined
