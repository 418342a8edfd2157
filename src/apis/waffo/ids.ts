import { randomInt } from 'node:crypto'

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'
/** Waffo's short-id shape: PREFIX_ + 22 base62 characters (`STO_…`, `PROD_…`, `ORD_…`). */
export const shortId = (prefix: string) => `${prefix}_${Array.from({ length: 22 }, () => BASE62[randomInt(62)]).join('')}`
