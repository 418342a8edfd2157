/**
 * The dashboard's webhook deliveries panel: its own section and its own script (it shares
 * nothing with the page's but the admin token in sessionStorage). Polls
 * GET /__admin/webhooks/deliveries; a click shows the payload and the headers as sent (the
 * signature is not a secret). Data is only ever written with textContent.
 */
export const DELIVERIES_SECTION = `
  <section id="deliveries-panel" style="grid-column: 1 / -1">
    <h2>Webhook deliveries <span class="meta" id="deliveries-count"></span></h2>
    <table id="deliveries">
      <thead><tr><th>Created</th><th>API</th><th>Event</th><th>Target</th><th>Attempts</th><th>Last status</th><th>State</th><th></th></tr></thead>
      <tbody></tbody>
    </table>
    <p class="empty" id="no-deliveries">No webhook deliveries yet: register a webhook (or set WEBHOOK_FORWARD_URL) and change some state.</p>
    <div id="delivery-detail"></div>
  </section>`

export const DELIVERIES_SCRIPT = `
<script>
(() => {
  const admin = location.pathname.replace(/\\/+$/, '')
  const headers = () => {
    const token = sessionStorage.getItem('mockAdminToken') || ''
    return token ? { authorization: 'Bearer ' + token } : {}
  }
  const text = (tag, value, cls) => {
    const node = document.createElement(tag)
    if (cls) node.className = cls
    node.textContent = value === null || value === undefined ? '' : String(value)
    return node
  }
  let selected = null
  function show (delivery) {
    const detail = document.getElementById('delivery-detail')
    if (!delivery) return detail.replaceChildren()
    let payload = delivery.payload
    try { payload = JSON.stringify(JSON.parse(delivery.payload), null, 2) } catch {}
    detail.replaceChildren(
      text('h3', delivery.event + ' → ' + delivery.target),
      text('strong', 'Headers as sent'), text('pre', delivery.headers ? JSON.stringify(delivery.headers, null, 2) : '(not sent yet)'),
      text('strong', 'Payload'), text('pre', payload),
      text('strong', 'Attempts'), text('pre', delivery.attempts.map((a) => '#' + a.n + ' ' + a.at + ' ' + (a.status ?? a.error) + ' (' + a.latencyMs + ' ms)' + (a.response ? ' ' + a.response : '')).join('\\n') || '(none yet)'))
  }
  async function redeliver (id) {
    await fetch(admin + '/webhooks/deliveries/' + encodeURIComponent(id) + '/redeliver', { method: 'POST', headers: headers() })
  }
  async function refresh () {
    // The page asks for the admin token first: no 401s meanwhile.
    if (document.getElementById('token').classList.contains('shown')) return
    const response = await fetch(admin + '/webhooks/deliveries?limit=50', { headers: headers() })
    if (!response.ok) return
    const { deliveries } = await response.json()
    // The newest 50 are fetched: 50 may mean more.
    document.getElementById('deliveries-count').textContent = deliveries.length ? '(' + (deliveries.length === 50 ? 'newest 50' : deliveries.length) + ')' : ''
    document.getElementById('no-deliveries').style.display = deliveries.length ? 'none' : ''
    document.querySelector('#deliveries tbody').replaceChildren(...deliveries.map((delivery) => {
      const last = delivery.attempts[delivery.attempts.length - 1]
      const row = document.createElement('tr')
      row.dataset.deliveryId = delivery.id
      if (delivery.id === selected) row.className = 'selected'
      const again = document.createElement('button')
      again.type = 'button'
      again.textContent = 'Redeliver'
      again.addEventListener('click', (event) => { event.stopPropagation(); redeliver(delivery.id) })
      const cell = document.createElement('td')
      cell.append(again)
      row.append(text('td', delivery.createdAt.slice(11, 23), 'id'), text('td', delivery.api), text('td', delivery.event), text('td', delivery.target, 'id'),
        text('td', delivery.attempts.length, 'num'), text('td', last ? (last.status ?? last.error) : '—', last ? 'status-' + String(last.status ?? 0)[0] : ''),
        text('td', delivery.status), cell)
      row.addEventListener('click', () => { selected = delivery.id; show(delivery) })
      return row
    }))
    if (selected) show(deliveries.find((delivery) => delivery.id === selected))
  }
  refresh().catch(() => {})
  setInterval(() => refresh().catch(() => {}), 1000)
})()
</script>`
