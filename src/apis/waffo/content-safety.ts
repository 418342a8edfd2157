/**
 * contentSafety.scanPrompt, deterministic: a fixed, documented list of blocked words per
 * ScanPolicyCategory (README "Content safety", docs/fidelity.md), so a suite can reach every
 * outcome. Words match case-insensitively as whole words (no letter or digit on either side).
 */
export const SCAN_CATEGORIES = [
  'csam_minor', 'sexual_violence_nonconsensual', 'undress_transform', 'face_swap_identity', 'bestiality_restricted', 'adult_nsfw'
] as const
export type ScanCategory = typeof SCAN_CATEGORIES[number]

export const BLOCKED_WORDS: Record<ScanCategory, readonly string[]> = {
  csam_minor: ['underage', 'minor explicit', 'child explicit'],
  sexual_violence_nonconsensual: ['nonconsensual', 'non-consensual', 'forced sex'],
  undress_transform: ['undress', 'nudify', 'remove her clothes', 'remove his clothes'],
  face_swap_identity: ['face swap', 'faceswap', 'deepfake'],
  bestiality_restricted: ['bestiality', 'zoophilia'],
  adult_nsfw: ['nsfw', 'nude', 'porn']
}

/** A prompt containing this marker answers as if the safety service were down: fail closed to review. */
export const DEGRADED_MARKER = '[mock:degraded]'

/** Only adult_nsfw alone asks for review; any other category blocks. */
const REVIEW_ONLY: ReadonlySet<ScanCategory> = new Set(['adult_nsfw'])

export interface ScanVerdict {
  action: 'allow' | 'review' | 'block'
  reasonCode: 'allowed' | 'review_required' | 'restricted_content' | 'service_degraded'
  matchedCategories: ScanCategory[]
  requestId: string
  semanticStatus: 'disabled' | 'scored' | 'shadow_scored' | 'skipped_rules_block' | 'skipped_budget' | 'provider_timeout' | 'provider_error'
}

const escape = (word: string) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
const MATCHERS = SCAN_CATEGORIES.map((category) =>
  [category, new RegExp(`(?<![\\p{L}\\p{N}])(?:${BLOCKED_WORDS[category].map(escape).join('|')})(?![\\p{L}\\p{N}])`, 'iu')] as const)

export function scanPrompt (prompt: string, semantic: 'off' | 'shadow' | 'enforce' = 'off', requestId: string): ScanVerdict {
  if (prompt.includes(DEGRADED_MARKER)) {
    return { action: 'review', reasonCode: 'service_degraded', matchedCategories: [], requestId, semanticStatus: semantic === 'off' ? 'disabled' : 'provider_timeout' }
  }
  const matched = MATCHERS.filter(([, pattern]) => pattern.test(prompt)).map(([category]) => category)
  const blocked = matched.some((category) => !REVIEW_ONLY.has(category))
  const semanticStatus = semantic === 'off' ? 'disabled' : matched.length > 0 ? 'skipped_rules_block' : semantic === 'shadow' ? 'shadow_scored' : 'scored'
  if (blocked) return { action: 'block', reasonCode: 'restricted_content', matchedCategories: matched, requestId, semanticStatus }
  if (matched.length > 0) return { action: 'review', reasonCode: 'review_required', matchedCategories: matched, requestId, semanticStatus }
  return { action: 'allow', reasonCode: 'allowed', matchedCategories: [], requestId, semanticStatus }
}
