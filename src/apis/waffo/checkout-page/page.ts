const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

const STYLE = `
*{box-sizing:border-box}body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#fff8ef;color:#2a1d12}
main{max-width:440px;margin:48px auto;background:#fff;border-radius:12px;box-shadow:0 2px 12px rgba(0,0,0,.08);padding:28px 32px}
.brand{font-weight:700;color:#c0620a;margin:0 0 16px}.brand small{color:#9a8a7a;font-weight:400}
h1{font-size:20px;margin:0 0 4px}p{margin:0 0 16px;color:#5a4a3a}.price{font-size:28px;font-weight:700;margin:0 0 16px;color:#2a1d12}
.field{margin:0 0 16px}.field label{display:block;font-weight:600;margin:0 0 4px}
input{width:100%;padding:8px 10px;border:1px solid #d9cbbd;border-radius:6px;font:inherit}
button{width:100%;padding:11px;border:0;border-radius:8px;background:#c0620a;color:#fff;font:600 16px system-ui,sans-serif;cursor:pointer}
.fine{font-size:12px;color:#9a8a7a;margin:14px 0 0}.error{color:#b3261e;font-weight:600}code{font-size:13px}`

function page (title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escape(title)} · Waffo Pancake checkout (mock)</title><style>${STYLE}</style></head>
<body><main><p class="brand">Waffo Pancake <small>· checkout simulated by toco-waffo-mock</small></p>${body}</main></body></html>`
}

export interface CheckoutView {
  action: string
  storeName: string
  productName: string
  price: string
  billing: string | null
  trialDays: number | null
  buyerEmail: string | null
  testMode: boolean
  /** A plan change: the plan it replaces, when it applies, and what confirming charges. */
  change?: { from: string, timing: 'immediate' | 'next_period', periodEnd: string | null, due: string }
  /** The last attempt's refusal (a declined or unknown card). */
  error?: string
  /** The authenticated checkout's buyer session token, kept for the next attempt. */
  token?: string
}

/** The plan change's terms, above the form. */
function changeTerms (change: NonNullable<CheckoutView['change']>): string {
  const when = change.timing === 'immediate'
    ? 'Takes effect now; the current period runs on at the new price.'
    : `Takes effect at the end of the current period${change.periodEnd === null ? '' : ` (${escape(change.periodEnd.slice(0, 10))})`}.`
  return `<p id="change">Changing from <strong>${escape(change.from)}</strong>. ${when} Due now: <strong id="due">${escape(change.due)}</strong>.</p>`
}

/**
 * Authenticated checkout links end in `#token=<buyer session>` (the SDK appends it); a fragment never
 * reaches the server, so the page hands it to its form, and the order is bound to that buyer.
 */
const TOKEN_FROM_FRAGMENT = "(function(){var m=/(?:^#|&)token=([^&]*)/.exec(location.hash);if(m)try{document.getElementById('token').value=decodeURIComponent(m[1])}catch(e){}})()"

/** The hosted checkout (or a plan change's confirmation): product, price, buyer email, card number; the sandbox test cards decide. */
export function checkoutPage (view: CheckoutView): string {
  const period = view.billing === null ? '' : ` <small>/ ${escape(view.billing)}</small>`
  const trial = view.trialDays === null ? '' : `<p>Free trial: ${view.trialDays} days, then ${escape(view.price)} per ${escape(view.billing ?? 'period')}.</p>`
  const terms = view.change === undefined ? '' : changeTerms(view.change)
  return page(view.change === undefined ? 'Checkout' : 'Change plan', `
<h1>${view.change === undefined ? '' : 'Change plan: '}${escape(view.productName)}</h1>
<p>${escape(view.storeName)}${view.testMode ? ' · <strong>test mode</strong>' : ''}</p>
<p class="price" id="price">${escape(view.price)}${period}</p>${trial}${terms}
${view.error === undefined ? '' : `<p class="error" id="error" role="alert">${escape(view.error)}</p>`}
<form method="post" action="${escape(view.action)}">
<div class="field"><label for="email">Email</label><input id="email" name="email" type="email" required value="${escape(view.buyerEmail ?? '')}"></div>
<div class="field"><label for="card">Card number</label><input id="card" name="card" inputmode="numeric" autocomplete="cc-number" required placeholder="4576 7500 0000 0110"></div>
<input type="hidden" id="token" name="token" value="${escape(view.token ?? '')}">
<button type="submit" id="pay">${view.change === undefined ? `Pay ${escape(view.price)}` : `Confirm and pay ${escape(view.change.due)}`}</button>
</form>
<p class="fine">Test cards: <code>4576 7500 0000 0110</code> succeeds, <code>4576 7500 0000 0220</code> is declined. Any expiry and CVC.</p>
<script>${TOKEN_FROM_FRAGMENT}</script>`)
}

/** Paid, and no successUrl to go back to. */
export function paidPage (orderId: string): string {
  return page('Payment complete', `<h1>Payment complete</h1><p>Order <code id="order">${escape(orderId)}</code>. You may close this page.</p>`)
}

/** A session that cannot be paid (unknown, expired, already paid), or a form that cannot be read. */
export function refusalPage (status: number, code: string, message: string): string {
  return page('Checkout unavailable', `<h1>Checkout unavailable</h1><p class="error">${escape(message)}</p><p class="fine">${status} · <code>${escape(code)}</code></p>`)
}
