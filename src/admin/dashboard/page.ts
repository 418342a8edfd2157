/**
 * The dashboard at /__admin/: one static page (no build step) that reads the control plane —
 * GET /__admin/state for the stores and GET /__admin/requests for the live journal, polled — and
 * resets with POST /__admin/reset. Data is only ever written with textContent, never as HTML:
 * the journal holds whatever paths and bodies clients sent. Secrets in the state (partner
 * secrets, store tokens) are never shown.
 */
import { DELIVERIES_SCRIPT, DELIVERIES_SECTION } from './deliveries-panel.js'

/** An API's part of the page: its name (its key in GET /__admin/state) and the browser source of its section. */
export interface DashboardSection { name: string, render: string }

/** The page, titled with the product's name, with one section per API in registry order. */
export function dashboardHtml (product: string, sections: readonly DashboardSection[]): string {
  const indent = (source: string) => source.replace(/^(?=.)/gm, '    ')
  const sectionSource = sections.map(({ name, render }) => `    [${JSON.stringify(name)},\n${indent(render.trim())}]`).join(',\n')
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${product}</title>
<link rel="icon" href="data:,">
<style>
  :root { --ink: #1d2330; --muted: #6b7385; --line: #e3e6ed; --bg: #f6f7fa; --ok: #17804a; --bad: #c02b2b; --warn: #b86e00; --accent: #3056d3; }
  * { box-sizing: border-box; }
  body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink); background: var(--bg); }
  header { display: flex; align-items: center; gap: 16px; padding: 12px 20px; background: #fff; border-bottom: 1px solid var(--line); }
  header h1 { font-size: 16px; margin: 0; }
  header .meta { color: var(--muted); font-size: 12px; }
  header .spacer { flex: 1; }
  button { font: inherit; padding: 6px 14px; border-radius: 6px; border: 1px solid var(--line); background: #fff; cursor: pointer; }
  button.primary { background: var(--accent); border-color: var(--accent); color: #fff; }
  main { display: grid; grid-template-columns: minmax(380px, 1fr) minmax(460px, 1.3fr); gap: 16px; padding: 16px 20px; }
  section { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 12px 14px; min-width: 0; }
  h2 { font-size: 13px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); margin: 4px 0 10px; }
  h3 { font-size: 14px; margin: 14px 0 6px; }
  .card { border: 1px solid var(--line); border-radius: 6px; padding: 8px 10px; margin: 8px 0; }
  .card .title { display: flex; gap: 8px; align-items: baseline; flex-wrap: wrap; }
  .id { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 12px; color: var(--muted); }
  .pill { display: inline-block; font-size: 11px; padding: 1px 7px; border-radius: 99px; background: #eef0f5; color: var(--ink); }
  .pill.ok { background: #e3f5ea; color: var(--ok); } .pill.bad { background: #fbe6e6; color: var(--bad); } .pill.warn { background: #fdf0dc; color: var(--warn); }
  table { width: 100%; border-collapse: collapse; font-size: 12.5px; }
  th, td { text-align: left; padding: 4px 6px; border-bottom: 1px solid var(--line); vertical-align: top; }
  th { color: var(--muted); font-weight: 600; }
  td.num { text-align: right; font-variant-numeric: tabular-nums; }
  .deleted td { color: var(--muted); text-decoration: line-through; }
  #journal tbody tr { cursor: pointer; }
  #journal tbody tr:hover { background: #f2f5ff; }
  #journal tbody tr.selected { background: #e6ecff; }
  .status-2 { color: var(--ok); font-weight: 600; } .status-4, .status-0 { color: var(--bad); font-weight: 600; } .status-5 { color: var(--warn); font-weight: 600; }
  #detail { margin-top: 12px; }
  #detail pre { background: #f4f5f8; border: 1px solid var(--line); border-radius: 6px; padding: 8px; overflow: auto; max-height: 260px; font-size: 12px; white-space: pre-wrap; word-break: break-all; }
  .empty { color: var(--muted); font-style: italic; }
  #token { display: none; gap: 8px; align-items: center; }
  #token.shown { display: flex; }
  #token input { font: inherit; padding: 5px 8px; border: 1px solid var(--line); border-radius: 6px; }
</style>
</head>
<body>
<header>
  <h1>${product}</h1>
  <span class="meta" id="clock"></span>
  <span class="spacer"></span>
  <form id="token"><label for="token-input">Admin token</label><input id="token-input" type="password" autocomplete="off"><button type="submit">Use</button></form>
  <span class="meta" id="live">connecting…</span>
  <button class="primary" id="reset" type="button">Reset state</button>
</header>
<main>
  <section>
    <h2>State</h2>
    <div id="state"><p class="empty">Loading…</p></div>
  </section>
  <section>
    <h2>Requests <span class="meta" id="count"></span></h2>
    <table id="journal">
      <thead><tr><th>Time</th><th>API</th><th>Request</th><th>Status</th><th>Auth</th><th>Tenant</th></tr></thead>
      <tbody></tbody>
    </table>
    <p class="empty" id="no-requests">No requests yet: make a call to either API.</p>
    <div id="detail"></div>
  </section>
${DELIVERIES_SECTION}
</main>
<script>
(() => {
  const admin = location.pathname.replace(/\\/+$/, '')
  let token = sessionStorage.getItem('mockAdminToken') || ''
  let selected = null
  let lastSeen = ''

  const el = (tag, attrs, ...children) => {
    const node = document.createElement(tag)
    for (const [key, value] of Object.entries(attrs || {})) {
      if (key === 'class') node.className = value
      else if (key.startsWith('on')) node.addEventListener(key.slice(2), value)
      else node.setAttribute(key, value)
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue
      node.append(child instanceof Node ? child : document.createTextNode(String(child)))
    }
    return node
  }
  const pill = (text, tone) => el('span', { class: 'pill' + (tone ? ' ' + tone : '') }, text)
  const table = (headers, rows) => el('table', {}, el('thead', {}, el('tr', {}, headers.map((h) => el('th', {}, h)))), el('tbody', {}, rows))
  const time = (iso) => iso ? iso.slice(11, 23) : ''

  async function call (method, path, body) {
    const headers = token ? { authorization: 'Bearer ' + token } : {}
    if (body !== undefined) headers['content-type'] = 'application/json'
    const response = await fetch(admin + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) })
    if (response.status === 401) {
      document.getElementById('token').classList.add('shown')
      throw new Error('admin token required')
    }
    if (!response.ok) throw new Error(method + ' ' + path + ' answered ' + response.status)
    return response.json()
  }

  // Each API's section: a function of its part of the state and the helpers above (MockApi.dashboard).
  const SECTIONS = [
${sectionSource}
  ]

  async function refreshState () {
    const state = await call('GET', '/state')
    const target = document.getElementById('state')
    target.replaceChildren(...SECTIONS.map(([name, section]) => section(state[name] || {}, { el, pill, table })))
  }

  function showDetail (entry) {
    const detail = document.getElementById('detail')
    if (!entry) return detail.replaceChildren()
    const json = (value) => el('pre', {}, value === null || value === undefined ? '(empty)' : typeof value === 'string' ? value : JSON.stringify(value, null, 2))
    detail.replaceChildren(...[
      el('h3', {}, entry.method + ' ' + entry.path + ' → ' + (entry.status || 'dropped')),
      el('p', {}, el('span', { class: 'id' }, entry.requestId), ' ', entry.auth ? pill(entry.auth.outcome + (entry.auth.code ? ' ' + entry.auth.code : ''), entry.auth.outcome === 'refused' ? 'bad' : 'ok') : null,
        entry.fault ? pill('fault ' + entry.fault, 'warn') : null, ' ', entry.durationMs + ' ms'),
      entry.auth ? el('div', {}, el('strong', {}, 'Why'), json(entry.auth.reason)) : null,
      entry.nearMiss ? el('div', {}, el('strong', {}, 'Did you mean'), json(entry.nearMiss.method + ' ' + entry.nearMiss.url + ' (' + entry.nearMiss.why + ')')) : null,
      el('div', {}, el('strong', {}, 'Request body'), json(entry.requestBody)),
      el('div', {}, el('strong', {}, 'Response body'), json(entry.responseBody)),
      el('div', {}, el('strong', {}, 'Headers'), json(entry.headers))
    ].filter(Boolean))
  }

  async function refreshJournal () {
    const { requests, total } = await call('GET', '/requests?limit=100')
    document.getElementById('count').textContent = total ? '(' + total + ')' : ''
    document.getElementById('no-requests').style.display = requests.length ? 'none' : ''
    const rows = requests.map((entry) => {
      const verdict = entry.auth ? pill(entry.auth.outcome + (entry.auth.code ? ' ' + entry.auth.code : ''), entry.auth.outcome === 'refused' ? 'bad' : entry.auth.outcome === 'ok' ? 'ok' : '') : ''
      const row = el('tr', { 'data-request-id': entry.requestId, class: entry.requestId === selected ? 'selected' : '', onclick: () => {
        selected = entry.requestId
        for (const other of document.querySelectorAll('#journal tbody tr')) other.classList.toggle('selected', other === row)
        showDetail(entry)
      } },
      el('td', { class: 'id' }, time(entry.at)), el('td', {}, entry.api || '—'), el('td', {}, entry.method + ' ' + entry.path),
      el('td', { class: 'status-' + String(entry.status)[0] }, entry.status || 'dropped'), el('td', {}, verdict, entry.fault ? pill('fault', 'warn') : null),
      el('td', { class: 'id' }, entry.tenant || ''))
      return row
    })
    document.querySelector('#journal tbody').replaceChildren(...rows)
    const newest = requests[0] ? requests[0].requestId : ''
    const changed = newest !== lastSeen
    lastSeen = newest
    return changed
  }

  async function tick () {
    try {
      const clock = await call('GET', '/clock')
      document.getElementById('clock').textContent = 'mock time ' + clock.now + (clock.frozen ? ' (frozen)' : '')
      if (await refreshJournal()) await refreshState()
      document.getElementById('live').textContent = 'live'
    } catch (error) {
      document.getElementById('live').textContent = error.message
    }
  }

  document.getElementById('reset').addEventListener('click', async () => {
    await call('POST', '/reset', {})
    await refreshState()
    document.getElementById('live').textContent = 'reset at ' + new Date().toLocaleTimeString()
  })
  document.getElementById('token').addEventListener('submit', (event) => {
    event.preventDefault()
    token = document.getElementById('token-input').value
    sessionStorage.setItem('mockAdminToken', token)
    document.getElementById('token').classList.remove('shown')
    refreshState().then(tick, () => {})
  })

  refreshState().catch(() => {})
  tick()
  setInterval(tick, 1000)
})()
</script>
${DELIVERIES_SCRIPT}
</body>
</html>
`
}
