import {
  buildSchema, getNamedType, getNullableType, getOperationAST, GraphQLError, isInterfaceType, isListType, isObjectType, Kind, parse,
  type DocumentNode, type FieldNode, type FragmentDefinitionNode, type GraphQLNamedType, type GraphQLSchema,
  type SelectionSetNode
} from 'graphql'
import { DEFAULT_LIMIT, MAX_LIMIT } from './resolvers.js'
import { SCHEMA } from './schema.js'

/**
 * The most values (every field of every object, list items included) a query may ask for,
 * estimated before it runs. A paged list counts its `limit` (default 50) items, or fewer when
 * the table behind it holds fewer rows (`rows`, an upper bound the route reads from SQLite);
 * any other list (prices, media) counts UNPAGED_LIST items; fragments are expanded wherever
 * they are spread. An honest two-level read at full pages (`stores(limit: 100) {
 * onetimeProducts(limit: 100) { …ten fields… } }`) is at most ~100,000; the 1.2 KB K=7 fragment
 * chain (147 MB before) estimates (6 × products)⁶ and more.
 */
export const MAX_COST = 200_000
/**
 * From this estimate on, a query still runs but its answer carries a warning (the SDK's
 * CHANGELOG: "emitted when query cost approaches the hard limit"; the threshold is ours).
 */
export const WARN_COST = 160_000
/** The warning's hint for an agent (the SDK CHANGELOG's example value). */
export const COST_HINT = 'REDUCE_QUERY_SIZE'
/** A list without `limit` (prices, media) is assumed to hold this many items. */
export const UNPAGED_LIST = 5
/** The serialized `data` a query may return, a backstop for large stored values (metadata). */
export const MAX_ANSWER_BYTES = 8 * 1024 * 1024
/** graphql-js stops parsing past this many tokens: a 1 MiB query cannot cost a 1 MiB parse. */
export const MAX_TOKENS = 20_000

export type CostVerdict =
  | { ok: true, cost: number }
  | { ok: false, message: string, syntax?: GraphQLError }

// Built here from our own `graphql` import: mercurius' schema comes from graphql's CommonJS build,
// and graphql-js refuses type objects from "another module or realm".
let built: GraphQLSchema | undefined
/** The read schema as our `graphql` sees it (the cost estimate, the ID/String leniency). */
export function readSchema (): GraphQLSchema {
  built ??= buildSchema(SCHEMA)
  return built
}

/** Parsed queries kept (a client sends the same few again and again), and the longest kept. */
const KEPT_DOCUMENTS = 128
const KEPT_QUERY_CHARS = 4096
/** Estimates kept per document, one per operation name asked. */
const KEPT_VERDICTS = 8

interface Parsed {
  document: DocumentNode
  /** Estimates that read no variable and no table size: the same for every request of this text. */
  verdicts: Map<string | undefined, CostVerdict>
}
const documents = new Map<string, Parsed>()

/** The query parsed once per text: the estimate only reads the document. */
function parsed (query: string): Parsed {
  let entry = documents.get(query)
  if (entry === undefined) {
    entry = { document: parse(query, { maxTokens: MAX_TOKENS, noLocation: true }), verdicts: new Map() }
    if (query.length <= KEPT_QUERY_CHARS) {
      if (documents.size >= KEPT_DOCUMENTS) documents.delete(documents.keys().next().value!)
      documents.set(query, entry)
    }
  }
  return entry
}

/** No table sizes: every list may be full. */
const ANY_ROWS = () => Infinity

/**
 * Estimates the selected operation's cost in one pass over the document: each fragment's cost
 * is computed once and reused wherever it is spread, so the estimate itself stays linear in the
 * query's size whatever the aliasing. A document that does not parse, an unknown operation or
 * field, or a fragment cycle is left to graphql-js validation (cost 0 for that part). The
 * estimate counts full lists first and consults `rows` only when that is over the limit.
 */
export function queryCost (
  query: string,
  operationName: string | undefined,
  variables: Record<string, unknown> | undefined,
  /** At most how many items of this type exist at all (a list cannot return more). */
  rows: (typeName: string) => number = ANY_ROWS
): CostVerdict {
  let entry: Parsed
  try {
    entry = parsed(query)
  } catch (error) {
    // Text that does not parse goes no further: mercurius would read it as a JSON-encoded document
    // (`"0"` 500ed in validation, and an encoded query ran without this estimate). A syntax error is
    // graphql-js' own answer; the token limit, or nesting deeper than the parser's stack, is a message.
    const message = (error as Error).message
    return error instanceof GraphQLError && !/Document contains more th\w+ \d+ tokens/.test(message) ? { ok: false, message, syntax: error } : { ok: false, message }
  }
  let verdict = entry.verdicts.get(operationName)
  if (verdict === undefined) {
    const estimated = estimate(entry.document, operationName, variables, ANY_ROWS)
    verdict = estimated.verdict
    if (!estimated.readVariables && entry.verdicts.size < KEPT_VERDICTS) entry.verdicts.set(operationName, verdict)
  }
  // The tables' sizes can only lower the estimate: they are read only when it is over the limit.
  return verdict.ok || rows === ANY_ROWS ? verdict : estimate(entry.document, operationName, variables, rows).verdict
}

function estimate (
  document: DocumentNode,
  operationName: string | undefined,
  variables: Record<string, unknown> | undefined,
  rows: (typeName: string) => number
): { verdict: CostVerdict, readVariables: boolean } {
  let readVariables = false
  const operation = getOperationAST(document, operationName)
  const schema = readSchema()
  const root = schema.getQueryType()
  if (!operation || !root) return { verdict: { ok: true, cost: 0 }, readVariables }

  const fragments = new Map<string, FragmentDefinitionNode>()
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition)
  }
  const fragmentCost = new Map<string, number>()
  const inProgress = new Set<string>()

  const limitOf = (field: FieldNode, typeName: string): number => Math.min(pageOf(field), rows(typeName))
  const pageOf = (field: FieldNode): number => {
    const argument = field.arguments?.find((arg) => arg.name.value === 'limit')
    let value: unknown = DEFAULT_LIMIT
    if (argument?.value.kind === Kind.INT) value = Number(argument.value.value)
    else if (argument?.value.kind === Kind.VARIABLE) {
      readVariables = true
      value = variables?.[argument.value.name.value] ?? DEFAULT_LIMIT
    }
    return typeof value === 'number' && Number.isFinite(value) ? Math.min(Math.max(value, 0), MAX_LIMIT) : DEFAULT_LIMIT
  }

  const costOf = (selectionSet: SelectionSetNode, parent: GraphQLNamedType | undefined | null): number => {
    let total = 0
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        const fields = parent && (isObjectType(parent) || isInterfaceType(parent)) ? parent.getFields() : undefined
        const definition = fields?.[selection.name.value]
        if (!definition) { total += 1; continue }
        const nullable = getNullableType(definition.type)
        const items = isListType(nullable)
          ? definition.args.some((arg) => arg.name === 'limit') ? limitOf(selection, getNamedType(definition.type).name) : UNPAGED_LIST
          : 1
        const inner = selection.selectionSet ? costOf(selection.selectionSet, getNamedType(definition.type)) : 0
        total += items * (1 + inner)
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent
        total += costOf(selection.selectionSet, type)
      } else {
        const name = selection.name.value
        const fragment = fragments.get(name)
        if (!fragment || inProgress.has(name)) continue
        let cost = fragmentCost.get(name)
        if (cost === undefined) {
          inProgress.add(name)
          cost = costOf(fragment.selectionSet, schema.getType(fragment.typeCondition.name.value))
          inProgress.delete(name)
          fragmentCost.set(name, cost)
        }
        total += cost
      }
    }
    return total
  }

  const cost = costOf(operation.selectionSet, operation.operation === 'query' ? root : null)
  if (cost > MAX_COST) {
    const shown = Number.isFinite(cost) && cost < 1e15 ? String(cost) : cost.toExponential(1)
    return { verdict: { ok: false, message: `Query cost (${shown}) exceeds the maximum cost of ${MAX_COST}: ask for fewer fields, aliases or list items (limit)` }, readVariables }
  }
  return { verdict: { ok: true, cost }, readVariables }
}
