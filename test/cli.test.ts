/** `npm run curl -- …` prints curl lines that the server accepts as they are. */
import { describe, expect, it } from 'vitest'
import { DEMO, useListeningApp } from './helpers.js'
import { json, runTs, sendCurl } from './support/process.js'

const server = useListeningApp()

async function cli (...args: string[]) {
  const run = runTs('src/cli/curl.ts', [...args, '--base', server.url])
  const code = await run.exited
  return { code, ...run.output }
}

describe('npm run curl', () => {
  it('toco: signs an unbind with the partner\'s secret', async () => {
    const { code, stdout } = await cli('toco', 'POST', `/partner/stores/${DEMO.unbindStore.storeClientId}/unbind`)
    expect(code).toBe(0)
    expect(stdout).toMatch(/^curl -X POST "http:\/\/127\.0\.0\.1:\d+\/api\/v1\/partner\/stores\/str_bG7SUfKOqSQt\/unbind"/)
    const answer = await json(await sendCurl(stdout))
    expect(answer.data).toEqual({ storeClientId: DEMO.unbindStore.storeClientId, status: 'unbound' })
  })

  it('toco: adds the store headers for a store-scoped path (--store, else the first bound store)', async () => {
    const body = JSON.stringify({ ids: [DEMO.products.second.id] })
    const defaulted = await cli('toco', 'POST', '/partner/stores/products/deletions', body)
    expect(defaulted.stdout).toContain(`-H "x-store-token: ${DEMO.unbindStore.storeToken}"`)
    const { stdout } = await cli('toco', 'POST', '/partner/stores/products/deletions', body, '--store', DEMO.catalogueStore.storeClientId)
    expect(stdout).toContain(`-H "x-store-token: ${DEMO.catalogueStore.storeToken}"`)
    const answer = await json(await sendCurl(stdout))
    expect(answer.data.successItems).toEqual([DEMO.products.second])
  })

  it('waffo: signs a delete-store like the SDK', async () => {
    const { stdout } = await cli('waffo', 'POST', '/v1/actions/store/delete-store', JSON.stringify({ id: DEMO.waffoStores.clean }))
    const answer = await json(await sendCurl(stdout))
    expect(answer.data.store.id).toBe(DEMO.waffoStores.clean)
  })

  it('explains its usage', async () => {
    const { code, stderr } = await cli('stripe', 'GET', '/')
    expect(code).toBe(1)
    expect(stderr).toContain('usage: npm run curl -- toco|waffo METHOD PATH')
  })
})
