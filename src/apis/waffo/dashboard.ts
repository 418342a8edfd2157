/**
 * Waffo's section of the dashboard at /__admin/: browser code, run on its section of GET
 * /__admin/state with the page's DOM helpers (text only, never HTML). Stores with their owner,
 * products, orders and what blocks their deletion; keys are never shown.
 */
export const WAFFO_DASHBOARD = `function waffoSection (waffo, { el, pill, table }) {
  const merchants = new Map((waffo.merchants || []).map((merchant) => [merchant.id, merchant]))
  const stores = waffo.stores || []
  const of = (list, storeId) => (list || []).filter((row) => row.storeId === storeId)
  return el('div', {}, el('h3', {}, 'Waffo Pancake API'),
    stores.length === 0 ? el('p', { class: 'empty' }, 'No stores.') : null,
    stores.map((store) => {
      const products = of(waffo.products, store.id)
      const orders = of(waffo.orders, store.id)
      const tickets = of(waffo.kybTickets, store.id)
      const bindings = of(waffo.bindings, store.id)
      const owner = (store.members || []).find((member) => member.role === 'owner')
      return el('div', { class: 'card', 'data-store': store.id },
        el('div', { class: 'title' }, el('strong', {}, store.name), el('span', { class: 'id' }, store.id),
          store.deletedAt ? pill('deleted', 'bad') : pill('active', 'ok'),
          owner ? el('span', { class: 'id' }, 'owner ' + ((merchants.get(owner.merchantId) || {}).name || owner.merchantId)) : null,
          pill(products.length + ' product(s)'), pill(orders.length + ' order(s)'),
          tickets.length ? pill(tickets.length + ' KYB ticket(s)', 'warn') : null,
          bindings.length ? pill(bindings.length + ' binding(s)', 'warn') : null),
        products.length ? table(['Product', 'Type', 'Test', 'Prod'], products.map((product) =>
          el('tr', {}, el('td', {}, product.name || product.id), el('td', {}, product.type || ''),
            el('td', {}, product.testStatus || ''), el('td', {}, product.prodStatus || '')))) : null,
        orders.length ? table(['Order', 'Type', 'Status'], orders.map((order) =>
          el('tr', {}, el('td', { class: 'id' }, order.id), el('td', {}, order.type || ''), el('td', {}, order.status)))) : null,
        tickets.length || bindings.length ? table(['Blocker', 'Value', 'Status'], [
          ...tickets.map((ticket) => el('tr', {}, el('td', {}, 'KYB ticket'), el('td', { class: 'id' }, ticket.id), el('td', {}, ticket.status))),
          ...bindings.map((binding) => el('tr', {}, el('td', {}, binding.kind + ' binding'), el('td', {}, binding.value), el('td', {}, 'bound')))
        ]) : null)
    }))
}`
