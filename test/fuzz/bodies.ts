/**
 * Request bodies, as the raw text a client would send: valid JSON of every shape, JSON shaped
 * like (or almost like) each route's body, text that is not JSON, deep nesting, and bodies
 * just under and over the 1 MiB limit. Each carries a note when its text alone is unreadable.
 */
import fc from 'fast-check'
import { BODY_LIMIT } from '../../src/app.js'
import { DEMO, demoFixture } from '../helpers.js'
import { printable } from './printing.js'

export interface Body {
  /** The bytes sent, as text; undefined sends no body at all. */
  raw: string | undefined
  note?: string
}

const body = (raw: string | undefined, note?: string): Body => printable(note === undefined ? { raw } : { raw, note })

/** JSON text of an object with these entries, in this order, duplicates and `__proto__` kept. */
const objectText = (entries: ReadonlyArray<readonly [string, unknown]>) =>
  '{' + entries.map(([key, value]) => `${JSON.stringify(key)}:${JSON.stringify(value) ?? 'null'}`).join(',') + '}'

const smallJson = fc.jsonValue({ maxDepth: 2, stringUnit: 'binary' })
const numericString = fc.oneof(fc.integer(), fc.double({ noNaN: true })).map(String)
const wrongScalar = fc.oneof(fc.integer(), fc.double(), fc.boolean(), fc.constant(null), numericString, fc.constant(''))

/** Keys that try to reach Object.prototype, plus near-miss spellings of the real fields. */
const sideKeys = fc.constantFrom('__proto__', 'constructor', 'prototype', 'ids', 'id', 'externalIds', 'ID', 'Ids', ' id')
// `polluted` is what expectNoPrototypePollution looks for on Object.prototype afterwards.
const sideValue = fc.oneof(smallJson, fc.constant({ prototype: { polluted: true } }), fc.constant({ polluted: true }))
const sideEntries = fc.oneof(
  { arbitrary: fc.constant([]), weight: 2 },
  { arbitrary: fc.array(fc.tuple(sideKeys, sideValue), { minLength: 1, maxLength: 2 }), weight: 1 }
)

/** Shapes a client might get wrong in place of the expected object. */
function shapes (objectArb: fc.Arbitrary<string>): fc.Arbitrary<Body> {
  return fc.oneof(
    { arbitrary: objectArb.map((text) => body(text)), weight: 8 },
    { arbitrary: objectArb.map((text) => body(`[${text}]`)), weight: 1 },
    { arbitrary: objectArb.map((text) => body(JSON.stringify(text))), weight: 1 }
  )
}

/** Every product of the fixtures (live, deleted, another store's) and one that does not exist. */
const productIds = [...demoFixture.toco.products!.map((product) => product.id), DEMO.products.unknown]
const idItem = fc.oneof(
  { arbitrary: fc.constantFrom(...productIds), weight: 4 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 40 }), weight: 3 },
  { arbitrary: wrongScalar, weight: 2 },
  { arbitrary: smallJson, weight: 1 }
)
const idsValue = fc.oneof(
  { arbitrary: fc.array(idItem, { maxLength: 6 }), weight: 8 },
  // Around the batch limit of 100 (TOCO_MAX_BATCH default).
  { arbitrary: fc.array(fc.constantFrom(...productIds), { minLength: 98, maxLength: 103 }), weight: 1 },
  { arbitrary: wrongScalar, weight: 2 },
  { arbitrary: smallJson, weight: 1 }
)

/** `{"ids": …}` and its near misses, for POST /partner/stores/products/deletions. */
export const deletionShaped = shapes(fc.tuple(fc.option(idsValue, { nil: undefined, freq: 10 }), sideEntries)
  .map(([ids, side]) => objectText(ids === undefined ? side : [['ids', ids], ...side])))

/** Well-formed STO_ ids: the fixture's (every delete-store outcome) and unknown ones. */
export const wellFormedStoreId = fc.oneof(
  fc.constantFrom(...Object.values(DEMO.waffoStores)),
  fc.string({ unit: fc.constantFrom(...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'), minLength: 22, maxLength: 22 })
    .map((tail) => `STO_${tail}`)
)
const storeIdValue = fc.oneof(
  { arbitrary: wellFormedStoreId, weight: 8 },
  // Near misses: wrong length, case, separator, or a character outside base62.
  {
    arbitrary: fc.tuple(fc.constantFrom('STO_', 'sto_', 'STO-', 'STO', 'PROD_', ''), fc.string({ unit: 'binary', maxLength: 24 }))
      .map(([prefix, tail]) => prefix + tail),
    weight: 3
  },
  { arbitrary: wrongScalar, weight: 2 },
  { arbitrary: smallJson, weight: 1 }
)

/** `{"id": …}` and its near misses, for POST /v1/actions/store/delete-store. */
export const deleteStoreShaped = shapes(fc.tuple(fc.option(storeIdValue, { nil: undefined, freq: 10 }), sideEntries)
  .map(([id, side]) => objectText(id === undefined ? side : [['id', id], ...side])))

/** Text that is mostly not JSON (the model in body-model.ts decides), or JSON with a BOM. */
export const notJson = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 60 }).map((text) => body(text)),
  fc.tuple(fc.json({ maxDepth: 2 }), fc.nat()).map(([text, cut]) => body(text.slice(0, cut % Math.max(text.length, 1)))),
  fc.constantFrom(
    "{'ids':['a']}", '{"ids":["a"],}', '{"id":"STO_2aUyqjCzEIiEcYMKj7TZtw"', 'NaN', 'undefined', '{"ids":[01]}',
    '\uFEFF{"ids":["x"]}', '\uFEFF{"id":"x"}', '{"a":1}{"a":2}', ' ', '\n', '\u0000', 'ids=a&ids=b', '--x\r\n\r\n--x--'
  ).map((text) => body(text))
)

/** Nesting far past what a recursive walk survives (the body itself stays well under 1 MiB). */
export const deeplyNested = fc.record({
  depth: fc.integer({ min: 1, max: 60_000 }),
  kind: fc.constantFrom('array', 'object'),
  under: fc.constantFrom(undefined, 'ids', 'id')
}).map(({ depth, kind, under }) => {
  const nest = kind === 'array' ? '['.repeat(depth) + ']'.repeat(depth) : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth)
  return body(under === undefined ? nest : `{"${under}":${nest}}`, `${kind} nested ${depth} deep${under ? ` under "${under}"` : ''}`)
})

/** Exactly `size` bytes of JSON (one long string field) or of plain text, around the body limit. */
export const aroundBodyLimit = fc.record({
  size: fc.integer({ min: BODY_LIMIT - 64, max: BODY_LIMIT + 64 }),
  unit: fc.constantFrom('x', 'é', '😀'),
  wrapper: fc.constantFrom<[string, string]>(['{"ids":["', '"]}'], ['{"id":"', '"}'], ['', ''])
}).map(({ size, unit, wrapper: [open, close] }) => {
  const filler = size - Buffer.byteLength(open + close)
  const whole = Math.floor(filler / Buffer.byteLength(unit))
  const text = open + unit.repeat(whole) + 'x'.repeat(filler - whole * Buffer.byteLength(unit)) + close
  return body(text, `${size} bytes (limit ${BODY_LIMIT}) of ${JSON.stringify(unit)}`)
})

const anyJson = fc.json({ stringUnit: 'binary', depthSize: 'small' }).map((text) => body(text))

/**
 * Every kind of body, weighted towards the ones that reach the handlers' code. `deep: false`
 * leaves deep nesting to a property of its own.
 */
export function bodies (routeShaped: fc.Arbitrary<Body>, { deep = true } = {}): fc.Arbitrary<Body> {
  return fc.oneof(
    { arbitrary: fc.constant(body(undefined)), weight: 1 },
    { arbitrary: anyJson, weight: 3 },
    { arbitrary: notJson, weight: 3 },
    { arbitrary: routeShaped, weight: 8 },
    { arbitrary: aroundBodyLimit, weight: 1 },
    ...(deep ? [{ arbitrary: deeplyNested, weight: 1 }] : [])
  )
}

export const anyBody = bodies(fc.oneof(deletionShaped, deleteStoreShaped))
