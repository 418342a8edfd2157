/**
 * ID and String variables are interchangeable, as upstream evidently treats them: the guide's
 * own examples pass `$id: ID!` to `store(id:)` and, in its dashboard query, `$storeId: String!`
 * to the same argument and to `String` ones. graphql-js refuses that ("Variable … used in
 * position expecting type …"); when that is the only complaint, each usage in a position of the
 * other type reads a twin variable of that type (same value, same nullability) and the query
 * runs once more. A variable used only in such positions is simply retyped.
 */
import {
  getNamedType, Kind, parse, print, TypeInfo, visit, visitWithTypeInfo,
  type GraphQLError, type GraphQLSchema, type NamedTypeNode, type TypeNode, type VariableDefinitionNode
} from 'graphql'

const MISMATCH = /^Variable "\$(\w+)" of type "(ID|String)!?" used in position expecting type "(ID|String)!?"\.$/

export interface Retyped { query: string, variables: Record<string, unknown> | undefined }

const named = (type: TypeNode): string => type.kind === Kind.NAMED_TYPE ? type.name.value : named(type.type)
const withName = (type: TypeNode, name: string): TypeNode => {
  const inner: NamedTypeNode = { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: name } }
  return type.kind === Kind.NON_NULL_TYPE ? { ...type, type: inner } : inner
}

/** The query (and variables) with its ID/String mismatches resolved, or undefined when other errors remain. */
export function retypedIdVariables (
  schema: GraphQLSchema, query: string, variables: Record<string, unknown> | undefined, errors: ReadonlyArray<Pick<GraphQLError, 'message'>>
): Retyped | undefined {
  const wanted = new Set<string>()
  for (const error of errors) {
    const match = MISMATCH.exec(error.message)
    if (!match || match[2] === match[3]) return undefined
    wanted.add(match[1]!)
  }
  if (wanted.size === 0) return undefined
  const document = parse(query, { noLocation: true })
  const declared = new Map<string, VariableDefinitionNode>()
  visit(document, { VariableDefinition (node) { declared.set(node.variable.name.value, node) } })
  const twin = (name: string, type: string) => `${name}_as${type}`
  // Each usage in a position of the other type reads the twin; remember which names still read themselves.
  const twins = new Map<string, string>()
  const direct = new Set<string>()
  const typeInfo = new TypeInfo(schema)
  const moved = visit(document, visitWithTypeInfo(typeInfo, {
    VariableDefinition: () => false,
    Variable (node) {
      const name = node.name.value
      const expected = typeInfo.getInputType()
      const definition = declared.get(name)
      if (!wanted.has(name) || !expected || !definition) { direct.add(name); return undefined }
      const want = getNamedType(expected).name
      if (want === named(definition.type)) { direct.add(name); return undefined }
      twins.set(twin(name, want), name)
      return { ...node, name: { ...node.name, value: twin(name, want) } }
    }
  }))
  const values = { ...variables }
  const retyped = visit(moved, {
    OperationDefinition (node) {
      const definitions = (node.variableDefinitions ?? []).flatMap((definition) => {
        const name = definition.variable.name.value
        const extra = [...twins].filter(([, of]) => of === name).map(([alias]) => {
          if (name in values) values[alias] = values[name]
          return { ...definition, variable: { ...definition.variable, name: { ...definition.variable.name, value: alias } }, type: withName(definition.type, alias.slice(name.length + 3)) }
        })
        return [...(direct.has(name) || !wanted.has(name) ? [definition] : []), ...extra]
      })
      return { ...node, variableDefinitions: definitions }
    }
  })
  return { query: print(retyped), variables: variables === undefined ? undefined : values }
}
