/** Pack sources and trust as they apply now: administrator policy merged over the agent's settings. */
import * as repo from '../db/repo';
import type { StoredPack } from '../db/schema';
import type { Trust } from '../distribution/evaluate';
import { EMPTY_POLICY, mergeConfig, parsePolicy, type EffectiveConfig } from '../distribution/policy';
import { rankerOf, trustFromConfig } from '../distribution/trust';
import { parseHubState } from '../hub-client/state';
import type { ServiceDeps } from './deps';

declare const __CUECARD_DEMO__: boolean;

/*
 * Demo builds only (`__CUECARD_DEMO__`; the key is spelled out inside the demo branches so the
 * store build drops it, and test/static/check-build.mjs greps for it): the e2e suite cannot
 * write Chromium's policy folder (/etc/chromium/policies/managed/), so it puts a policy object
 * under 'cuecard-demo-managed-policy' in chrome.storage.session, which web pages and content
 * scripts cannot reach. When set, it stands in for chrome.storage.managed.
 */
async function managedPolicy(storage: ServiceDeps['browser']['storage']): Promise<unknown> {
  // typeof: unit tests run this file without Vite's define.
  if (typeof __CUECARD_DEMO__ === 'undefined' || !__CUECARD_DEMO__) return storage.managed.get(null);
  const demo = (await storage.session.get('cuecard-demo-managed-policy'))['cuecard-demo-managed-policy'];
  return demo ?? storage.managed.get(null);
}

/** Whether a storage change is a change of policy (the demo stand-in counts in demo builds). */
export function isPolicyChange(changes: Record<string, unknown>, area: string): boolean {
  if (area === 'managed') return true;
  if (typeof __CUECARD_DEMO__ === 'undefined' || !__CUECARD_DEMO__) return false;
  return area === 'session' && 'cuecard-demo-managed-policy' in changes;
}

export function createPackConfig({ db, browser }: ServiceDeps) {
  /**
   * Administrator policy from chrome.storage.managed (schema: public/managed_schema.json).
   * Unmanaged browsers answer {}; Firefox without a policy file throws: both mean no policy.
   */
  async function readPolicy() {
    try {
      return parsePolicy(await managedPolicy(browser.storage));
    } catch {
      return { policy: EMPTY_POLICY, problems: [] };
    }
  }

  /** The raw policy object (the team hub reads its own keys from it, lib/hub-client/state.ts). */
  async function rawPolicy(): Promise<unknown> {
    return managedPolicy(browser.storage).catch(() => ({}));
  }

  /**
   * Pack sources and trust as they apply now: policy merged over the agent's settings, plus
   * the team hub's per-agent feed URLs while enrolled (lib/background/hub.ts), so the
   * subscription code fetches them unchanged. An agent's own enrolment counts as the agent's
   * setting: policy's lockSettings leaves it out.
   */
  async function effectiveConfig(): Promise<EffectiveConfig> {
    const [settings, { policy, problems }, hubRow] = await Promise.all([repo.getSettings(db), readPolicy(), db.kv.get('hub')]);
    const merged = mergeConfig(settings, policy, problems);
    const hub = parseHubState(hubRow?.value);
    if (hub && (hub.source === 'policy' || !merged.locked)) {
      const have = new Set(merged.subscriptions.map((s) => s.url));
      for (const url of hub.packUrls) if (!have.has(url)) merged.subscriptions.push({ url, source: 'hub' });
    }
    return merged;
  }

  /** The keys in force (with key ids and bindings), and each stored release's rank under them. */
  async function trustNow(): Promise<{ config: EffectiveConfig; trust: Trust; rankOf: (row: StoredPack) => number }> {
    const config = await effectiveConfig();
    const trust = await trustFromConfig(config);
    return { config, trust, rankOf: rankerOf(trust) };
  }

  return { readPolicy, rawPolicy, effectiveConfig, trustNow };
}

export type PackConfig = ReturnType<typeof createPackConfig>;
