import type { StoreRow } from '../repo/stores.js'
import { DEFAULT_PERIOD, PERIODS, type ConsentRefusal } from './approve.js'

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

const STYLE = `
*{box-sizing:border-box}body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#f3f5f7;color:#1d2630}
main{max-width:440px;margin:48px auto;background:#fff;border-radius:12px;box-shadow:0 2px 12px rgba(0,0,0,.08);padding:28px 32px}
.brand{font-weight:700;color:#0a7d5a;letter-spacing:.02em;margin:0 0 16px}.brand small{color:#8a96a3;font-weight:400}
h1{font-size:20px;margin:0 0 8px}p{margin:0 0 16px;color:#4a5663}fieldset{border:1px solid #dde3e8;border-radius:8px;margin:0 0 16px;padding:8px 14px}
legend{font-weight:600;padding:0 4px}label.option{display:flex;gap:8px;align-items:center;padding:6px 0}code{color:#6b7785;font-size:13px}
input[type=text],select{width:100%;padding:8px 10px;border:1px solid #c9d1d9;border-radius:6px;font:inherit}
.field{margin:0 0 16px}.field label{display:block;font-weight:600;margin:0 0 4px}
button{width:100%;padding:11px;border:0;border-radius:8px;background:#0a7d5a;color:#fff;font:600 16px system-ui,sans-serif;cursor:pointer}
.fine{font-size:12px;color:#8a96a3;margin:14px 0 0}.code{font-family:monospace;color:#b3261e}`

function page (title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escape(title)} · Toco Seller (mock)</title><style>${STYLE}</style></head>
<body><main><p class="brand">Toco Seller <small>· simulated by toco-waffo-mock</small></p>${body}</main></body></html>`
}

export interface ConsentView {
  action: string
  partner: { clientId: string, name: string }
  unboundStores: StoreRow[]
  expiresAt: string
  redirectHost: string
}

/** The seller's consent: which store (new, or one of the partner's unbound ones), for how long, Authorize. */
export function consentPage ({ action, partner, unboundStores, expiresAt, redirectHost }: ConsentView): string {
  const stores = unboundStores.map((store) =>
    `<label class="option"><input type="radio" name="store" value="${escape(store.store_client_id)}"> ${escape(store.name)} <code>${escape(store.store_client_id)}</code></label>`)
  const periods = PERIODS.map((days) => `<option value="${days}"${days === DEFAULT_PERIOD ? ' selected' : ''}>${days === 365 ? '1 year' : `${days} days`}</option>`)
  return page('Connect your store', `
<h1>Connect your store to ${escape(partner.name)}</h1>
<p><strong>${escape(partner.name)}</strong> <code>${escape(partner.clientId)}</code> asks to manage the products, stock, prices and orders of one of your stores.</p>
<form method="post" action="${escape(action)}">
<fieldset><legend>Store</legend>
<label class="option"><input type="radio" name="store" value="new" checked> A new store</label>
<div class="field"><input type="text" name="storeName" maxlength="100" placeholder="New store name (optional)" aria-label="New store name"></div>
${stores.join('\n')}
</fieldset>
<div class="field"><label for="period">Authorization period</label><select id="period" name="period">${periods.join('')}</select></div>
<button type="submit">Authorize</button>
</form>
<p class="fine">You will return to ${escape(redirectHost)}. This link is valid until ${escape(expiresAt)}.</p>`)
}

export function refusalPage (refusal: ConsentRefusal): string {
  return page(refusal.title, `<h1>${escape(refusal.title)}</h1><p>${escape(refusal.detail)}</p><p class="fine code">${refusal.code}</p>`)
}
