/**
 * The dashboard at /__admin/: one static page (no build step) that reads the control plane —
 * GET /__admin/state for the stores, GET /__admin/requests for the live journal, and the clock,
 * fault rules and snapshots, polled — and resets with POST /__admin/reset. It fits 1366 px
 * without scrolling sideways (long ids wrap; one column below 1000 px). Data is only ever written with textContent, never as HTML:
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
  main { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1.3fr); gap: 16px; padding: 16px 20px; }
  @media (max-width: 1000px) { main { grid-template-columns: minmax(0, 1fr); } }
  #control { grid-column: 1 / -1; display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 2fr) minmax(0, 1fr); gap: 16px; }
  @media (max-width: 1000px) { #control { grid-template-columns: minmax(0, 1fr); } }
  #control h2 { margin-top: 0; }
  .clock-now { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 13px; }
  section { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 12px 14px; min-width: 0; }
  h2 { font-size: 13px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); margin: 4px 0 10px; }
  h3 { font-size: 14px; margin: 14px 0 6px; overflow-wrap: anywhere; }
  .card { border: 1px solid var(--line); border-radius: 6px; padding: 8px 10px; margin: 8px 0; }
  .card .title { display: flex; gap: 8px; align-items: baseline; flex-wrap: wrap; }
  .id { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 12px; color: var(--muted); }
  .pill { display: inline-block; font-size: 11px; padding: 1px 7px; border-radius: 99px; background: #eef0f5; color: var(--ink); white-space: nowrap; }
  .pill.ok { background: #e3f5ea; color: var(--ok); } .pill.bad { background: #fbe6e6; color: var(--bad); } .pill.warn { background: #fdf0dc; color: var(--warn); }
  table { width: 100%; border-collapse: collapse; font-size: 12.5px; }
  th, td { text-align: left; padding: 4px 6px; border-bottom: 1px solid var(--line); vertical-align: top; overflow-wrap: anywhere; }
  #journal { table-layout: fixed; }
  #journal .c-time { width: 108px; } #journal .c-api { width: 52px; } #journal .c-status { width: 60px; } #journal .c-auth { width: 26%; } #journal .c-tenant { width: 20%; }
  th { color: var(--muted); font-weight: 600; overflow-wrap: normal; }
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
  <section id="control">
    <div><h2>Clock</h2><div id="clock-panel"><p class="empty">Loading…</p></div></div>
    <div><h2>Faults <span class="meta" id="fault-count"></span></h2><div id="faults"><p class="empty">Loading…</p></div></div>
    <div><h2>Snapshots <span class="meta" id="snapshot-count"></span></h2><div id="snapshots"><p class="empty">Loading…</p></div></div>
  </section>
  <section>
    <h2>State</h2>
    <div id="state"><p class="empty">Loading…</p></div>
  </section>
  <section>
    <h2>Requests <span class="meta" id="count"></span></h2>
    <table id="journal">
      <thead><tr><th class="c-time">Time</th><th class="c-api">API</th><th>Request</th><th class="c-status">Status</th><th class="c-auth">Auth</th><th class="c-tenant">Tenant</th></tr></thead>
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

  /** One control-plane request with the token; a 401 shows the token form. */
  async function send (method, path, body, extra) {
    const headers = Object.assign(token ? { authorization: 'Bearer ' + token } : {}, extra)
    if (body !== undefined) headers['content-type'] = 'application/json'
    const response = await fetch(admin + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), cache: 'no-store' })
    if (response.status === 401) {
      document.getElementById('token').classList.add('shown')
      throw new Error('admin token required')
    }
    return response
  }

  async function call (method, path, body) {
    const response = await send(method, path, body)
    if (!response.ok) throw new Error(method + ' ' + path + ' answered ' + response.status)
    return response.json()
  }

  // Each API's section: a function of its part of the state and the helpers above (MockApi.dashboard).
  const SECTIONS = [
${sectionSource}
  ]

  // The state is asked for each second with its last ETag: a 304 (nothing written) costs no
  // export. Any write counts — the control plane's, a batch applied later, a renewal.
  let stateTag = null
  let shownClock = null
  let state = {}
  async function refreshState () {
    const [response, clock] = await Promise.all([send('GET', '/state', undefined, stateTag ? { 'if-none-match': stateTag } : {}), call('GET', '/clock')])
    // The mock's time (not the browser's) decides what has expired: a clock move re-renders too.
    const clockKey = clock.frozen + ' ' + clock.offsetMs
    if (response.status === 304 && clockKey === shownClock) return
    if (response.status !== 304) {
      if (!response.ok) throw new Error('GET /state answered ' + response.status)
      state = await response.json()
      stateTag = response.headers.get('etag')
    }
    shownClock = clockKey
    const target = document.getElementById('state')
    target.replaceChildren(...SECTIONS.map(([name, section]) => section(state[name] || {}, { el, pill, table, now: clock.now })))
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
    // A reset empties the journal: the detail of a request no longer listed goes with it.
    if (selected && !requests.some((entry) => entry.requestId === selected)) {
      selected = null
      showDetail(null)
    }
  }

  /** "+1 h 2 min 3 s" for an offset in ms. */
  function duration (ms) {
    const sign = ms < 0 ? '−' : '+'
    let left = Math.round(Math.abs(ms) / 1000)
    const parts = []
    for (const [unit, size] of [['d', 86400], ['h', 3600], ['min', 60]]) {
      if (left >= size) { parts.push(Math.floor(left / size) + ' ' + unit); left %= size }
    }
    if (left || parts.length === 0) parts.push(left + ' s')
    return sign + parts.join(' ')
  }

  function showClock (clock) {
    const mode = clock.frozen ? pill('frozen', 'warn') : clock.offsetMs ? pill('offset ' + duration(clock.offsetMs), 'warn') : pill('real time', 'ok')
    document.getElementById('clock').textContent = 'mock time ' + clock.now + (clock.frozen ? ' (frozen)' : clock.offsetMs ? ' (offset ' + duration(clock.offsetMs) + ')' : '')
    document.getElementById('clock-panel').replaceChildren(...[
      el('div', { class: 'clock-now' }, clock.now), el('p', {}, mode),
      clock.frozen || clock.offsetMs ? el('p', { class: 'meta' }, 'Signatures are accepted within the window of this time (and of real time, unless AUTH_CLOCK=mock). Reset state (or POST /__admin/clock {"reset":true}) brings real time back.') : null
    ].filter(Boolean))
  }

  function faultAction (fault) {
    if (fault.drop) return 'drop the connection'
    const parts = []
    if (fault.respond) parts.push('answer ' + fault.respond.status)
    if (fault.delayMs !== undefined) parts.push('delay ' + fault.delayMs + ' ms')
    return parts.join(', ')
  }

  function showFaults (faults) {
    document.getElementById('fault-count').textContent = faults.length ? '(' + faults.length + ' active)' : ''
    document.getElementById('faults').replaceChildren(faults.length === 0
      ? el('p', { class: 'empty' }, 'No fault rules: every request is answered normally.')
      : table(['Rule', 'Matches', 'Does', 'Left', 'Hits'], faults.map((fault) => el('tr', { 'data-fault': fault.id },
        el('td', { class: 'id' }, fault.id),
        el('td', {}, [fault.api, fault.method, fault.path].filter(Boolean).join(' '), fault.tenant ? el('span', { class: 'id' }, ' tenant ' + fault.tenant) : null,
          fault.probability !== undefined ? ' p=' + fault.probability : null),
        el('td', {}, pill(faultAction(fault), 'bad')),
        el('td', { class: 'num' }, fault.times === undefined ? '∞' : fault.times),
        el('td', { class: 'num' }, fault.hits)))))
  }

  function showSnapshots (snapshots) {
    document.getElementById('snapshot-count').textContent = snapshots.length ? '(' + snapshots.length + ')' : ''
    document.getElementById('snapshots').replaceChildren(snapshots.length === 0
      ? el('p', { class: 'empty' }, 'No snapshots: PUT /__admin/snapshots/{name} takes one.')
      : table(['Name', 'Taken (mock time)'], snapshots.map((snapshot) =>
        el('tr', { 'data-snapshot': snapshot.name }, el('td', {}, snapshot.name), el('td', { class: 'id' }, snapshot.createdAt)))))
  }

  // While the token form waits, polling would only collect 401s.
  const waitingForToken = () => document.getElementById('token').classList.contains('shown')

  // A large state takes more than the second between ticks: one at a time.
  let ticking = false
  async function tick () {
    if (waitingForToken() || ticking) return
    ticking = true
    try {
      const [clock, { faults }, { snapshots }] = await Promise.all([call('GET', '/clock'), call('GET', '/faults'), call('GET', '/snapshots')])
      showClock(clock)
      showFaults(faults)
      showSnapshots(snapshots)
      await refreshJournal()
      await refreshState()
      document.getElementById('live').textContent = 'live'
    } catch (error) {
      document.getElementById('live').textContent = error.message
    } finally {
      ticking = false
    }
  }

  document.getElementById('reset').addEventListener('click', async () => {
    try {
      await call('POST', '/reset', {})
      await refreshState()
      await tick()
      document.getElementById('live').textContent = 'reset at ' + new Date().toLocaleTimeString()
    } catch (error) {
      document.getElementById('live').textContent = error.message
    }
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
