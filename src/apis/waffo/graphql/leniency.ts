/**
 * ID and String variables are interchangeable, as upstream evidently treats them: the guide's
 * own examples pass `$id: ID!` to `store(id:)` and, in its dashboard query, `$storeId: String!`
 * to the same argument. graphql-js refuses the second ("Variable … used in position expecting
 * type …"); when that is the only complaint, the declarations are retyped to what their
 * positions expect and the query runs once more.
 */
import { Kind, parse, print, visit, type GraphQLError, type NamedTypeNode } from 'graphql'

const MISMATCH = /^Variable "\$(\w+)" of type "(ID|String)!?" used in position expecting type "(ID|String)!?"\.$/

/** The query with its ID/String variables retyped, or undefined when other errors remain. */
export function retypedIdVariables (query: string, errors: ReadonlyArray<Pick<GraphQLError, 'message'>>): string | undefined {
  const wanted = new Map<string, string>()
  for (const error of errors) {
    const match = MISMATCH.exec(error.message)
    if (!match || match[2] === match[3]) return undefined
    wanted.set(match[1]!, match[3]!)
  }
  if (wanted.size === 0) return undefined
  const retyped = visit(parse(query, { noLocation: true }), {
    VariableDefinition (node) {
      const name = wanted.get(node.variable.name.value)
      if (name === undefined) return undefined
      const named: NamedTypeNode = { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: name } }
      return { ...node, type: node.type.kind === Kind.NON_NULL_TYPE ? { ...node.type, type: named } : named }
    }
  })
  return print(retyped)
}
