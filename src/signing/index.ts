/** Signing helpers shared by the server, the CLI, the tests and library users. */
export * from './toco.js'
export * from './waffo.js'
export { safeEqual } from './compare.js'
