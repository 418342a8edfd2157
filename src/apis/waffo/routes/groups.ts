import { randomUUID } from 'node:crypto'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import type { RequestContext } from '../../../core/context.js'
import type { MerchantCaller } from '../auth.js'
import { waffoErrors } from '../errors.js'
import { Envelope, formatGroup, Group } from '../format.js'
import type { GroupRow } from '../repo/groups.js'
import { merchantAction, WAFFO_ROUTES } from './table.js'

const GroupResponse = { 200: Envelope(Type.Object({ group: Group })) }
const answer = (row: GroupRow) => ({ data: { group: formatGroup(row) } })

interface RulesInput { sharedTrial?: boolean, selfServicePlanChange?: boolean }

/** The store a merchant may manage groups of: live and theirs (else 404), as owner or admin (else 403). */
function editableStore (ctx: RequestContext, storeId: string, { merchantId }: MerchantCaller): void {
  const role = ctx.repos.waffo.stores.memberRole(storeId, merchantId)
  if (role === undefined) throw waffoErrors.storeNotFound()
  if (role === 'member') throw waffoErrors.notGroupEditor()
}

/** A group of a store the merchant manages, in the environment asked (else 404, as for an unknown id). */
function editableGroup (ctx: RequestContext, id: string, who: MerchantCaller, environment: 'test' | 'prod'): GroupRow {
  const group = ctx.repos.waffo.groups.byId(id)
  const role = group && group.environment === environment ? ctx.repos.waffo.stores.memberRole(group.store_id, who.merchantId) : undefined
  if (!group || role === undefined) throw waffoErrors.groupNotFound()
  if (role === 'member') throw waffoErrors.notGroupEditor()
  return group
}

/** 1–64 characters once trimmed. */
function groupName (value: string): string {
  const name = value.trim()
  if (name.length < 1 || name.length > 64) throw waffoErrors.groupNameLength()
  return name
}

/** Each id a live subscription product of the store; duplicates collapse, the order stays. */
function groupProducts (ctx: RequestContext, storeId: string, ids: readonly string[]): string {
  const unique = [...new Set(ids)]
  for (const id of unique) {
    const product = ctx.repos.waffo.products.live(id)
    if (!product || product.store_id !== storeId || product.type !== 'subscription') throw waffoErrors.notGroupProduct(id)
  }
  return JSON.stringify(unique)
}

const mergedRules = (current: RulesInput, input: RulesInput | undefined) => JSON.stringify({
  sharedTrial: input?.sharedTrial ?? current.sharedTrial ?? false,
  selfServicePlanChange: input?.selfServicePlanChange ?? current.selfServicePlanChange ?? false
})

function nameFree (ctx: RequestContext, storeId: string, environment: string, name: string, self?: string): void {
  const holder = ctx.repos.waffo.groups.named(storeId, environment, name)
  if (holder && holder.id !== self) throw waffoErrors.groupNameTaken(name, environment)
}

/**
 * subscription-product-group/*: create and update work on the groups of the API key's
 * environment; publish copies a test group to prod (an upsert by the test group's id); delete
 * is a hard delete. The name is unique per store and environment.
 */
export const groupRoutes: FastifyPluginAsyncTypebox = async (app) => {
  merchantAction(app, WAFFO_ROUTES.createGroup, GroupResponse, (body, who, ctx) => {
    const missing = (['storeId', 'name'] as const).filter((field) => body[field] === undefined || body[field] === null || body[field] === '')
    if (missing.length > 0) throw waffoErrors.missingFields(missing, 'product')
    const storeId = body.storeId!
    editableStore(ctx, storeId, who)
    const name = groupName(body.name!)
    nameFree(ctx, storeId, who.environment, name)
    const at = ctx.clock.iso()
    return answer(ctx.repos.waffo.groups.insert({
      id: randomUUID(),
      store_id: storeId,
      environment: who.environment,
      name,
      description: body.description ?? null,
      rules: mergedRules({}, body.rules),
      product_ids: groupProducts(ctx, storeId, body.productIds ?? []),
      published_from: null,
      created_at: at,
      updated_at: at
    }))
  })

  merchantAction(app, WAFFO_ROUTES.updateGroup, GroupResponse, (body, who, ctx) => {
    const current = editableGroup(ctx, body.id, who, who.environment)
    const name = body.name === undefined ? current.name : groupName(body.name)
    nameFree(ctx, current.store_id, current.environment, name, current.id)
    const next = {
      id: current.id,
      name,
      description: body.description === undefined ? current.description : body.description,
      rules: mergedRules(JSON.parse(current.rules) as RulesInput, body.rules),
      product_ids: body.productIds === undefined ? current.product_ids : groupProducts(ctx, current.store_id, body.productIds)
    }
    const changed = next.name !== current.name || next.description !== current.description || next.rules !== current.rules || next.product_ids !== current.product_ids
    return answer(changed ? ctx.repos.waffo.groups.update({ ...next, updated_at: ctx.clock.iso() }) : current)
  })

  merchantAction(app, WAFFO_ROUTES.deleteGroup, GroupResponse, (body, who, ctx) => {
    const group = editableGroup(ctx, body.id, who, who.environment)
    return answer(ctx.repos.waffo.groups.remove(group.id))
  })

  // Publish reads the test group whatever the key's environment, and answers the prod copy.
  merchantAction(app, WAFFO_ROUTES.publishGroup, GroupResponse, (body, who, ctx) => {
    const found = ctx.repos.waffo.groups.byId(body.id)
    if (found && found.environment === 'prod') throw waffoErrors.publishTestGroupOnly()
    const source = editableGroup(ctx, body.id, who, 'test')
    const { groups } = ctx.repos.waffo
    const at = ctx.clock.iso()
    const copy = groups.publishedFrom(source.id)
    nameFree(ctx, source.store_id, 'prod', source.name, copy?.id)
    const content = { name: source.name, description: source.description, rules: source.rules, product_ids: source.product_ids }
    if (copy) return answer(groups.update({ id: copy.id, ...content, updated_at: at }))
    return answer(groups.insert({
      id: randomUUID(), store_id: source.store_id, environment: 'prod', ...content, published_from: source.id, created_at: at, updated_at: at
    }))
  })
}
