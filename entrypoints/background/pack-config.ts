import { browser } from 'wxt/browser';
import * as repo from '@/lib/db/repo';
import type { CuecardDb } from '@/lib/db/schema';
import type { Trust } from '@/lib/packs/evaluate';
import { EMPTY_POLICY, mergeConfig, parsePolicy, type EffectiveConfig } from '@/lib/packs/policy';

/**
 * Administrator policy from chrome.storage.managed (schema: public/managed_schema.json).
 * Unmanaged browsers answer {}; Firefox without a policy file throws: both mean no policy.
 */
export async function readPolicy() {
  try {
    return parsePolicy(await browser.storage.managed.get(null));
  } catch {
    return { policy: EMPTY_POLICY, problems: [] };
  }
}

/** Pack sources and trust as they apply now: policy merged over the agent's settings. */
export async function effectiveConfig(d: CuecardDb): Promise<EffectiveConfig> {
  const [settings, { policy, problems }] = await Promise.all([repo.getSettings(d), readPolicy()]);
  return mergeConfig(settings, policy, problems);
}

export function trustOf(config: EffectiveConfig): Trust {
  return { keys: config.trustedKeys.map((k) => ({ publicKey: k.publicKey })), allowUnsigned: config.allowUnsigned };
}
