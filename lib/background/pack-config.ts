import * as repo from '../db/repo';
import type { Trust } from '../packs/evaluate';
import { EMPTY_POLICY, mergeConfig, parsePolicy, type EffectiveConfig } from '../packs/policy';
import type { ServiceDeps } from './deps';

export function trustOf(config: EffectiveConfig): Trust {
  return { keys: config.trustedKeys.map((k) => ({ publicKey: k.publicKey })), allowUnsigned: config.allowUnsigned };
}

export function createPackConfig({ db, browser }: ServiceDeps) {
  /**
   * Administrator policy from chrome.storage.managed (schema: public/managed_schema.json).
   * Unmanaged browsers answer {}; Firefox without a policy file throws: both mean no policy.
   */
  async function readPolicy() {
    try {
      return parsePolicy(await browser.storage.managed.get(null));
    } catch {
      return { policy: EMPTY_POLICY, problems: [] };
    }
  }

  /** Pack sources and trust as they apply now: policy merged over the agent's settings. */
  async function effectiveConfig(): Promise<EffectiveConfig> {
    const [settings, { policy, problems }] = await Promise.all([repo.getSettings(db), readPolicy()]);
    return mergeConfig(settings, policy, problems);
  }

  return { readPolicy, effectiveConfig };
}

export type PackConfig = ReturnType<typeof createPackConfig>;
