/**
 * Toco's section of the dashboard at /__admin/: browser code, run on its section of GET
 * /__admin/state with the page's DOM helpers (text only, never HTML). Partners, their stores,
 * products and orders; secrets and store tokens are never shown.
 */
export const TOCO_DASHBOARD = `function tocoSection (toco, { el, pill, table }) {
  const partners = toco.partners || []
  const stores = toco.stores || []
  const products = toco.products || []
  const orders = toco.orders || []
  // A catalogue of 100,000 products drawn row by row froze the page: the first 50 of a store, and the count.
  const SHOWN = 50
  return el('div', {}, el('h3', {}, 'Toco Partner API'),
    partners.length === 0 ? el('p', { class: 'empty' }, 'No partners.') : null,
    partners.map((partner) => el('div', { class: 'card', 'data-partner': partner.clientId },
      el('div', { class: 'title' }, el('strong', {}, partner.name || partner.clientId), el('span', { class: 'id' }, partner.clientId)),
      stores.filter((store) => store.partnerClientId === partner.clientId).map((store) => {
        const own = products.filter((product) => product.storeClientId === store.storeClientId)
        const live = own.filter((product) => !product.deletedAt)
        const storeOrders = orders.filter((order) => order.storeClientId === store.storeClientId)
        return el('div', { class: 'card', 'data-store': store.storeClientId },
          el('div', { class: 'title' }, el('strong', {}, store.name || store.storeClientId), el('span', { class: 'id' }, store.storeClientId),
            pill(store.status, store.status === 'bound' ? 'ok' : 'bad'),
            pill(live.length + ' product' + (live.length === 1 ? '' : 's')), storeOrders.length ? pill(storeOrders.length + ' order(s)') : null),
          own.length > SHOWN ? el('p', { class: 'meta', 'data-shown': 'products' }, 'first ' + SHOWN + ' of ' + own.length + ' products') : null,
          own.length ? table(['Product', 'SKU', 'Price', 'Stock'], own.slice(0, SHOWN).map((product) =>
            el('tr', { class: product.deletedAt ? 'deleted' : '' }, el('td', {}, product.name), el('td', {}, product.sku || ''),
              el('td', { class: 'num' }, product.price), el('td', { class: 'num' }, product.stock ?? '')))) : null,
          storeOrders.length ? table(['Order', 'Status', 'Total'], storeOrders.map((order) =>
            el('tr', {}, el('td', {}, order.invoiceNumber || order.id), el('td', {}, order.status), el('td', { class: 'num' }, order.total ?? '')))) : null)
      }))))
}`
