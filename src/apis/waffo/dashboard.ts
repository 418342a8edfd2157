/**
 * Waffo's section of the dashboard at /__admin/: browser code, run on its section of GET
 * /__admin/state with the page's DOM helpers (text only, never HTML). Stores with their owner,
 * products, what blocks their deletion, and what checkout made of them: sessions, orders and
 * payments, newest first, the last 50 of each. Keys and webhook secrets are never shown.
 */
export const WAFFO_DASHBOARD = `function waffoSection (waffo, { el, pill, table, now }) {
  const LAST = 50
  const merchants = new Map((waffo.merchants || []).map((merchant) => [merchant.id, merchant]))
  const productNames = new Map((waffo.products || []).map((product) => [product.id, product.name || product.id]))
  const ordersById = new Map((waffo.orders || []).map((order) => [order.id, order]))
  const stores = waffo.stores || []
  const of = (list, storeId) => (list || []).filter((row) => row.storeId === storeId)
  // Newest first: by createdAt, later rows first among equals (the export keeps insertion order).
  const newest = (rows) => rows.slice().reverse().sort((a, b) => (b.createdAt || '').localeCompare(a.createdAt || ''))
  const bounded = (title, rows, headers, row) => rows.length === 0 ? null : el('div', { 'data-list': title.toLowerCase().replace(/ /g, '-') },
    el('h3', {}, title + ' ', el('span', { class: 'id' }, rows.length > LAST ? 'newest ' + LAST + ' of ' + rows.length : '(' + rows.length + ')')),
    table(headers, newest(rows).slice(0, LAST).map(row)))
  const env = (testMode) => testMode === false ? pill('prod', 'warn') : pill('test')
  const product = (id) => id ? productNames.get(id) || id : ''
  const tone = (status) => ({ completed: 'ok', active: 'ok', succeeded: 'ok', paid: 'ok', failed: 'bad', declined: 'bad', past_due: 'bad', expired: 'warn', canceling: 'warn' })[status] || ''
  const sessionStatus = (session) => session.paidAt ? 'paid' : now && session.expiresAt <= now ? 'expired' : session.orderId ? 'declined' : 'open'
  const period = (order) => order.currentPeriodStart || order.currentPeriodEnd ? (order.currentPeriodStart || '…') + ' → ' + (order.currentPeriodEnd || '…') : ''
  return el('div', {}, el('h3', {}, 'Waffo Pancake API'),
    stores.length === 0 ? el('p', { class: 'empty' }, 'No stores.') : null,
    stores.map((store) => {
      const products = of(waffo.products, store.id)
      const orders = of(waffo.orders, store.id)
      const sessions = of(waffo.checkoutSessions, store.id)
      const payments = (waffo.payments || []).filter((payment) => (ordersById.get(payment.orderId) || {}).storeId === store.id)
      // Only a pending KYB ticket blocks delete-store (pending_tickets); resolved ones are history.
      const tickets = of(waffo.kybTickets, store.id).filter((ticket) => ticket.status === 'pending')
      const bindings = of(waffo.bindings, store.id)
      const owner = (store.members || []).find((member) => member.role === 'owner')
      return el('div', { class: 'card', 'data-store': store.id },
        el('div', { class: 'title' }, el('strong', {}, store.name), el('span', { class: 'id' }, store.id),
          store.deletedAt ? pill('deleted', 'bad') : pill('active', 'ok'),
          owner ? el('span', { class: 'id' }, 'owner ' + ((merchants.get(owner.merchantId) || {}).name || owner.merchantId)) : null,
          pill(products.length + ' product(s)'), pill(orders.length + ' order(s)'),
          payments.length ? pill(payments.length + ' payment(s)') : null,
          tickets.length ? pill(tickets.length + ' pending KYB ticket(s)', 'warn') : null,
          bindings.length ? pill(bindings.length + ' binding(s)', 'warn') : null),
        products.length ? table(['Product', 'Type', 'Test', 'Prod'], products.map((item) =>
          el('tr', {}, el('td', {}, item.name || item.id), el('td', {}, item.type || ''),
            el('td', {}, item.testStatus || ''), el('td', {}, item.prodStatus || '')))) : null,
        bounded('Checkout sessions', sessions, ['Session', 'Product', 'Status', 'Expires', 'Buyer', 'Order'], (session) => {
          const status = sessionStatus(session)
          return el('tr', { 'data-session': session.id }, el('td', { class: 'id' }, session.id), el('td', {}, product(session.productId)),
            el('td', {}, pill(status, tone(status)), ' ', env(session.testMode)), el('td', { class: 'id' }, session.expiresAt),
            el('td', {}, session.buyerEmail || ''), el('td', { class: 'id' }, session.orderId || ''))
        }),
        bounded('Orders', orders, ['Order', 'Product', 'Type', 'Status', 'Current period'], (order) =>
          el('tr', { 'data-order': order.id }, el('td', { class: 'id' }, order.id), el('td', {}, product(order.productId)), el('td', {}, order.type || ''),
            el('td', {}, pill(order.status, tone(order.status)), ' ', env(order.testMode)), el('td', { class: 'id' }, period(order)))),
        bounded('Payments', payments, ['Payment', 'Order', 'Amount', 'Status', 'At'], (payment) =>
          el('tr', { 'data-payment': payment.id }, el('td', { class: 'id' }, payment.id), el('td', { class: 'id' }, payment.orderId),
            el('td', { class: 'num' }, payment.amount + ' ' + payment.currency),
            el('td', {}, pill(payment.status, tone(payment.status)), ' ', env((ordersById.get(payment.orderId) || {}).testMode)),
            el('td', { class: 'id' }, payment.createdAt))),
        tickets.length || bindings.length ? table(['Blocker', 'Value', 'Status'], [
          ...tickets.map((ticket) => el('tr', {}, el('td', {}, 'KYB ticket'), el('td', { class: 'id' }, ticket.id), el('td', {}, ticket.status))),
          ...bindings.map((binding) => el('tr', {}, el('td', {}, binding.kind + ' binding'), el('td', {}, binding.value), el('td', {}, 'bound')))
        ]) : null)
    }))
}`
