/**
 * A display amount ("9.99", "1000"): digits, optionally a point and at most 6 more, at most 15
 * before the point. Checked where amounts enter (action bodies, fixtures): a 400-digit price had
 * made every analytics total `Infinity`, and a fixture's `"abc"` a 500 when refunds counted it.
 */
export const MONEY_PATTERN = '^\\d{1,15}(\\.\\d{1,6})?$'
