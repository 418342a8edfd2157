/** `npm run curl -- …` prints curl lines that the server accepts as they are. */
import { describe, expect, it } from 'vitest'
import { main } from '../src/cli/curl.js'
import { DEMO, useListeningApp } from './helpers.js'
import { json, sendCurl } from './support/process.js'

const server = useListeningApp()

/** Runs the CLI in this process, as `npm run curl -- …` would, with an empty environment. */
async function cli (...args: string[]) {
  const stdout: string[] = []
  const stderr: string[] = []
  const code = main([...args, '--base', server.url], { env: {}, out: (line) => stdout.push(line), err: (line) => stderr.push(line) })
  return { code, stdout: stdout.join('\n'), stderr: stderr.join('\n') }
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
    const { code, stdout, stderr } = await cli('stripe', 'GET', '/')
    expect(code).toBe(1)
    expect(stdout).toBe('')
    expect(stderr).toContain('usage: npm run curl -- toco|waffo METHOD PATH')
  })

  it('an unknown option is one line and exit 1, not a stack trace', async () => {
    const { code, stderr } = await cli('toco', 'POST', '/x', '--nope', '1')
    expect(code).toBe(1)
    expect(stderr).not.toMatch(/\n\s+at /)
    expect(stderr).toContain('--nope')
  })
})
