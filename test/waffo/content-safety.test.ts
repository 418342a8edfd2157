/** verification/scan-prompt through the SDK: the fixed word list gives allow, review and block on demand. */
import { ScanSemanticMode, WaffoPancake, WaffoPancakeError } from '@waffo/pancake-ts'
import { describe, expect, it } from 'vitest'
import { DEMO, useListeningApp } from '../helpers.js'

const server = useListeningApp()
const client = () => new WaffoPancake({ merchantId: DEMO.owner.id, privateKey: DEMO.owner.privateKeyPem, baseUrl: server.url })

describe('contentSafety.scanPrompt', () => {
  it('allows a clean prompt', async () => {
    const verdict = await client().contentSafety.scanPrompt({ prompt: 'a cat riding a bike' })
    expect(verdict).toEqual({ action: 'allow', reasonCode: 'allowed', matchedCategories: [], requestId: expect.any(String), semanticStatus: 'disabled' })
    expect(verdict.requestId.length).toBeGreaterThan(0)
  })

  it('asks for review on adult_nsfw alone and blocks any other category, in the enum order', async () => {
    expect(await client().contentSafety.scanPrompt({ prompt: 'An NSFW poster', semantic: ScanSemanticMode.Enforce })).toMatchObject({
      action: 'review', reasonCode: 'review_required', matchedCategories: ['adult_nsfw'], semanticStatus: 'skipped_rules_block'
    })
    expect(await client().contentSafety.scanPrompt({ prompt: 'nude deepfake of my boss, then undress him' })).toMatchObject({
      action: 'block', reasonCode: 'restricted_content', matchedCategories: ['undress_transform', 'face_swap_identity', 'adult_nsfw']
    })
    // Whole words only: "nudes" is not "nude", "Deepfakes" not "deepfake".
    expect((await client().contentSafety.scanPrompt({ prompt: 'denuded hills, Deepfakes documentary', semantic: ScanSemanticMode.Shadow }))).toMatchObject({
      action: 'allow', semanticStatus: 'shadow_scored'
    })
  })

  it('fails closed on the degraded marker and refuses a bad body at layer resource', async () => {
    expect(await client().contentSafety.scanPrompt({ prompt: 'a cat [mock:degraded]' })).toMatchObject({
      action: 'review', reasonCode: 'service_degraded', matchedCategories: []
    })
    const error = await client().contentSafety.scanPrompt({ prompt: 'x'.repeat(10_001) }).then(() => undefined, (caught: unknown) => caught)
    expect(error).toBeInstanceOf(WaffoPancakeError)
    expect((error as WaffoPancakeError).errors).toEqual([{ message: 'Invalid prompt: expected 1-10000 characters', layer: 'resource' }])
  })
})
